/**
 * Scale (issue 14): a burst of due-date edits, an issue 100 dependencies wait on, the cycle check over 10,000
 * reachable work items, the page rollup's size with 100,000 open dependencies, and the project page against a
 * baseline of count queries. Each figure is printed beside its goal with a verdict.
 * Run: npm run bench   (or: npx tsx bench/scale.bench.ts)
 * Sizes: BENCH_BURST=1000 (edits), BENCH_REACH=10000 (reachable), BENCH_OPEN_DEPS=100000, BENCH_PAGE=10000.
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { invoke } from '../test/support/platform';
import { localDate } from '../src/app/kernel/dates';
import {
  bytesRead,
  jqlCount,
  lead,
  links,
  median,
  printVerdicts,
  random,
  realisticProject,
  type Verdict,
} from './scale-support';
import { rollupModel } from './scale-model';

const BURST = Number(process.env.BENCH_BURST ?? 1000);
const REACH = Number(process.env.BENCH_REACH ?? 10_000);
const OPEN_DEPS = Number(process.env.BENCH_OPEN_DEPS ?? 100_000);
const PAGE_SIZE = Number(process.env.BENCH_PAGE ?? 10_000);
const PAGE = 'collab-project-page';
const PANEL = 'collab-issue-panel';

const platform = (keep = 50_000) =>
  createPlatform({ dataDir: null, siteUrl: 'http://bench.local', startAt: TEST_START, keepInvocations: keep });

async function overview(p: Platform, key: string) {
  const r = await invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, 'getProjectOverview');
  if (!r.env.ok) throw new Error(r.env.error.message);
  return { data: r.env.data, record: r.record as { kvsOps: number; jiraCalls: number } };
}

const setDue = (p: Platform, key: string, due: string) =>
  p.jira.handle({
    method: 'PUT',
    path: `/rest/api/3/issue/${key}`,
    body: JSON.stringify({ fields: { duedate: due } }),
    actor: { kind: 'user', accountId: lead },
  });

/** Every figure the reconcile pass checks, from the page and from Jira, the page's "today" for both. */
async function recount(p: Platform, key: string) {
  const { data } = await overview(p, key);
  const today = localDate(p.clock.now(), 'Asia/Shanghai');
  const page = { issues: data.rollup.issueCount, done: data.rollup.byCategory.done, overdue: data.rollup.overdueOpen };
  const jira = {
    issues: await jqlCount(p, `project = ${key}`),
    done: await jqlCount(p, `project = ${key} AND statusCategory = Done`),
    overdue: await jqlCount(p, `project = ${key} AND statusCategory != Done AND duedate < "${today}"`),
  };
  return { page, jira, equal: JSON.stringify(page) === JSON.stringify(jira) };
}

/** 1. The burst, and 2. the issue 100 dependencies wait on, in one realistic project. */
async function burstAndFanOut(): Promise<Verdict[]> {
  const p = await platform();
  const key = 'BURST';
  const size = Math.max(2000, BURST);
  await realisticProject(p, key, size, true);
  // KEY-1 is provided to 100 issues; 300 more dependencies spread over the project.
  const pairs: Array<[string, string]> = Array.from({ length: 100 }, (_, i) => [`${key}-1`, `${key}-${i + 2}`]);
  const rnd = random(7);
  for (let i = 0; i < 300; i++) {
    const a = 200 + Math.floor(rnd() * (size - 400));
    pairs.push([`${key}-${a}`, `${key}-${a + 1 + Math.floor(rnd() * 150)}`]);
  }
  await links(p, pairs);
  await overview(p, key);
  const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);

  let mark = p.host.invocationMark();
  await setDue(p, `${key}-1`, day(400));
  await p.settle();
  const fan = p.host.invocationsSince(mark).filter((i) => i.moduleKey === 'issue-events');
  const fanOps = Math.max(...fan.map((i) => i.kvsOps));

  // The burst: a bulk edit of BURST issues, every event in flight at once.
  const edited = Array.from({ length: BURST }, (_, i) => `${key}-${101 + ((i * 7919) % (size - 100))}`);
  mark = p.host.invocationMark();
  await Promise.all(edited.map((k, i) => setDue(p, k, day(-365 + ((i * 389) % 1095)))));
  await p.settle();
  const events = p.host.invocationsSince(mark).filter((i) => i.moduleKey === 'issue-events');
  const failed = events.filter((i) => !i.ok).length;
  const opsMedian = median(events.map((i) => i.kvsOps));
  const opsTotal = events.reduce((a, i) => a + i.kvsOps, 0);
  const afterStorm = await recount(p, key);
  mark = p.host.invocationMark();
  await p.host.runScheduled('rollup-reconcile');
  const pass = p.host.invocationsSince(mark).find((i) => i.moduleKey === 'rollup-reconcile')!;
  const afterRepair = await recount(p, key);
  const bytes = await bytesRead(p, () => overview(p, key));
  p.close();
  const show = (r: typeof afterStorm) =>
    `overdue ${r.page.overdue} vs Jira ${r.jira.overdue}, issues ${r.page.issues}/${r.jira.issues}, done ${r.page.done}/${r.jira.done}`;
  return [
    {
      scenario: `${BURST.toLocaleString('en')} due-date edits at once (${size.toLocaleString('en')} issues, 40 versions, 400 dependencies)`,
      figure: `${failed} of ${events.length} events failed; ${opsTotal.toLocaleString('en')} KVS ops`,
      goal: '0 events lost (failed ones are retried by the events queue)',
      pass: failed === 0,
    },
    {
      scenario: 'same burst: KVS ops per event',
      figure: `median ${opsMedian}`,
      goal: '≤ 6',
      pass: opsMedian <= 6,
    },
    {
      scenario: 'same burst: figures against a recount from Jira',
      figure: `after the storm: ${show(afterStorm)}; after one reconcile pass (${pass.kvsOps} KVS, ${pass.jiraCalls} Jira): ${show(afterRepair)}`,
      goal: 'equal after at most one repair pass',
      pass: afterRepair.equal,
    },
    {
      scenario: 'same project: page open reads',
      figure: `${(bytes.bytes / 1024).toFixed(1)} KB (${bytes.result.record.kvsOps} KVS, ${bytes.result.record.jiraCalls} Jira)`,
      goal: '≤ 64 KB',
      pass: bytes.bytes <= 64 * 1024,
    },
    {
      scenario: 'due date of a work item 100 dependencies wait on',
      figure: `${fanOps} KVS ops`,
      goal: '≤ 20 KVS ops',
      pass: fanOps <= 20,
    },
  ];
}

/** 3. The cycle check with REACH work items reachable from the new dependency's target. */
async function cycleCheck(): Promise<Verdict[]> {
  const p = await platform(5000);
  const key = 'CHAIN';
  await realisticProject(p, key, REACH + 2, false);
  // A chain: KEY-1 → KEY-2 → … → KEY-(REACH+1); everything after KEY-1 waits on it.
  await links(
    p,
    Array.from({ length: REACH }, (_, i) => [`${key}-${i + 1}`, `${key}-${i + 2}`] as [string, string]),
    200,
  );
  const due = new Date(p.clock.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  const create = (issueKey: string, other: string) =>
    invoke(p, { moduleKey: PANEL, accountId: lead, issueKey }, 'createDependency', {
      otherIssueKey: other,
      direction: 'upstream',
      deliverable: 'bench',
      needBy: due,
    });
  // KEY-1 waits on a new upstream: the check walks all REACH issues after KEY-1 and finds no cycle.
  const made = await create(`${key}-1`, `${key}-${REACH + 2}`);
  // KEY-1 waits on the chain's end: a cycle through every issue of the chain.
  const refused = await create(`${key}-1`, `${key}-${REACH + 1}`);
  p.close();
  const r = (x: typeof made) => x.record as { kvsOps: number; jiraCalls: number };
  const answer = (x: typeof made) => (x.env.ok ? 'created' : x.env.error.message.slice(0, 60));
  return [
    {
      scenario: `cycle check, ${REACH.toLocaleString('en')} reachable work items, no cycle`,
      figure: `${r(made).kvsOps} KVS ops, ${r(made).jiraCalls} Jira; ${answer(made)}`,
      goal: '≤ 10 KVS ops, not refused',
      pass: r(made).kvsOps <= 10 && made.env.ok,
    },
    {
      scenario: `cycle check, ${REACH.toLocaleString('en')} reachable work items, closes a cycle`,
      figure: `${r(refused).kvsOps} KVS ops; ${answer(refused)}…`,
      goal: '≤ 10 KVS ops, refused as a cycle (not as too deep)',
      pass: r(refused).kvsOps <= 10 && !refused.env.ok && refused.env.error.message.includes('cycle'),
    },
  ];
}

/** 4. What the page and the graph would hold with OPEN_DEPS open dependencies, from the app's own functions. */
function rollupSize(): Verdict[] {
  const m = rollupModel(OPEN_DEPS);
  return [
    {
      scenario: `rollup with ${OPEN_DEPS.toLocaleString('en')} open dependencies (modelled with the app's write functions)`,
      figure: `page open reads ${(m.rollupBytes / 1024).toFixed(1)} KB (largest rollup shard ${(m.largestRollupShard / 1024).toFixed(1)} KB)`,
      goal: '≤ 64 KB',
      pass: m.rollupBytes <= 64 * 1024,
    },
    {
      scenario: 'same: largest record',
      figure: `graph shard ${(m.largestGraphShard / 1024).toFixed(1)} KB of ${m.graphShards} (whole graph ${(m.graphBytes / 1048576).toFixed(1)} MB)`,
      goal: 'well below the 240 KiB value limit (< 180 KiB)',
      pass: m.largestGraphShard < 180 * 1024 && m.largestRollupShard < 180 * 1024,
    },
  ];
}

/** 5. The project page against a baseline that asks Jira for counts, and the naive scan. */
async function pageVsCounts(): Promise<Verdict[]> {
  const p = await platform(PAGE_SIZE * 3 + 2000);
  const key = 'PAGE';
  await realisticProject(p, key, PAGE_SIZE, true);
  await overview(p, key);
  const page = (await overview(p, key)).record;
  const pageCalls = 1 + page.kvsOps + page.jiraCalls;
  // The baseline asks Jira for every count the page shows that a count query can give, in one invocation: the
  // project and its versions, issues by status category, overdue, RACI-complete open issues, and per version
  // its issues, done and overdue; plus the page's own records (4 KVS). It leaves out what no count query gives
  // (burn-ups, on-time rates), which favours it.
  const versions = 40;
  const counts = 2 + 3 + 1 + 1 + 1 + versions * 3;
  const baseline = 1 + 4 + counts;
  // The naive baseline: every issue, 100 a page.
  const naive = 1 + 4 + 2 + Math.ceil(PAGE_SIZE / 100);
  p.close();
  return [
    {
      scenario: `project page vs a count-query baseline, ${PAGE_SIZE.toLocaleString('en')} work items, 40 versions`,
      figure: `${pageCalls} remote calls (1 invoke, ${page.kvsOps} KVS, ${page.jiraCalls} Jira) vs ${baseline}: ${(baseline / pageCalls).toFixed(1)}× fewer (naive scan ${naive}: ${(naive / pageCalls).toFixed(1)}×)`,
      goal: '≥ 50× fewer',
      pass: baseline / pageCalls >= 50,
    },
  ];
}

/** BENCH_ONLY=size,burst,cycle,page runs only those sections. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'size,burst,cycle,page').split(','));

async function main() {
  const rows: Verdict[] = [];
  if (ONLY.has('size')) rows.push(...rollupSize());
  if (ONLY.has('burst')) rows.push(...(await burstAndFanOut()));
  if (ONLY.has('cycle')) rows.push(...(await cycleCheck()));
  if (ONLY.has('page')) rows.push(...(await pageVsCounts()));
  printVerdicts('Scale (issue 14): figure, goal, verdict', rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

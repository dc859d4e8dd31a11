/**
 * The project page (issue 6) as the project grows: opening the page (its summary: milestone health, figures,
 * trend, risk and action counts) from the rollup, beside a full-scan baseline that reads every issue of the
 * project, the versions and the page's own records and computes the same; and what each section costs
 * when opened. Then the long lists: a project with 250 risks and 250 action items, what the first page of each
 * costs and what walking every page costs (20 a page as the UI shows them, 100 a page as the exports read them).
 * Then the built apps' gzipped sizes.
 * Run: npm run bench   (sizes: BENCH_SIZES=1000,10000; runs: BENCH_RUNS=10)
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { replaySeedAsEvents } from '../sandbox/seed/replay-events';
import { invoke } from '../test/support/platform';
import { BUNDLE_BUDGET_KB, measureBundle, type AppName } from '../test/support/bundle';
import { bigProject, fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const lead = SEED_USERS.gaoYuan.accountId;
const PAGE = 'collab-project-page';
const RECORDS = { risks: 40, actions: 60 };
const LONG = { risks: 250, actions: 250 };

async function measure(call: () => Promise<{ record: unknown }>, n = RUNS): Promise<Sample[]> {
  await call();
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(fromRecord((await call()).record as never));
  return out;
}

/** The page's own records, written through its resolver as the project lead. */
async function records(p: Platform, key: string, counts: { risks: number; actions: number } = RECORDS): Promise<void> {
  const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const call = async (fn: string, payload: unknown) => {
    const { env } = await invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, fn, payload);
    if (!env.ok) throw new Error(`${fn}: ${env.error.message}`);
    return env.data;
  };
  const people = SEED_USERS.map((u) => u.accountId);
  for (let i = 0; i < counts.risks; i++) {
    await call('saveRisk', {
      title: `Risk ${i}`,
      probability: (i % 5) + 1,
      impact: ((i * 3) % 5) + 1,
      ownerAccountId: people[i % people.length],
      status: i % 4 === 0 ? 'closed' : 'open',
      reviewDate: day(i % 20),
      expectedVersion: null,
    });
  }
  const retro = await call('saveRetrospective', {
    versionId: null,
    heldOn: day(-1),
    wentWell: 'w',
    toImprove: 't',
    scores: { communication: 4, accountability: 3, resources: 4, resolution: 5 },
    tags: ['x'],
    expectedVersion: null,
  });
  for (let i = 0; i < counts.actions; i++) {
    await call('saveAction', {
      retrospectiveId: retro.id,
      title: `Action ${i}`,
      ownerAccountId: people[i % people.length],
      dueDate: day((i % 30) - 15),
      status: i % 3 === 0 ? 'done' : 'open',
      expectedVersion: null,
    });
  }
}

/**
 * The baseline: what the page costs without a rollup. Every issue through /search/jql (100 a page) with the
 * fields milestone health and the figures need, the project and its versions, and the page's records.
 */
async function fullScan(p: Platform, key: string): Promise<{ sample: Sample; issues: number; done: number }> {
  const t0 = performance.now();
  let jiraCalls = 2; // the project and its versions, as the rollup path reads them
  let token: string | undefined;
  let issues = 0;
  let done = 0;
  do {
    const r = await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: JSON.stringify({
        jql: `project = ${key}`,
        fields: [
          'status',
          'duedate',
          'fixVersions',
          'created',
          'statuscategorychangedate',
          'customfield_10100',
          'customfield_10101',
        ],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      }),
      actor: { kind: 'user', accountId: lead },
    });
    jiraCalls += 1;
    const body = JSON.parse(r.body) as {
      issues: Array<{ fields: { status: { statusCategory: { key: string } } } }>;
      nextPageToken?: string;
    };
    issues += body.issues.length;
    done += body.issues.filter((i) => i.fields.status.statusCategory.key === 'done').length;
    token = body.nextPageToken;
  } while (token);
  // Risks, retrospectives, action items, milestone plans: one query page of up to 100 each.
  const kvsOps = Math.ceil(RECORDS.risks / 100) + 1 + Math.ceil(RECORDS.actions / 100) + 1;
  return { sample: { kvsOps, jiraCalls, ms: performance.now() - t0 }, issues, done };
}

/**
 * The long lists: the first page as the section opens it, then every page to the end. A walk is one row: its
 * invocations, and the KVS operations and Jira calls of all of them together.
 */
async function longLists(): Promise<{ rows: Row[]; notes: Array<Record<string, string | number>> }> {
  const p = await createPlatform({
    dataDir: null,
    siteUrl: 'http://bench.local',
    startAt: TEST_START,
    keepInvocations: 5000,
  });
  const key = 'PLONG';
  await bigProject(p, key, 50, lead, 2);
  await records(p, key, LONG);
  const size = `${LONG.risks} risks, ${LONG.actions} action items`;
  const as = (fn: string, payload: unknown) =>
    invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, fn, payload);
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  rows.push(summarize('first page: listRisks (20)', size, 1, await measure(() => as('listRisks', { limit: 20 }), 5)));
  rows.push(
    summarize(
      'first page: listRetrospectives (all retrospectives, 20 action items)',
      size,
      1,
      await measure(() => as('listRetrospectives', { limit: 20 }), 5),
    ),
  );
  async function walk(
    label: string,
    first: { fn: string; payload: unknown; next: (d: any) => string | null; count: (d: any) => number },
    then: string,
    limit: number,
  ) {
    const t0 = performance.now();
    let sample: Sample = { kvsOps: 0, jiraCalls: 0, ms: 0 };
    let calls = 0;
    let seen = 0;
    let cursor: string | null | undefined;
    const add = (r: Awaited<ReturnType<typeof as>>): any => {
      if (!r.env.ok) throw new Error(r.env.error.message);
      const s = fromRecord(r.record as never);
      sample = { kvsOps: sample.kvsOps + s.kvsOps, jiraCalls: sample.jiraCalls + s.jiraCalls, ms: 0 };
      calls += 1;
      return r.env.data;
    };
    const d0 = add(await as(first.fn, first.payload));
    seen += first.count(d0);
    cursor = first.next(d0);
    while (cursor) {
      const d = add(await as(then, { limit, cursor }));
      seen += (d.risks ?? d.actions).length;
      cursor = d.next;
    }
    sample.ms = performance.now() - t0;
    rows.push(summarize(label, size, calls, [sample]));
    return seen;
  }
  const risks = (d: any) => d.risks.length;
  const seenRisks = await walk(
    'walk all pages: risks, 20 a page',
    { fn: 'listRisks', payload: { limit: 20 }, next: (d) => d.next, count: risks },
    'listRisks',
    20,
  );
  await walk(
    'export: every risk, 100 a page',
    { fn: 'listRisks', payload: { limit: 100 }, next: (d) => d.next, count: risks },
    'listRisks',
    100,
  );
  const seenActions = await walk(
    'walk all pages: action items, 20 a page',
    { fn: 'listRetrospectives', payload: { limit: 20 }, next: (d) => d.actionsNext, count: (d) => d.actions.length },
    'listActions',
    20,
  );
  await walk(
    'export: every action item, 100 a page',
    { fn: 'listActions', payload: { limit: 100 }, next: (d) => d.next, count: (d) => d.actions.length },
    'listActions',
    100,
  );
  rows.push(
    summarize(
      'next page: listActions (20)',
      size,
      1,
      await measure(async () => {
        const first = await as('listRetrospectives', { limit: 20 });
        return as('listActions', { limit: 20, cursor: first.env.ok ? first.env.data.actionsNext : undefined });
      }, 5),
    ),
  );
  notes.push({
    'every record seen once (risks, action items)': `${seenRisks === LONG.risks && seenActions === LONG.actions ? 'yes' : 'NO'} (${seenRisks}/${LONG.risks}, ${seenActions}/${LONG.actions})`,
  });
  p.close();
  return { rows, notes };
}

function bundleSizes(): Array<Record<string, string>> {
  return (Object.keys(BUNDLE_BUDGET_KB) as AppName[]).map((app): Record<string, string> => {
    const m = measureBundle(app);
    if (!m) return { app, 'first load, gzipped JS': 'not built (npm run build:ui)' };
    return {
      app,
      'first load, gzipped JS': `${(m.initialBytes / 1024).toFixed(1)} KB (budget ${BUNDLE_BUDGET_KB[app]} KB)`,
      'all JS incl. lazy sections and charts, gzipped': `${(m.allBytes / 1024).toFixed(1)} KB`,
    };
  });
}

async function main() {
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  for (const size of SIZES) {
    const p = await createPlatform({
      dataDir: null,
      siteUrl: 'http://bench.local',
      startAt: TEST_START,
      keepInvocations: size * 3 + 2000,
    });
    const key = `PP${size}`;
    await bigProject(p, key, size, lead, 4);
    await replaySeedAsEvents(
      p.jira,
      (e) => p.host.deliver(e, false),
      lead,
      new Date(p.clock.now()),
      `project = ${key} ORDER BY key ASC`,
      async () => p.settle(),
    );
    await p.settle();
    await records(p, key);

    const open = () => invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, 'getProjectOverview');
    const summary = (await open()).env;
    if (!summary.ok) throw new Error(summary.error.message);
    const pageRow = summarize('open project page (rollup)', `${size} issues`, 1, await measure(open));
    rows.push(pageRow);
    const scans: Sample[] = [];
    let scanned = { issues: 0, done: 0 };
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const s = await fullScan(p, key);
      scans.push(s.sample);
      scanned = s;
    }
    const scanRow = summarize('open project page by full scan (baseline)', `${size} issues`, 1, scans);
    rows.push(scanRow);
    for (const fn of ['listRisks', 'listRetrospectives', 'getCharter', 'getAgenda']) {
      rows.push(
        summarize(
          `open section: ${fn}`,
          `${size} issues`,
          1,
          await measure(() => invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, fn), Math.min(RUNS, 5)),
        ),
      );
    }
    const r = summary.data.rollup;
    notes.push({
      size,
      'rollup equals the scan (issues, done)': `${r.issueCount === scanned.issues && r.byCategory.done === scanned.done ? 'yes' : 'NO'} (${r.issueCount}/${scanned.issues}, ${r.byCategory.done}/${scanned.done})`,
      'remote calls, full scan / rollup': `${scanRow.kvsOps + scanRow.jiraCalls} / ${pageRow.kvsOps + pageRow.jiraCalls}`,
      'modelled time ratio (scan / rollup)': (scanRow.modelledMs / pageRow.modelledMs).toFixed(1),
      'server time ratio p50 (scan / rollup)': (scanRow.p50 / pageRow.p50).toFixed(1),
    });
    p.close();
  }
  printTable(
    `Project page: remote calls per open (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call, one after another)`,
    rows,
    notes,
  );
  const long = await longLists();
  printTable(
    "Project page, long lists: a page at a time (KVS ops and Jira calls summed over a walk's invocations)",
    long.rows,
    long.notes,
  );
  console.log('\n## Built apps');
  for (const b of bundleSizes())
    console.log(
      Object.entries(b)
        .map(([k, v]) => `${k}: ${v}`)
        .join('  '),
    );
}

void main();

/**
 * Cross-department dependencies: the graph algorithms over 100,000 dependencies beside a plain depth-first
 * traversal of the same graph, and the remote calls of the panel (200 dependencies), a link event and the
 * project page's dependency section on the sandbox.  Run: npm run bench   (or: npx tsx bench/dependencies.bench.ts)
 * Sizes: BENCH_EDGES=100000 (edges), BENCH_RUNS=15.
 */
import { createPlatform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { invoke } from '../test/support/platform';
import { criticalPath, cycleIfAdded, successorsOf, type GraphEdge } from '../src/domain/dependencies/dependency-graph';
import { fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const EDGES = Number(process.env.BENCH_EDGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A project-like DAG: nodes in a random order, each edge from an earlier to a later node, mostly short hops. */
function randomDag(edges: number, nodes: number, seed = 42): GraphEdge[] {
  let s = seed;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const out: GraphEdge[] = [];
  for (let k = 0; k < edges; k++) {
    const a = Math.floor(rnd() * (nodes - 1));
    const span = rnd() < 0.9 ? 1 + Math.floor(rnd() * 50) : 1 + Math.floor(rnd() * (nodes - a - 1));
    const b = Math.min(nodes - 1, a + span);
    out.push({ id: `d${k}`, from: `ISSUE-${a}`, to: `ISSUE-${b}`, weight: 1 + Math.floor(rnd() * 10) });
  }
  return out;
}

/** The baseline: one plain recursive-free depth-first traversal visiting every node and edge once. */
function plainDfs(edges: readonly GraphEdge[]): number {
  const succ = new Map<string, string[]>();
  for (const e of edges) {
    const l = succ.get(e.from);
    if (l) l.push(e.to);
    else succ.set(e.from, [e.to]);
  }
  const seen = new Set<string>();
  let visited = 0;
  for (const root of succ.keys()) {
    if (seen.has(root)) continue;
    const stack = [root];
    seen.add(root);
    while (stack.length > 0) {
      const n = stack.pop()!;
      visited++;
      for (const m of succ.get(n) ?? []) {
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
  }
  return visited;
}

function time(fn: () => unknown): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  // 1. Algorithms.
  const edges = randomDag(EDGES, Math.floor(EDGES / 2));
  const dfs = median(time(() => plainDfs(edges)));
  // Worst case for the cycle check: the new edge's target reaches (almost) everything and no cycle is found,
  // so the whole reachable part is walked; the adjacency is built inside the timing, as the app would.
  const cycleWorst = median(time(() => cycleIfAdded(successorsOf(edges), 'ISSUE-NEW', 'ISSUE-0')));
  const closing = median(
    time(() => cycleIfAdded(successorsOf(edges), `ISSUE-${Math.floor(EDGES / 2) - 1}`, 'ISSUE-0')),
  );
  const cp = median(time(() => criticalPath(edges)));
  const path = criticalPath(edges);
  console.log(
    `\n## Dependency graph over ${EDGES.toLocaleString('en')} dependencies (${Math.floor(EDGES / 2).toLocaleString('en')} issues), median of ${RUNS}`,
  );
  console.log('| algorithm | median ms | ratio to plain DFS | limit |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| plain depth-first traversal (baseline) | ${dfs.toFixed(1)} | 1.00 | |`);
  console.log(
    `| cycle check, no cycle (walks all that the target reaches) | ${cycleWorst.toFixed(1)} | ${(cycleWorst / dfs).toFixed(2)} | 200 ms |`,
  );
  console.log(`| cycle check that finds a cycle | ${closing.toFixed(1)} | ${(closing / dfs).toFixed(2)} | 200 ms |`);
  console.log(`| critical path (Kahn order + longest path) | ${cp.toFixed(1)} | ${(cp / dfs).toFixed(2)} | 200 ms |`);
  console.log(
    `critical path found: ${path.nodes.length} issues, ${path.length} working days; cycle check + critical path together: ${(cycleWorst + cp).toFixed(1)} ms`,
  );

  // 2. Remote calls on the sandbox.
  const p = await createPlatform({
    dataDir: null,
    siteUrl: 'http://bench.local',
    startAt: TEST_START,
    keepInvocations: 20_000,
  });
  const lead = SEED_USERS.gaoYuan.accountId;
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  const admin = p.jira.admin;
  admin.createProject({
    key: 'DEPB',
    name: 'Dependency bench',
    leadAccountId: lead,
    grants: [
      { permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: lead } },
      { permission: 'LINK_ISSUES', holder: { type: 'user', accountId: lead } },
    ],
  });
  const due = (d: number) => new Date(p.clock.now() + d * 86_400_000).toISOString().slice(0, 10);
  const raci = { 'raci-responsible': [SEED_USERS.luoBin.accountId], 'raci-accountable': SEED_USERS.zhaoMin.accountId };
  admin.transaction(() => {
    for (let i = 0; i <= 601; i++)
      admin.createIssue({
        projectKey: 'DEPB',
        issueType: 'Task',
        summary: `Bench ${i}`,
        status: 'To Do',
        dueDate: due(i % 20),
        appFields: raci,
      });
  });
  const before = p.host.invocationMark();
  // DEPB-1 waits on 100 issues and 100 issues wait on it: 200 dependencies on one panel.
  for (let i = 2; i <= 201; i++) {
    const [from, to] = i <= 101 ? [`DEPB-${i}`, 'DEPB-1'] : ['DEPB-1', `DEPB-${i}`];
    await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: JSON.stringify({ type: { name: 'Blocks' }, inwardIssue: { key: from }, outwardIssue: { key: to } }),
      actor: { kind: 'app' },
    });
  }
  // A chain for the critical path, and more links spread over the project.
  for (let i = 202; i < 400; i++) {
    await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: JSON.stringify({
        type: { name: 'Blocks' },
        inwardIssue: { key: `DEPB-${i}` },
        outwardIssue: { key: `DEPB-${i + 1}` },
      }),
      actor: { kind: 'app' },
    });
  }
  // DEPB-601 waits on 200 issues: one index query page more, and more others than one bulk fetch takes.
  for (let i = 401; i <= 600; i++) {
    await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: JSON.stringify({
        type: { name: 'Blocks' },
        inwardIssue: { key: `DEPB-${i}` },
        outwardIssue: { key: 'DEPB-601' },
      }),
      actor: { kind: 'app' },
    });
  }
  await p.settle();
  const linkEvents = p.host.invocationsSince(before).filter((i) => i.moduleKey === 'link-events');
  notes.push({
    'link events': linkEvents.length,
    'KVS ops per link event, median / max': `${median(linkEvents.map((i) => i.kvsOps))} / ${Math.max(...linkEvents.map((i) => i.kvsOps))}`,
    'Jira calls per link event, max': Math.max(...linkEvents.map((i) => i.jiraCalls)),
    failed: linkEvents.filter((i) => !i.ok).length,
  });

  const measure = async (call: () => Promise<{ record: unknown }>): Promise<Sample[]> => {
    await call();
    const out: Sample[] = [];
    for (let i = 0; i < RUNS; i++) out.push(fromRecord((await call()).record as never));
    return out;
  };
  const panel = await measure(() =>
    invoke(p, { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'DEPB-1' }, 'getIssuePanel'),
  );
  rows.push(summarize('open issue panel', '200 dependencies (100 up, 100 down)', 1, panel));
  const check = await invoke(
    p,
    { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'DEPB-1' },
    'getIssuePanel',
  );
  const shown = check.env.ok ? check.env.data.dependencies : { upstream: [], downstream: [] };
  notes.push({
    'panel shows (up / down)': `${shown.upstream.length} / ${shown.downstream.length}`,
    'with owner (fetched live)': [...shown.upstream, ...shown.downstream].filter((d: { owner: unknown }) => d.owner)
      .length,
  });

  const panel200 = await measure(() =>
    invoke(p, { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'DEPB-601' }, 'getIssuePanel'),
  );
  rows.push(summarize('open issue panel', '200 dependencies (all upstream)', 1, panel200));
  const check200 = await invoke(
    p,
    { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'DEPB-601' },
    'getIssuePanel',
  );
  const up200 = check200.env.ok
    ? (check200.env.data.dependencies.upstream as Array<{ owner: unknown; other: unknown }>)
    : [];
  notes.push({
    'all-upstream panel shows': up200.length,
    'with key and summary': up200.filter((d) => d.other).length,
    'with owner (fetched live, at most 100)': up200.filter((d) => d.owner).length,
  });

  const page = await measure(() =>
    invoke(p, { moduleKey: 'collab-project-page', accountId: lead, projectKey: 'DEPB' }, 'getDependencyOverview'),
  );
  rows.push(summarize('project page: dependency section', '598 dependencies', 1, page));
  const ov = await invoke(
    p,
    { moduleKey: 'collab-project-page', accountId: lead, projectKey: 'DEPB' },
    'getDependencyOverview',
  );
  if (ov.env.ok)
    notes.push({
      'critical path issues': ov.env.data.criticalPath.issueKeys.length,
      'working days': ov.env.data.criticalPath.lengthDays,
    });

  // Creating one in the panel: the write path, with the cycle walk from the new edge's target.
  const create = await invoke(
    p,
    { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'DEPB-400' },
    'createDependency',
    {
      otherIssueKey: 'DEPB-202',
      direction: 'downstream',
      deliverable: 'bench',
      needBy: due(30),
    },
  );
  rows.push(
    summarize('create dependency in the panel (refused: closes a 199-issue cycle)', 'chain of 198', 1, [
      fromRecord(create.record as never),
    ]),
  );
  notes.push({
    'create answer': create.env.ok ? 'created' : `${create.env.error.code}: ${create.env.error.message.slice(0, 80)}…`,
  });
  p.close();

  printTable(
    `Dependencies: remote calls (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call)`,
    rows,
    notes,
  );
}

void main();

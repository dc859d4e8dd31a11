/**
 * What "my queue" (Apps → Collaboration, issue 16) costs as the projects R&D answers in multiply: 1, 20 and 200
 * projects, each with one open request to R&D made through the issue panel (so the queue index is written by
 * the app's own path). The queue reads the people index and two index partitions (the person's and the
 * department's), so its KVS operations must not follow the number of projects; the browse check is one Jira
 * project search per 50 projects in the queue. Run: npx tsx bench/cross-project.bench.ts (BENCH_PROJECTS=1,20)
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { invoke } from '../test/support/platform';
import { fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const SIZES = (process.env.BENCH_PROJECTS ?? '1,20,200').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const U = SEED_USERS;
const GOAL = { invocations: 1, kvsOps: 3 } as const;

/** `n` projects, each with an R&D issue and a Product issue waiting on it through a dependency asked in the panel. */
async function projects(p: Platform, n: number): Promise<void> {
  const admin = p.jira.admin;
  const needBy = new Date(p.clock.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const key = `Q${String(i).padStart(3, '0')}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)]!);
    const project = admin.createProject({
      key,
      name: `Queue load ${i}`,
      leadAccountId: U.gaoYuan.accountId,
      grants: [
        { permission: 'BROWSE_PROJECTS', holder: { type: 'group', group: 'jira-users' } },
        { permission: 'EDIT_ISSUES', holder: { type: 'group', group: 'jira-users' } },
        { permission: 'LINK_ISSUES', holder: { type: 'group', group: 'jira-users' } },
      ],
    });
    const issue = (summary: string, responsible: string, accountable: string) =>
      admin.createIssue({
        projectKey: key,
        issueType: 'Task',
        summary,
        status: 'To Do',
        appFields: { 'raci-responsible': [responsible], 'raci-accountable': accountable },
      });
    const up = issue(`R&D work ${i}`, U.luoBin.accountId, U.zhaoMin.accountId);
    const down = issue(`Product work ${i}`, U.gaoYuan.accountId, U.zhangWei.accountId);
    const ctx = {
      moduleKey: 'collab-issue-panel',
      accountId: U.gaoYuan.accountId,
      issueKey: down.key,
    };
    const { env } = await invoke(p, ctx, 'createDependency', {
      otherIssueKey: up.key,
      direction: 'upstream',
      deliverable: `Load deliverable ${i}`,
      needBy,
    });
    if (!env.ok) throw new Error(`bench setup failed in ${key} (${project.id}): ${env.error.message}`);
  }
  await p.settle();
}

async function main() {
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  for (const n of SIZES) {
    const p = await createPlatform({ dataDir: null, siteUrl: 'http://sandbox.test', startAt: TEST_START });
    const started = performance.now();
    await projects(p, n);
    const setupMs = performance.now() - started;
    const samples: Sample[] = [];
    let items = 0;
    let projectsSeen = 0;
    for (let r = 0; r < RUNS + 1; r++) {
      const before = p.host.invocationMark();
      const { env, record } = await invoke(
        p,
        { moduleKey: 'collab-global-page', accountId: U.luoBin.accountId },
        'getMyQueue',
      );
      if (!env.ok) throw new Error(env.error.message);
      const invocations = p.host.invocationsSince(before).length;
      if (invocations !== GOAL.invocations) throw new Error(`the queue took ${invocations} invocations`);
      items = env.data.items.length;
      projectsSeen = new Set(env.data.items.map((i: { projectKey: string }) => i.projectKey)).size;
      if (r > 0) samples.push(fromRecord(record)); // the first warms the function instance
    }
    const row = summarize("R&D's queue (罗斌 Luo Bin)", `${n} new projects`, 1, samples);
    rows.push(row);
    notes.push({
      projects: n,
      'setup ms': setupMs.toFixed(0),
      'items listed': items,
      'projects on the list': projectsSeen,
      [`KVS ops (goal ≤ ${GOAL.kvsOps})`]: row.kvsOps,
      'Jira calls (one project search per 50 projects on the list)': row.jiraCalls,
      verdict: row.kvsOps <= GOAL.kvsOps && row.invocations === GOAL.invocations ? 'PASS' : 'FAIL',
    });
    p.close();
  }
  printTable(
    `My collaboration queue across projects (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call)`,
    rows,
    notes,
  );
}

void main();

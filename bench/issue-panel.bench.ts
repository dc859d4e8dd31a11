/**
 * The issue panel with 200 dependencies (issue 14): what its first response weighs and costs, cold (the first
 * call of a function instance) and warm, and what paging through the rest costs ("Show more" in the panel).
 * Before issue 14: 129 KB answered at once; 3 Jira calls cold. Run: npm run bench   (or npx tsx bench/issue-panel.bench.ts)
 */
import { createPlatform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { invoke } from '../test/support/platform';
import { kb, verdicts } from './meter';

const lead = SEED_USERS.gaoYuan.accountId;

async function main() {
  const p = await createPlatform({
    dataDir: null,
    siteUrl: 'http://bench.local',
    startAt: TEST_START,
    keepInvocations: 5000,
  });
  const admin = p.jira.admin;
  admin.createProject({
    key: 'PNL',
    name: 'Panel bench',
    leadAccountId: lead,
    grants: [
      { permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: lead } },
      { permission: 'LINK_ISSUES', holder: { type: 'user', accountId: lead } },
    ],
  });
  const due = (d: number) => new Date(p.clock.now() + d * 86_400_000).toISOString().slice(0, 10);
  const raci = { 'raci-responsible': [SEED_USERS.luoBin.accountId], 'raci-accountable': SEED_USERS.zhaoMin.accountId };
  admin.transaction(() => {
    for (let i = 0; i <= 201; i++)
      admin.createIssue({
        projectKey: 'PNL',
        issueType: 'Task',
        summary: `Panel bench issue ${i} with a summary as long as real ones tend to be`,
        status: i % 5 === 0 ? 'Done' : 'To Do',
        dueDate: due((i % 40) - 10),
        appFields: raci,
      });
  });
  // PNL-1 waits on 100 issues and 100 issues wait on it.
  for (let i = 2; i <= 201; i++) {
    const [from, to] = i <= 101 ? [`PNL-${i}`, 'PNL-1'] : ['PNL-1', `PNL-${i}`];
    await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: JSON.stringify({ type: { name: 'Blocks' }, inwardIssue: { key: from }, outwardIssue: { key: to } }),
      actor: { kind: 'app' },
    });
  }
  await p.settle();
  const where = { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: 'PNL-1' };
  const cold = await invoke(p, where, 'getIssuePanel');
  const warm = await invoke(p, where, 'getIssuePanel');
  if (!warm.env.ok || !cold.env.ok) throw new Error('panel failed');
  const first = warm.env.data.dependencies as {
    upstream: unknown[];
    downstream: unknown[];
    totals?: { upstream: number; downstream: number };
  };
  const bytes = JSON.stringify(warm.env.data).length;

  // "Show more" until every dependency is shown, each way.
  let pages = 0;
  let maxJira = 0;
  let maxKvs = 0;
  let maxBytes = 0;
  const seen = { upstream: first.upstream.length, downstream: first.downstream.length };
  for (const direction of ['upstream', 'downstream'] as const) {
    let offset: number | null = seen[direction];
    while (offset !== null && offset < (first.totals?.[direction] ?? 0)) {
      const r = await invoke(p, where, 'getIssueDependencies', { direction, offset });
      if (!r.env.ok) throw new Error(r.env.error.message);
      const page = r.env.data as { items: unknown[]; nextOffset: number | null };
      pages += 1;
      seen[direction] += page.items.length;
      maxJira = Math.max(maxJira, r.record.jiraCalls);
      maxKvs = Math.max(maxKvs, r.record.kvsOps);
      maxBytes = Math.max(maxBytes, JSON.stringify(page).length);
      offset = page.nextOffset;
    }
  }
  p.close();
  verdicts('Issue panel with 200 dependencies (100 upstream, 100 downstream)', [
    { figure: 'first response', value: kb(bytes), goal: '≤ 32 KB (was 129 KB)', pass: bytes <= 32 * 1024 },
    {
      figure: 'dependencies in the first response (up / down), of',
      value: `${first.upstream.length} / ${first.downstream.length} of ${first.totals?.upstream} / ${first.totals?.downstream}`,
      goal: 'a first page each way, totals shown',
      pass: first.totals?.upstream === 100 && first.totals?.downstream === 100,
    },
    { figure: 'Jira calls, warm', value: String(warm.record.jiraCalls), goal: '2', pass: warm.record.jiraCalls <= 2 },
    {
      figure: 'Jira calls, cold (first call of a function instance)',
      value: String(cold.record.jiraCalls),
      goal: '2 (was 3)',
      pass: cold.record.jiraCalls <= 2,
    },
    {
      figure: 'KVS ops, warm (one batch read, two index pages of 100 dependency sides, the escalations)',
      value: String(warm.record.kvsOps),
      goal: '≤ 4 (as before)',
      pass: warm.record.kvsOps <= 4,
    },
    {
      figure: `"Show more": pages to reach all 200 / Jira calls a page / KVS ops a page / largest page`,
      value: `${pages} / ${maxJira} / ${maxKvs} / ${kb(maxBytes)}`,
      goal: 'every one reached; ≤ 2 Jira calls and ≤ 32 KB a page',
      pass: seen.upstream === 100 && seen.downstream === 100 && maxJira <= 2 && maxBytes <= 32 * 1024,
    },
  ]);
}

void main();

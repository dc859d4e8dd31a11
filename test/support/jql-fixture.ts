import { createJiraHarness, type JiraHarness } from '../../sandbox/jira/test-support';

/** What the JQL suites share: "now" (2025-06-16T02:00Z), the fixture's people, and the small exact fixture. */
export const NOW = new Date('2025-06-16T02:00:00.000Z');
export const A = 'acc-ann';
export const B = 'acc-bob';
export const C = 'acc-cat';

export const day = (d: number): Date => new Date(NOW.getTime() + d * 86_400_000);

/** A small site whose expected JQL answers are exact: ALPHA-1 epic; ALPHA-2..5 stories/tasks under it; BETA-1 bug. */
export function createJqlFixture(): JiraHarness {
  const h = createJiraHarness({ seed: false, start: NOW });
  const a = h.jira.admin;
  a.transaction(() => {
    a.upsertUser({ accountId: A, displayName: '安 Ann' });
    a.upsertUser({ accountId: B, displayName: '鲍 Bob' });
    a.upsertUser({ accountId: C, displayName: '蔡 Cat' });
    a.upsertGroup('team-x', [A, B]);
    for (const key of ['ALPHA', 'BETA']) {
      a.createProject({
        key,
        name: `${key} project`,
        grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
      });
    }
    a.createVersion('ALPHA', { name: 'v1', releaseDate: '2025-06-01', released: true });
    a.createVersion('ALPHA', { name: 'v2', releaseDate: '2025-07-01' });
    // ALPHA-1 epic; ALPHA-2..5 stories/tasks under it; BETA-1 bug.
    a.createIssue({
      projectKey: 'ALPHA',
      issueType: 'Epic',
      summary: '支付 epic',
      status: 'In Progress',
      created: day(-20),
      updated: day(-20),
    });
    a.createIssue({
      projectKey: 'ALPHA',
      issueType: 'Story',
      summary: '登录页面 login page',
      description: 'needs the gateway',
      parentKey: 'ALPHA-1',
      assignee: A,
      dueDate: '2025-06-10',
      fixVersions: ['v1'],
      status: 'Done',
      created: day(-15),
      updated: day(-10),
      appFields: { 'raci-accountable': A, 'raci-responsible': [A, B] },
    });
    a.createIssue({
      projectKey: 'ALPHA',
      issueType: 'Task',
      summary: 'Checkout flow',
      parentKey: 'ALPHA-1',
      assignee: B,
      dueDate: '2025-06-16',
      fixVersions: ['v2'],
      created: day(-12),
      updated: day(-2),
      labels: ['risk'],
      appFields: { 'raci-accountable': B, 'raci-responsible': [C] },
    });
    a.createIssue({
      projectKey: 'ALPHA',
      issueType: 'Task',
      summary: 'Gateway backup',
      status: 'In Progress',
      dueDate: '2025-06-20',
      fixVersions: ['v1', 'v2'],
      created: day(-11),
      updated: day(-8),
      appFields: { 'raci-responsible': [B] },
    });
    a.createIssue({
      projectKey: 'ALPHA',
      issueType: 'Story',
      summary: '客服 FAQ',
      assignee: C,
      created: day(-3),
      updated: day(-1),
    });
    a.createIssue({
      projectKey: 'BETA',
      issueType: 'Bug',
      summary: 'Double charge',
      assignee: A,
      dueDate: '2025-06-15',
      created: day(-5),
      updated: day(-5),
      priority: 'Highest',
      appFields: { 'raci-accountable': C },
    });
    a.addComment('ALPHA-5', B, 'waiting for the vendor');
  });
  return h;
}

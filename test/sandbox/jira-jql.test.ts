import { beforeAll, describe, expect, it } from 'vitest';
import { createJiraHarness, asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { parseJql } from '../../sandbox/jira/jql-parser';
import type { JiraActor } from '../../sandbox/jira/types';

/**
 * The JQL subset, on a small fixture whose expected answers are exact, and paging on larger projects.
 * "Now" is 2025-06-16T02:00Z.
 */
const NOW = new Date('2025-06-16T02:00:00.000Z');
const A = 'acc-ann';
const B = 'acc-bob';
const C = 'acc-cat';

let h: JiraHarness;

async function keys(jql: string, actor: JiraActor = asApp): Promise<string[]> {
  const res = await h.call(actor, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 1000 });
  expect(res.status, res.raw).toBe(200);
  return (res.json as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
}
const sorted = async (jql: string, actor?: JiraActor): Promise<string[]> => (await keys(jql, actor)).sort();

async function jqlError(jql: string): Promise<string> {
  const res = await h.call(asApp, 'POST', '/rest/api/3/search/jql', { jql });
  expect(res.status).toBe(400);
  return (res.json as { errorMessages: string[] }).errorMessages[0] ?? '';
}

const day = (d: number): Date => new Date(NOW.getTime() + d * 86_400_000);

beforeAll(() => {
  h = createJiraHarness({ seed: false, start: NOW });
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
});

describe('JQL clauses', () => {
  it('project = / in / != and key, issue, id', async () => {
    expect(await sorted('project = ALPHA')).toEqual(['ALPHA-1', 'ALPHA-2', 'ALPHA-3', 'ALPHA-4', 'ALPHA-5']);
    expect(await sorted('project in (BETA, "ALPHA project")')).toHaveLength(6);
    expect(await sorted('project != ALPHA')).toEqual(['BETA-1']);
    expect(await sorted('key = alpha-2')).toEqual(['ALPHA-2']);
    expect(await sorted('issue in (ALPHA-3, BETA-1)')).toEqual(['ALPHA-3', 'BETA-1']);
    expect(await sorted('project = ALPHA AND key > ALPHA-3')).toEqual(['ALPHA-4', 'ALPHA-5']);
    const id = ((await h.call(asApp, 'GET', '/rest/api/3/issue/BETA-1?fields=summary')).json as { id: string }).id;
    expect(await sorted(`id = ${id}`)).toEqual(['BETA-1']);
  });

  it('status, statusCategory and issuetype', async () => {
    expect(await sorted('status = "In Progress"')).toEqual(['ALPHA-1', 'ALPHA-4']);
    expect(await sorted('status in ("To Do", Done)')).toEqual(['ALPHA-2', 'ALPHA-3', 'ALPHA-5', 'BETA-1']);
    expect(await sorted('project = ALPHA AND status != Done')).toEqual(['ALPHA-1', 'ALPHA-3', 'ALPHA-4', 'ALPHA-5']);
    expect(await sorted('statusCategory = Done')).toEqual(['ALPHA-2']);
    expect(await sorted('statusCategory in (new, "In Progress") AND project = BETA')).toEqual(['BETA-1']);
    expect(await sorted('issuetype = Story')).toEqual(['ALPHA-2', 'ALPHA-5']);
    expect(await sorted('type in (Bug, Epic)')).toEqual(['ALPHA-1', 'BETA-1']);
  });

  it('fixVersion = / in / is EMPTY / functions', async () => {
    expect(await sorted('fixVersion = v1')).toEqual(['ALPHA-2', 'ALPHA-4']);
    expect(await sorted('fixVersion in ("v1", v2)')).toEqual(['ALPHA-2', 'ALPHA-3', 'ALPHA-4']);
    expect(await sorted('project = ALPHA AND fixVersion is EMPTY')).toEqual(['ALPHA-1', 'ALPHA-5']);
    expect(await sorted('fixVersion != v1')).toEqual(['ALPHA-3']);
    expect(await sorted('fixVersion in unreleasedVersions(ALPHA)')).toEqual(['ALPHA-3', 'ALPHA-4']);
  });

  it('assignee = currentUser() / accountId / is EMPTY / membersOf()', async () => {
    expect(await sorted('assignee = currentUser()', asUser(A))).toEqual(['ALPHA-2', 'BETA-1']);
    expect(await sorted(`assignee = "${B}"`)).toEqual(['ALPHA-3']);
    expect(await sorted('assignee is EMPTY')).toEqual(['ALPHA-1', 'ALPHA-4']);
    expect(await sorted('assignee is not EMPTY AND project = ALPHA')).toEqual(['ALPHA-2', 'ALPHA-3', 'ALPHA-5']);
    expect(await sorted('assignee in membersOf("team-x")')).toEqual(['ALPHA-2', 'ALPHA-3', 'BETA-1']);
    expect(await sorted(`assignee != ${A}`)).toEqual(['ALPHA-3', 'ALPHA-5']);
    expect(await sorted(`NOT assignee = ${A}`)).toEqual(['ALPHA-1', 'ALPHA-3', 'ALPHA-4', 'ALPHA-5']);
  });

  it('duedate comparisons and EMPTY; created and updated with relative dates', async () => {
    expect(await sorted('duedate < "2025-06-16"')).toEqual(['ALPHA-2', 'BETA-1']);
    expect(await sorted('duedate <= "2025-06-16"')).toEqual(['ALPHA-2', 'ALPHA-3', 'BETA-1']);
    expect(await sorted('duedate > 2025/06/16')).toEqual(['ALPHA-4']);
    expect(await sorted('duedate >= "2025-06-16" AND duedate <= 5d')).toEqual(['ALPHA-3', 'ALPHA-4']);
    expect(await sorted('duedate is EMPTY')).toEqual(['ALPHA-1', 'ALPHA-5']);
    expect(await sorted('due < now() AND statusCategory != Done')).toEqual(['BETA-1']);
    expect(await sorted('updated >= -7d')).toEqual(['ALPHA-3', 'ALPHA-5', 'BETA-1']);
    expect(await sorted('created < -14d')).toEqual(['ALPHA-1', 'ALPHA-2']);
    expect(await sorted('updated >= startOfDay(-2d) AND updated < endOfDay()')).toEqual(['ALPHA-3', 'ALPHA-5']);
  });

  it('custom fields by name, cf[] and customfield_, with currentUser(), in (), EMPTY', async () => {
    const ids = h.jira.appFieldIds();
    const accountable = (ids['raci-accountable'] ?? '').replace('customfield_', '');
    expect(await sorted('"Accountable" = currentUser()', asUser(B))).toEqual(['ALPHA-3']);
    expect(await sorted(`cf[${accountable}] = currentUser()`, asUser(A))).toEqual(['ALPHA-2']);
    expect(await sorted(`customfield_${accountable} = "${C}"`)).toEqual(['BETA-1']);
    expect(await sorted(`"Responsible" in (${B}, ${C})`)).toEqual(['ALPHA-2', 'ALPHA-3', 'ALPHA-4']);
    expect(await sorted(`Responsible = ${A}`)).toEqual(['ALPHA-2']);
    expect(await sorted('"Accountable" is EMPTY')).toEqual(['ALPHA-1', 'ALPHA-4', 'ALPHA-5']);
    expect(await sorted('"Responsible" is not EMPTY AND "Accountable" is EMPTY')).toEqual(['ALPHA-4']);
    expect(await sorted(`Responsible != ${C}`)).toEqual(['ALPHA-2', 'ALPHA-4']);
    expect(await sorted('"Accountable" = currentUser() OR "Responsible" = currentUser()', asUser(C))).toEqual([
      'ALPHA-3',
      'BETA-1',
    ]);
  });

  it('parent, labels, text ~ and summary ~, NOT and parentheses', async () => {
    expect(await sorted('parent = ALPHA-1')).toEqual(['ALPHA-2', 'ALPHA-3']);
    expect(await sorted('project = ALPHA AND parent is EMPTY')).toEqual(['ALPHA-1', 'ALPHA-4', 'ALPHA-5']);
    expect(await sorted('labels = risk')).toEqual(['ALPHA-3']);
    expect(await sorted('summary ~ "login"')).toEqual(['ALPHA-2']);
    expect(await sorted('summary ~ "支付"')).toEqual(['ALPHA-1']);
    expect(await sorted('text ~ gateway')).toEqual(['ALPHA-2', 'ALPHA-4']);
    expect(await sorted('text ~ "vendor"')).toEqual(['ALPHA-5']);
    expect(await sorted('project = ALPHA AND summary !~ "flow"')).toEqual(['ALPHA-1', 'ALPHA-2', 'ALPHA-4', 'ALPHA-5']);
    expect(await sorted('(project = BETA OR assignee = acc-bob) AND NOT status = Done')).toEqual(['ALPHA-3', 'BETA-1']);
    expect(await sorted('project = ALPHA AND NOT (issuetype = Story OR issuetype = Epic)')).toEqual([
      'ALPHA-3',
      'ALPHA-4',
    ]);
    expect(await sorted('project = BETA && priority = Highest || key = ALPHA-5')).toEqual(['ALPHA-5', 'BETA-1']);
  });

  it('ORDER BY key, created, updated, duedate, rank in both directions', async () => {
    expect(await keys('project = ALPHA ORDER BY key DESC')).toEqual([
      'ALPHA-5',
      'ALPHA-4',
      'ALPHA-3',
      'ALPHA-2',
      'ALPHA-1',
    ]);
    expect(await keys('project in (ALPHA, BETA) ORDER BY created ASC')).toEqual([
      'ALPHA-1',
      'ALPHA-2',
      'ALPHA-3',
      'ALPHA-4',
      'BETA-1',
      'ALPHA-5',
    ]);
    expect(await keys('project in (ALPHA, BETA) ORDER BY updated DESC')).toEqual([
      'ALPHA-5',
      'ALPHA-3',
      'BETA-1',
      'ALPHA-4',
      'ALPHA-2',
      'ALPHA-1',
    ]);
    // Empty due dates sort last ascending and first descending.
    expect(await keys('project in (ALPHA, BETA) ORDER BY duedate ASC, key ASC')).toEqual([
      'ALPHA-2',
      'BETA-1',
      'ALPHA-3',
      'ALPHA-4',
      'ALPHA-1',
      'ALPHA-5',
    ]);
    expect(await keys('project in (ALPHA, BETA) ORDER BY duedate DESC, key ASC')).toEqual([
      'ALPHA-1',
      'ALPHA-5',
      'ALPHA-4',
      'ALPHA-3',
      'BETA-1',
      'ALPHA-2',
    ]);
    expect(await keys('project = ALPHA ORDER BY rank')).toEqual([
      'ALPHA-1',
      'ALPHA-2',
      'ALPHA-3',
      'ALPHA-4',
      'ALPHA-5',
    ]);
    expect(await keys('project = ALPHA ORDER BY rank DESC')).toEqual([
      'ALPHA-5',
      'ALPHA-4',
      'ALPHA-3',
      'ALPHA-2',
      'ALPHA-1',
    ]);
  });
});

describe('JQL errors answer 400 in Jira words, naming the position', () => {
  it('syntax errors', async () => {
    expect(await jqlError('project = ALPHA AND (status = ')).toBe(
      "Error in the JQL Query: Expecting either a value, list or function but got 'EOF'. (line 1, character 31)",
    );
    expect(await jqlError('project ALPHA')).toMatch(
      /^Error in the JQL Query: Expecting operator but got 'ALPHA'\. .*\(line 1, character 9\)$/,
    );
    expect(await jqlError('project = ALPHA status = Done')).toBe(
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 17)",
    );
    expect(await jqlError('summary ~ "open')).toBe(
      "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)",
    );
    expect(await jqlError('(project = ALPHA')).toBe(
      "Error in the JQL Query: Expecting ')' before the end of the query.",
    );
    expect(() => parseJql('status in ()')).toThrow(/character 12/);
  });

  it('unknown fields, values, functions and operators; unbounded queries', async () => {
    expect(await jqlError('colour = red')).toBe(
      "Field 'colour' does not exist or you do not have permission to view it.",
    );
    expect(await jqlError('project = NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(await jqlError('assignee = nobody')).toBe("The value 'nobody' does not exist for the field 'assignee'.");
    expect(await jqlError('assignee = whoAmI()')).toBe("Unable to find JQL function 'whoAmI()'.");
    expect(await jqlError('summary = x')).toBe("The operator '=' is not supported by the 'summary' field.");
    expect(await jqlError('created > "last tuesday"')).toMatch(
      /^Date value 'last tuesday' for field 'created' is invalid/,
    );
    expect(await jqlError('ORDER BY key')).toBe(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  });
});

describe('search paging', () => {
  let big: JiraHarness;
  beforeAll(() => {
    big = createJiraHarness({ seed: false, start: NOW });
    const a = big.jira.admin;
    a.transaction(() => {
      a.upsertUser({ accountId: A, displayName: 'Ann' });
      a.createProject({
        key: 'BULK',
        name: 'Bulk',
        grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
      });
      // Identical timestamps: paging must still be stable and complete.
      for (let i = 0; i < 250; i += 1) {
        a.createIssue({
          projectKey: 'BULK',
          issueType: 'Task',
          summary: `任务 ${i}`,
          created: NOW,
          updated: NOW,
          ...(i % 5 === 0 ? { appFields: { 'raci-accountable': A } } : {}),
        });
      }
    });
  });

  async function page(body: Record<string, unknown>): Promise<{
    issues: Array<{ id: string; key?: string }>;
    nextPageToken?: string;
    isLast: boolean;
    total?: unknown;
  }> {
    const res = await big.call(asApp, 'POST', '/rest/api/3/search/jql', body);
    expect(res.status, res.raw).toBe(200);
    return res.json as never;
  }

  it('walks 250 issues with nextPageToken, each exactly once, without a total', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const p = await page({
        jql: 'project = BULK',
        fields: ['summary'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(p.total).toBeUndefined();
      seen.push(...p.issues.map((i) => i.key ?? ''));
      token = p.nextPageToken;
      pages += 1;
      expect(p.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('defaults to 50 ids, caps at 100 with fields and at 5000 with only id/key', async () => {
    const first = await page({ jql: 'project = BULK' });
    expect(first.issues).toHaveLength(50);
    expect(Object.keys(first.issues[0] ?? {})).toEqual(['id']);
    expect((await page({ jql: 'project = BULK', fields: ['summary'], maxResults: 1000 })).issues).toHaveLength(100);
    const keysOnly = await page({ jql: 'project = BULK', fields: ['key'], maxResults: 1000 });
    expect(keysOnly.issues).toHaveLength(250);
    expect(keysOnly.isLast).toBe(true);
  });

  it('the GET form pages the same way, and a foreign token is refused', async () => {
    const jql = encodeURIComponent('project = BULK AND Accountable is not EMPTY ORDER BY key');
    const r1 = await big.call(asApp, 'GET', `/rest/api/3/search/jql?jql=${jql}&maxResults=30&fields=key`);
    const p1 = r1.json as { issues: Array<{ key: string }>; nextPageToken: string };
    expect(p1.issues).toHaveLength(30);
    const r2 = await big.call(
      asApp,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&maxResults=30&fields=key&nextPageToken=${p1.nextPageToken}`,
    );
    const p2 = r2.json as { issues: Array<{ key: string }>; isLast: boolean };
    expect(p2.issues).toHaveLength(20);
    expect(p2.isLast).toBe(true);
    expect(new Set([...p1.issues, ...p2.issues].map((i) => i.key)).size).toBe(50);
    const foreign = await big.call(asApp, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = BULK AND summary ~ 任务',
      nextPageToken: p1.nextPageToken,
    });
    expect(foreign.status).toBe(400);
  });

  it('pages through 50,000 issues with the JQL filter and order, each match exactly once', async () => {
    const huge = createJiraHarness({ seed: false, start: NOW });
    const a = huge.jira.admin;
    a.transaction(() => {
      a.upsertUser({ accountId: A, displayName: 'Ann' });
      a.createProject({
        key: 'HUGE',
        name: 'Huge',
        grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
      });
      for (let i = 0; i < 50_000; i += 1) {
        a.createIssue({
          projectKey: 'HUGE',
          issueType: 'Task',
          summary: `Issue ${i}`,
          dueDate: i % 3 === 0 ? null : '2025-07-01',
          ...(i % 10 === 0 ? { appFields: { 'raci-accountable': A } } : {}),
        });
      }
    });
    const actor = asUser(A);
    huge.jira.admin.grant(10000, 'BROWSE_PROJECTS', { type: 'user', accountId: A });
    let token: string | undefined;
    let count = 0;
    const seen = new Set<string>();
    do {
      const res = await huge.call(actor, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = HUGE AND Accountable = currentUser() ORDER BY duedate DESC, key',
        fields: ['summary', 'duedate'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      const body = res.json as { issues: Array<{ key: string }>; nextPageToken?: string };
      count += body.issues.length;
      for (const i of body.issues) seen.add(i.key);
      token = body.nextPageToken;
    } while (token);
    expect(count).toBe(5000);
    expect(seen.size).toBe(5000);
  }, 60_000);
});

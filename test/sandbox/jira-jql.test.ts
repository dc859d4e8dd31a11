import { beforeAll, describe, expect, it } from 'vitest';
import { asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { parseJql } from '../../sandbox/jira/jql-parser';
import type { JiraActor } from '../../sandbox/jira/types';
import { A, B, C, createJqlFixture } from '../support/jql-fixture';

/**
 * The JQL subset, on a small fixture whose expected answers are exact (test/support/jql-fixture.ts).
 * "Now" is 2025-06-16T02:00Z. Paging on larger projects: jira-jql-paging.test.ts.
 */
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

beforeAll(() => {
  h = createJqlFixture();
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

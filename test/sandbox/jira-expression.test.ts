import { describe, expect, it } from 'vitest';
import { JiraExpressionError, evaluateJiraExpression, parseJiraExpression } from '../../sandbox/jira/jira-expression';

const ctx = {
  user: { accountId: 'u-1', displayName: 'Li Na' },
  issue: {
    key: 'AICS-7',
    customfield_10101: { accountId: 'u-1', displayName: 'Li Na' },
    customfield_10100: [{ accountId: 'u-2' }],
    customfield_10102: null,
    status: { name: 'In Progress' },
  },
};
const run = (source: string, context: Record<string, unknown> = ctx) =>
  evaluateJiraExpression(parseJiraExpression(source), context);

describe('the sandbox’s Jira expression subset', () => {
  it('evaluates member access, ==, !=, null, string literals and the app’s condition', () => {
    expect(run('issue.key == "AICS-7"')).toBe(true);
    expect(run("issue.status.name != 'Done'")).toBe(true);
    expect(run('issue.customfield_10102 == null')).toBe(true);
    expect(run("issue['customfield_10101'].accountId == user.accountId")).toBe(true);
    const condition =
      'user != null && issue.customfield_10101 != null && issue.customfield_10101.accountId == user.accountId';
    expect(run(condition)).toBe(true);
    expect(run(condition, { ...ctx, user: { accountId: 'u-9' } })).toBe(false);
    expect(run(condition, { ...ctx, user: null })).toBe(false);
    expect(run(condition, { ...ctx, issue: { ...ctx.issue, customfield_10101: null } })).toBe(false);
  });

  it('follows precedence: ! over ==, == over &&, && over ||; parentheses group', () => {
    expect(run('true || false && false')).toBe(true);
    expect(run('(true || false) && false')).toBe(false);
    expect(run('!false == true')).toBe(true);
    expect(run('!(issue.key == "X") && issue.key != "Y"')).toBe(true);
    expect(run("'it\\'s' == \"it's\"")).toBe(true);
  });

  it('?. gives null on a missing value; . on null is an error, never a value', () => {
    expect(run('issue.customfield_10102?.accountId == null')).toBe(true);
    expect(run("issue.customfield_10102?.['x'] == null")).toBe(true);
    expect(() => run('issue.customfield_10102.accountId == null')).toThrow(/Cannot read property 'accountId' of null/);
  });

  it('short-circuits && and || so the guarded side is not evaluated', () => {
    expect(run('issue.customfield_10102 != null && issue.customfield_10102.accountId == "u-1"')).toBe(false);
    expect(run('issue.customfield_10102 == null || issue.customfield_10102.accountId == "u-1"')).toBe(true);
  });

  it.each([
    ['issue.summary.length > 0', /'>'/],
    ['user.groups().includes("admins")', /function or method call/],
    ['issue.key === "AICS-7"', /'==='/],
    ['issue.key == `AICS-7`', /'`'/],
    ['issue.votes == 1', /'1'/],
    ['issue.comments.filter(x)', /function or method call/],
    ['issue.comments.filter(c => c)', /'='/],
    ['let a', /'let'/],
    ['new Issue("AICS-1") == null', /'new'/],
    ['issue[key] == null', /computed member that is not a string literal/],
    ['issue.key == "A" == true', /chained comparison/],
    ['"unterminated', /Unterminated string/],
    ['issue.key ==', /Unexpected end/],
    ['issue.key "x"', /Unexpected 'x'/],
  ])('refuses syntax outside the subset with a clear error: %s', (source, message) => {
    expect(() => parseJiraExpression(source)).toThrow(JiraExpressionError);
    expect(() => run(source)).toThrow(message);
  });

  it.each([
    ['project.key == "AICS"', /Unknown context variable 'project'/],
    ['issue.customfield_99999 == null', /Unknown property 'customfield_99999'/],
    ['issue.customfield_10101 == user', /Comparing a Object with a Object/],
    ['issue.customfield_10100 != "u-2"', /Comparing a List with a string/],
    ['issue.customfield_10100.length == null', /Property 'length' of a List/],
    ['issue.key && true', /'&&' needs Booleans, got string/],
    ['!issue.key', /'!' needs a Boolean/],
  ])('fails evaluation strictly instead of guessing: %s', (source, message) => {
    expect(() => run(source)).toThrow(message);
  });
});

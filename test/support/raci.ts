import type { Platform } from '../../sandbox/platform';
import { appRequestStore } from '../../sandbox/runtime/invocation-context';
import { SEED_USERS as U } from '../../sandbox/seed/jira-seed';
import { invoke, jiraAs } from './platform';

/** What the RACI suites share: module keys and calls on the suite's platform. */
export const PANEL = 'collab-issue-panel';
export const PAGE = 'collab-project-page';

export const ids = (people: Array<{ accountId: string }>) => people.map((x) => x.accountId);

/** Records every Jira request the app makes (not the test's own), to count what reached Jira and as whom. */
export function recordAppCalls(p: Platform, appCalls: Array<{ method: string; path: string; status: number }>): void {
  const original = p.jira.handle.bind(p.jira);
  p.jira.handle = async (req) => {
    const res = await original(req);
    if (appRequestStore.getStore()) appCalls.push({ method: req.method, path: req.path, status: res.status });
    return res;
  };
}

/**
 * Helpers bound to the platform a suite starts in its own beforeAll; `platform` is read at call time,
 * so the helpers can be made before the platform exists.
 */
export function raciHelpers(platform: () => Platform) {
  async function panel(issueKey: string, accountId: string = U.gaoYuan.accountId, locale = 'en_US') {
    const { env, record } = await invoke(
      platform(),
      { moduleKey: PANEL, accountId, issueKey, locale },
      'getIssuePanel',
    );
    if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
    return { raci: env.data.raci, record };
  }

  function setRaci(issueKey: string, accountId: string, payload: Record<string, unknown>, locale = 'en_US') {
    return invoke(platform(), { moduleKey: PANEL, accountId, issueKey, locale }, 'setRaci', payload);
  }

  const fieldValues = async (issueKey: string) => {
    const p = platform();
    const fields = (await jiraAs(p, 'app', 'GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
    const byName = Object.fromEntries(fields.map((f) => [f.name, f.id]));
    const issue = (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${issueKey}?properties=collab-raci-departments`))
      .body;
    return { fields: issue.fields, byName, properties: issue.properties };
  };

  return { panel, setRaci, fieldValues };
}

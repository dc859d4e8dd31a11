import {
  createJiraHarness,
  asApp,
  ESCALATION_APP_FIELDS,
  RACI_APP_FIELDS,
  type JiraHarness,
} from '../../sandbox/jira/test-support';
import type { JiraActor } from '../../sandbox/jira/types';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/** Shared set-up of the app field value suites: a fresh harness per test, the field ids and request helpers. */
export let h: JiraHarness;
export let F: { level: string; state: string; holders: string; raisers: string; accountable: string };
export const U = SEED_USERS;
export const [liNa, wangLei, yangFan, kevinXu] = [
  U.liNa.accountId,
  U.wangLei.accountId,
  U.yangFan.accountId,
  U.kevinXu.accountId,
];

/** Before each test: a fresh harness with the RACI and escalation app fields, and their ids in `F`. */
export function setUpHarness(): void {
  h = createJiraHarness({ appFields: [...RACI_APP_FIELDS, ...ESCALATION_APP_FIELDS] });
  const ids = h.jira.appFieldIds();
  const id = (key: string): string => ids[key] ?? '';
  F = {
    level: id('escalation-level'),
    state: id('escalation-state'),
    holders: id('escalation-holders'),
    raisers: id('escalation-raisers'),
    accountable: id('raci-accountable'),
  };
}

export const post = (body: unknown, opts: { actor?: JiraActor; query?: string } = {}) =>
  h.call(opts.actor ?? asApp, 'POST', `/rest/api/3/app/field/value${opts.query ?? ''}`, body);
export const idOf = async (key: string): Promise<number> =>
  Number(((await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json as { id: string }).id);
export const fieldsOf = async (key: string): Promise<Record<string, unknown>> =>
  ((await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=*all`)).json as { fields: Record<string, unknown> })
    .fields;
export const accountIds = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).map((u) => (u as { accountId: string }).accountId);
export const histories = async (key: string) =>
  (
    (await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=summary&expand=changelog`)).json as {
      changelog: {
        total: number;
        histories: Array<{ items: Array<{ fieldId: string; field: string; toString: string | null }> }>;
      };
    }
  ).changelog;
export const errorsOf = (res: { json: unknown }) =>
  res.json as { errorMessages: string[]; errors: Record<string, string> };

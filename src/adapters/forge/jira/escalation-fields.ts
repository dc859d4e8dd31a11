import { route } from '@forge/api';
import { z } from 'zod';
import type { EscalationFieldUpdate, EscalationFieldValues } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, readJson, request } from './http';
import { ESCALATION_FIELD_KEYS, type AppFields, type EscalationField } from './app-fields';
import { UserRefSchema } from './issue-mapping';

const FieldValuesSchema = z.object({
  issues: z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) })).default([]),
});

/**
 * All fields and values in ONE request. Per field, the issues that get the same value share one update;
 * when the updates name an issue twice for a field, the later value wins (Jira wants each field and issue
 * once a request). The people fields go as `[{ accountId }]`; null, or an empty list, clears a field. On a
 * site where the people fields do not exist yet, they are skipped and level and state still go. Only the
 * app may write its own fields, hence asApp. A 404 is a field that is gone (the app downgraded, the field
 * deleted): NOT_CONFIGURED, and the ids are looked up afresh next time.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-value-post
 */
export async function setEscalationFields(
  fields: AppFields,
  updates: ReadonlyArray<EscalationFieldUpdate>,
): Promise<void> {
  const ids = await fields.escalation();
  const byField = new Map<string, Map<string, string>>(); // field id -> issue id -> value as JSON
  for (const u of updates) {
    for (const field of Object.keys(ESCALATION_FIELD_KEYS) as EscalationField[]) {
      const fieldId = ids[field];
      const value = u[field];
      if (!fieldId || value === undefined) continue;
      const wire = Array.isArray(value)
        ? value.length
          ? [...new Set(value)].map((accountId) => ({ accountId }))
          : null
        : value;
      const issues = byField.get(fieldId) ?? new Map<string, string>();
      for (const issueId of u.issueIds) issues.set(issueId, JSON.stringify(wire));
      byField.set(fieldId, issues);
    }
  }
  const body = {
    updates: [...byField].flatMap(([customField, issues]) => {
      const byValue = new Map<string, number[]>();
      for (const [issueId, value] of issues) byValue.set(value, [...(byValue.get(value) ?? []), Number(issueId)]);
      return [...byValue].map(([value, issueIds]) => ({ customField, issueIds, value: JSON.parse(value) as unknown }));
    }),
  };
  if (body.updates.length === 0) return;
  const res = await request('app', route`/rest/api/3/app/field/value?generateChangelog=true`, {
    json: body,
    idempotent: true,
  });
  if (res.status === 404) {
    fields.forget();
    throw new AppError('NOT_CONFIGURED', 'notConfigured.escalationField');
  }
  ensureOk(res, { notFound: 'upstream' }); // 404 answered above
}

/**
 * Level and holders as the issues' fields show them now, one bulk fetch per 100 issues; holders are empty
 * where the site has no holders field yet, and issues Jira does not return are left out.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
export async function getEscalationFieldValues(
  fields: AppFields,
  issueIds: readonly string[],
): Promise<Map<string, EscalationFieldValues>> {
  const out = new Map<string, EscalationFieldValues>();
  if (issueIds.length === 0) return out;
  const { level, holders } = await fields.escalation();
  for (let i = 0; i < issueIds.length; i += 100) {
    const res = await request('app', route`/rest/api/3/issue/bulkfetch`, {
      idempotent: true,
      json: { issueIdsOrKeys: issueIds.slice(i, i + 100), fields: holders ? [level, holders] : [level] },
    });
    ensureOk(res, { notFound: 'upstream' });
    const body = await readJson(res, FieldValuesSchema, 'issues');
    for (const issue of body.issues) {
      const v = issue.fields[level];
      const people = z.array(UserRefSchema).safeParse(holders ? (issue.fields[holders] ?? []) : []);
      out.set(issue.id, {
        level: typeof v === 'number' ? v : null,
        holders: people.success ? people.data.map((u) => u.accountId) : [],
      });
    }
  }
  return out;
}

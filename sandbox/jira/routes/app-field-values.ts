import { badRequest, fieldErrors, forbidden, notFound } from '../errors';
import { issueEvent } from '../events';
import { SYSTEM_FIELD_IDS } from '../fields';
import { API, noContent, type Ctx, type Handler, type Result } from '../handler';
import { diffDrafts, recordChangelog } from '../draft-changelog';
import { DraftEditor } from '../draft-editor';
import { writeAppValues } from '../draft-writes';
import { draftOf, type IssueDraft } from '../issue-draft';
import { eventIssue } from '../issue-rendering';
import type { AppFieldRow, IssueRow } from '../repo';
import { AppFieldValueBody, MultipleAppFieldValuesBody } from '../request-schemas';
import { parseBody } from '../request-params';
import type { Router } from '../router';
import { emitAll, eventCtx, type JiraSite } from '../site';
import type { ForgeProductEvent } from '../types';

const ONLY_OWNING_APP = 'Only the app that owns the custom field can update its values.';

type AppFieldUpdate = { field: AppFieldRow; issueIds: readonly number[]; value: unknown };

/**
 * The app's own custom field values, written as the app (the only way to write its read-only fields).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/
 */
export function registerAppFieldValueRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo } = site;

  /** The app's own field an update names, by id or module key: 403 for a field of Jira's own, 404 for none. */
  const ownAppField = (ref: string): AppFieldRow => {
    const field = repo.appFields().find((f) => f.id === ref || f.module_key === ref);
    if (field) return field;
    if (SYSTEM_FIELD_IDS.has(ref)) throw forbidden(ONLY_OWNING_APP);
    throw notFound(`The custom field '${ref}' was not found.`);
  };

  /**
   * Validates every update before writing anything (the request is all-or-nothing), then writes in one
   * transaction: per changed issue the touched fields, a changelog unless `generateChangelog=false`, and an event.
   */
  const writeAppFieldValues = (ctx: Ctx, updates: readonly AppFieldUpdate[]): Result => {
    const generateChangelog = ctx.query.get('generateChangelog') !== 'false';
    const plans = new Map<number, { issue: IssueRow; before: IssueDraft; after: IssueDraft }>();
    const touched = new Set(updates.map((u) => u.field.id));
    const missing = new Set<number>();
    for (const update of updates) {
      for (const issueId of update.issueIds) {
        const issue = repo.issueById(issueId);
        if (!issue) {
          missing.add(issueId);
          continue;
        }
        const plan = plans.get(issueId) ?? { issue, before: draftOf(repo, issue), after: draftOf(repo, issue) };
        plans.set(issueId, plan);
        const editor = new DraftEditor(repo, plan.after, 'edit');
        editor.setApp(update.field, update.value);
        if (!editor.ok()) throw fieldErrors(editor.errors);
      }
    }
    if (missing.size > 0) throw badRequest(`Issues with these ids do not exist: ${[...missing].join(', ')}.`);
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      const now = ctx.now.getTime();
      for (const p of plans.values()) {
        const items = diffDrafts(repo, p.before, p.after);
        if (items.length === 0) continue;
        writeAppValues(repo, p.issue.id, p.after.app, touched);
        repo.run('UPDATE jira_issues SET updated = ? WHERE id = ?', now, p.issue.id);
        const row = repo.issueById(p.issue.id) ?? p.issue;
        if (generateChangelog) {
          const changelogId = recordChangelog(repo, p.issue.id, ctx.accountId, now, items);
          events.push(
            issueEvent('avi:jira:updated:issue', eventIssue(site, row), eventCtx(ctx), {
              id: String(changelogId),
              items,
            }),
          );
        } else {
          events.push(issueEvent('avi:jira:updated:issue', eventIssue(site, row), eventCtx(ctx)));
        }
      }
    })();
    emitAll(site, events);
    return noContent();
  };

  /**
   * One field, a value per group of issues.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-fieldidorkey-value-put
   */
  const setAppFieldValues = (ctx: Ctx): Result => {
    if (ctx.actor.kind !== 'app') throw forbidden(ONLY_OWNING_APP);
    const field = ownAppField(ctx.params.fieldIdOrKey ?? '');
    const body = parseBody(AppFieldValueBody, ctx.body);
    return writeAppFieldValues(
      ctx,
      body.updates.map((u) => ({ field, issueIds: u.issueIds, value: u.value })),
    );
  };

  /**
   * Several fields at once, each update naming its field; a field and an issue may be paired once a request.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-value-post
   */
  const setManyAppFieldValues = (ctx: Ctx): Result => {
    if (ctx.actor.kind !== 'app') throw forbidden(ONLY_OWNING_APP);
    const body = parseBody(MultipleAppFieldValuesBody, ctx.body);
    const updates = body.updates.map((u) => ({
      field: ownAppField(u.customField),
      issueIds: u.issueIds,
      value: u.value,
    }));
    const seen = new Set<string>();
    for (const u of updates) {
      for (const issueId of u.issueIds) {
        const pair = `${u.field.id} ${issueId}`;
        if (seen.has(pair))
          throw badRequest(
            `The custom field '${u.field.id}' is given more than once for the issue ${issueId}. Combinations of custom field and issue must be unique within the request.`,
          );
        seen.add(pair);
      }
    }
    return writeAppFieldValues(ctx, updates);
  };

  r.add('PUT', `${API}/app/field/{fieldIdOrKey}/value`, setAppFieldValues);
  r.add('POST', `${API}/app/field/value`, setManyAppFieldValues);
}

import { visibleIssue } from '../access';
import { badRequest, fieldErrors, issueNotFound, type JiraHttpError } from '../errors';
import { API, noContent, ok, type Ctx, type Handler, type Result } from '../handler';
import { changeStatus } from '../draft-changelog';
import { transitionsFor } from '../issue-rendering';
import { applyEdit, editDraft } from '../issue-writes';
import type { IssueRow } from '../repo';
import { TransitionBody } from '../request-schemas';
import { parseBody } from '../request-params';
import type { Router } from '../router';
import { emitAll, type JiraSite } from '../site';
import type { ForgeProductEvent, ForgeValidatorPayload } from '../types';

/**
 * The workflow's transitions: those offered to the actor, and doing one, with the app's workflow validators
 * run before anything is written.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
 */
export function registerTransitionRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo } = site;

  /**
   * The fields a transition request changes, as a Forge validator's `modifiedFields` carries them: the app's
   * user fields as `{ accountId }` (a list of them for list fields, `null` when emptied), other fields as sent.
   */
  const modifiedFields = (fields: Record<string, unknown>): Record<string, unknown> => {
    const ref = (v: unknown): unknown => {
      const id =
        typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { accountId?: unknown }).accountId : undefined;
      return typeof id === 'string' ? { accountId: id } : null;
    };
    return Object.fromEntries(
      Object.entries(fields).map(([id, value]) => {
        const field = repo.appFields().find((f) => f.id === id);
        if (field?.type !== 'user') return [id, value];
        if (field.collection === 'list') return [id, Array.isArray(value) && value.length > 0 ? value.map(ref) : null];
        return [id, ref(value)];
      }),
    );
  };

  const getTransitions = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const only = ctx.query.get('transitionId');
    const transitions = transitionsFor(site, ctx, issue).filter((t) => !only || t.id === only);
    return ok({ expand: 'transitions', transitions });
  };

  const doTransition = async (ctx: Ctx): Promise<Result> => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const body = parseBody(TransitionBody, ctx.body);
    const transitionId = body.transition.id;
    const invalid = (): JiraHttpError => badRequest(`Transition id '${transitionId}' is not valid for this issue.`);
    const available = (row: IssueRow): boolean => transitionsFor(site, ctx, row).some((t) => t.id === transitionId);
    if (!available(issue)) throw invalid();
    // Field errors are reported before any validator runs.
    const check = editDraft(repo, issue, body).editor;
    if (!check.ok()) throw fieldErrors(check.errors);
    const toStatus =
      repo.transitionsFrom(issue.status_id).find((t) => t.id === transitionId)?.to_status_id ?? issue.status_id;
    const payload: ForgeValidatorPayload = {
      issue: { key: issue.key },
      configuration: {},
      transition: {
        from: { id: issue.status_id },
        to: { id: toStatus },
        modifiedFields: modifiedFields(body.fields ?? {}),
      },
    };
    const validators = site.workflow.functionValidators(transitionId).map((v) => ({ moduleKey: v.moduleKey, payload }));
    if (site.opts.beforeTransition) {
      const verdict = await site.opts.beforeTransition(
        { issueKey: issue.key, transitionId, actorAccountId: ctx.accountId },
        { validators },
      );
      if (!verdict.ok) throw badRequest(verdict.message);
    } else if (validators.length > 0) {
      // Nothing can run the app's validator: Jira fails the rule, as it does when the providing app is gone.
      throw badRequest(`The workflow validator '${validators[0]!.moduleKey}' could not run: its app is not available.`);
    }
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      // Re-read: the validator awaited, and the issue may have moved meanwhile.
      const current = repo.issueById(issue.id);
      if (!current) throw issueNotFound();
      if (!available(current)) throw invalid();
      const target = repo.transitionsFrom(current.status_id).find((t) => t.id === transitionId);
      if (!target) throw invalid();
      const { before, after, editor } = editDraft(repo, current, body);
      if (!editor.ok()) throw fieldErrors(editor.errors);
      const statusItems = changeStatus(repo, current, target.to_status_id, ctx.now.getTime());
      const moved = repo.issueById(current.id) ?? current;
      const e = applyEdit(site, ctx, moved, editor, before, after, statusItems);
      if (e) events.push(e);
    })();
    emitAll(site, events);
    return noContent();
  };

  r.add('GET', `${API}/issue/{issueIdOrKey}/transitions`, getTransitions);
  r.add('POST', `${API}/issue/{issueIdOrKey}/transitions`, doTransition);
}

import { canBrowse, requirePermission, visibleIssue } from '../access';
import { JiraHttpError, badRequest, fieldErrors } from '../errors';
import { issueEvent } from '../events';
import { FieldSelection } from '../fields';
import { API, noContent, ok, type Ctx, type Handler, type Json, type Result } from '../handler';
import { DraftEditor } from '../draft-editor';
import { insertIssue } from '../draft-writes';
import { emptyDraft } from '../issue-draft';
import { eventIssue, renderIssues } from '../issue-rendering';
import { applyEdit, editDraft, writeProperty } from '../issue-writes';
import type { IssueRow } from '../repo';
import { BulkFetchBody, IssueUpdateBody } from '../request-schemas';
import { expandSet, parseBody, qList } from '../request-params';
import type { Router } from '../router';
import { emitAll, eventCtx, type JiraSite } from '../site';
import type { ForgeProductEvent } from '../types';

/**
 * Issues: bulk fetch, create, read (with editmeta), edit and delete.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/
 */
export function registerIssueRoutes(r: Router<Handler>, site: JiraSite): void {
  const { db, repo, render, perms } = site;

  const bulkFetch = (ctx: Ctx): Result => {
    const body = parseBody(BulkFetchBody, ctx.body);
    if (body.issueIdsOrKeys.length > 100) throw badRequest('You can request up to 100 issues at once.');
    const found = new Map<number, IssueRow>();
    const issueErrors: Json[] = [];
    for (const ref of [...new Set(body.issueIdsOrKeys)]) {
      const issue = repo.issue(ref);
      // Unknown issues and issues the actor may not browse are left out, as on Jira Cloud; `issueErrors` is for
      // failures worth retrying, which the sandbox does not have.
      if (issue && canBrowse(site, ctx.actor, issue.project_id)) found.set(issue.id, issue);
    }
    const rows = [...found.values()].sort((a, b) => a.id - b.id);
    const fields = FieldSelection.parse(body.fields, ['*navigable']);
    const issues = renderIssues(site, ctx, rows, fields, expandSet(body.expand), body.properties ?? []);
    return ok({ issues, issueErrors });
  };

  /**
   * The fields the actor may edit on the issue: none without EDIT_ISSUES, as Jira's editmeta says. The app's
   * read-only fields are never among them: only the app's field value endpoints write those.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field-type/#read-only-fields
   */
  const editMeta = (ctx: Ctx, issue: IssueRow): Json => {
    if (!perms.has(ctx.actor, issue.project_id, 'EDIT_ISSUES')) return { fields: {} };
    const ids = [
      'summary',
      'duedate',
      'fixVersions',
      'assignee',
      ...repo
        .appFields()
        .filter((f) => f.read_only !== 1)
        .map((f) => f.id),
    ];
    return {
      fields: Object.fromEntries(
        ids.flatMap((id) => {
          const schema = render.fieldSchema(id);
          return schema
            ? [
                [
                  id,
                  {
                    required: id === 'summary',
                    schema,
                    name: render.fieldName(id) ?? id,
                    key: id,
                    operations: ['set'],
                  },
                ],
              ]
            : [];
        }),
      ),
    };
  };

  const getIssue = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    const fields = FieldSelection.parse(qList(ctx, 'fields'), ['*all']);
    const expand = expandSet(ctx.query.get('expand'));
    const [rendered] = renderIssues(site, ctx, [issue], fields, expand, qList(ctx, 'properties'));
    if (rendered && expand.has('editmeta')) rendered.editmeta = editMeta(ctx, issue);
    return ok(rendered);
  };

  const createIssue = (ctx: Ctx): Result => {
    const body = parseBody(IssueUpdateBody, ctx.body);
    const fields = body.fields ?? {};
    const projectRef = fields.project as { id?: unknown; key?: unknown } | undefined;
    const projectKey =
      projectRef && typeof projectRef === 'object' ? String(projectRef.id ?? projectRef.key ?? '') : '';
    const project = projectKey ? repo.project(projectKey) : undefined;
    if (!project || !canBrowse(site, ctx.actor, project.id))
      throw fieldErrors({ project: 'Specify a valid project ID or key' });
    if (!perms.has(ctx.actor, project.id, 'CREATE_ISSUES')) {
      throw new JiraHttpError(403, [], { project: 'You do not have permission to create issues in this project.' });
    }
    const draft = emptyDraft(project);
    draft.reporter = ctx.accountId;
    const editor = new DraftEditor(repo, draft, 'create');
    // The type goes first: the parent check depends on it.
    if ('issuetype' in fields) editor.applyFields({ issuetype: fields.issuetype });
    const { issuetype: _type, ...rest } = fields;
    editor.applyFields(rest);
    if (body.update) editor.applyUpdate(body.update);
    if (!('summary' in fields) && !editor.errors.summary)
      editor.errors.summary = 'You must specify a summary of the issue.';
    if (!draft.issueTypeId) editor.errors.issuetype = 'Specify an issue type';
    if (!editor.ok()) throw fieldErrors(editor.errors);

    const now = ctx.now.getTime();
    const events: ForgeProductEvent[] = [];
    const row = db.transaction(() => {
      const created = insertIssue(repo, project, draft, {
        statusId: repo.statuses().find((s) => s.category === 'new')?.id ?? '10000',
        creator: ctx.accountId,
        created: now,
        updated: now,
        resolutionDate: null,
      });
      for (const p of body.properties ?? []) writeProperty(repo, created.id, p.key, p.value);
      events.push(issueEvent('avi:jira:created:issue', eventIssue(site, created), eventCtx(ctx)));
      return created;
    })();
    emitAll(site, events);
    return ok({ id: String(row.id), key: row.key, self: render.self(`/issue/${row.id}`) }, 201);
  };

  const editIssue = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    requirePermission(site, ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const body = parseBody(IssueUpdateBody, ctx.body);
    if (body.transition)
      throw badRequest('Use POST /rest/api/3/issue/{issueIdOrKey}/transitions to transition an issue.');
    const { before, after, editor } = editDraft(repo, issue, body);
    if (!editor.ok()) throw fieldErrors(editor.errors);
    if (before.assignee !== after.assignee && !perms.has(ctx.actor, issue.project_id, 'ASSIGN_ISSUES')) {
      throw fieldErrors({ assignee: 'You do not have permission to assign issues.' });
    }
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      const e = applyEdit(site, ctx, issue, editor, before, after);
      if (e) events.push(e);
      for (const p of body.properties ?? []) writeProperty(repo, issue.id, p.key, p.value);
    })();
    emitAll(site, events);
    if (ctx.query.get('returnIssue') === 'true') {
      const row = repo.issueById(issue.id) ?? issue;
      const [rendered] = renderIssues(
        site,
        ctx,
        [row],
        FieldSelection.parse(['*all'], []),
        expandSet(ctx.query.get('expand')),
        [],
      );
      return ok(rendered);
    }
    return noContent();
  };

  const deleteIssue = (ctx: Ctx): Result => {
    const issue = visibleIssue(site, ctx, ctx.params.issueIdOrKey ?? '');
    requirePermission(
      site,
      ctx,
      issue,
      'DELETE_ISSUES',
      'You do not have permission to delete issues in this project.',
    );
    const events: ForgeProductEvent[] = [];
    db.transaction(() => {
      const snapshot = eventIssue(site, issue);
      const id = issue.id;
      repo.run('UPDATE jira_issues SET parent_id = NULL WHERE parent_id = ?', id);
      repo.run('DELETE FROM jira_issue_links WHERE source_id = ? OR destination_id = ?', id, id);
      for (const table of [
        'jira_issue_versions',
        'jira_field_values',
        'jira_comments',
        'jira_issue_properties',
        'jira_changelog',
      ]) {
        repo.run(`DELETE FROM ${table} WHERE issue_id = ?`, id);
      }
      repo.run('DELETE FROM jira_issues WHERE id = ?', id);
      // Only the top-level delete is an event: links and children go silently, as in Jira.
      events.push(issueEvent('avi:jira:deleted:issue', snapshot, eventCtx(ctx)));
    })();
    emitAll(site, events);
    return noContent();
  };

  r.add('POST', `${API}/issue/bulkfetch`, bulkFetch);
  r.add('POST', `${API}/issue`, createIssue);
  r.add('GET', `${API}/issue/{issueIdOrKey}`, getIssue);
  r.add('PUT', `${API}/issue/{issueIdOrKey}`, editIssue);
  r.add('DELETE', `${API}/issue/{issueIdOrKey}`, deleteIssue);
}

import { issueEvent, type ChangeItem } from './events';
import { diffDrafts, recordChangelog } from './draft-changelog';
import { DraftEditor } from './draft-editor';
import { writeDraft } from './draft-writes';
import { draftOf, type IssueDraft } from './issue-draft';
import type { Ctx } from './handler';
import { eventIssue } from './issue-rendering';
import { adfText } from './render';
import type { IssueRow, JiraRepo } from './repo';
import type { IssueUpdateBody } from './request-schemas';
import { eventCtx, type JiraSite } from './site';
import type { ForgeProductEvent } from './types';

/** Writes an issue property; true when it did not exist before. Call inside a transaction. */
export function writeProperty(repo: JiraRepo, issueId: number, key: string, value: unknown): boolean {
  const existed = repo.property(issueId, key) !== undefined;
  repo.run(
    'INSERT INTO jira_issue_properties (issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value',
    issueId,
    key,
    JSON.stringify(value),
  );
  return !existed;
}

export function insertComment(repo: JiraRepo, issueId: number, author: string, body: unknown, at: number): number {
  const id = repo.nextId('comment');
  repo.run(
    'INSERT INTO jira_comments (id, issue_id, author, body, body_text, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)',
    id,
    issueId,
    author,
    JSON.stringify(body),
    adfText(body),
    at,
    at,
  );
  return id;
}

/** The issue's draft before and after a request's `fields` and `update`; the editor holds any field errors. */
export function editDraft(
  repo: JiraRepo,
  issue: IssueRow,
  body: Pick<IssueUpdateBody, 'fields' | 'update'>,
): { before: IssueDraft; after: IssueDraft; editor: DraftEditor } {
  const before = draftOf(repo, issue);
  const after = draftOf(repo, issue);
  const editor = new DraftEditor(repo, after, 'edit');
  editor.applyFields(body.fields ?? {});
  if (body.update) editor.applyUpdate(body.update);
  return { before, after, editor };
}

/** Applies an edit; returns the changelog event, or null when nothing changed. Call inside a transaction. */
export function applyEdit(
  site: JiraSite,
  ctx: Ctx,
  issue: IssueRow,
  editor: DraftEditor,
  before: IssueDraft,
  after: IssueDraft,
  extra: ChangeItem[] = [],
): ForgeProductEvent | null {
  const items = [...extra, ...diffDrafts(site.repo, before, after)];
  if (items.length === 0 || !editor.ok()) return null;
  const now = ctx.now.getTime();
  writeDraft(site.repo, issue.id, after, now);
  const changelogId = recordChangelog(site.repo, issue.id, ctx.accountId, now, items);
  const row = site.repo.issueById(issue.id) ?? issue;
  return issueEvent('avi:jira:updated:issue', eventIssue(site, row), eventCtx(ctx), { id: String(changelogId), items });
}

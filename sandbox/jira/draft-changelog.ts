import type { ChangeItem } from './events';
import { adfText } from './render';
import type { IssueRow, JiraRepo } from './repo';
import type { IssueDraft } from './issue-draft';

const same = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Changelog items between two drafts, in Jira's shape. */
export function diffDrafts(repo: JiraRepo, before: IssueDraft, after: IssueDraft): ChangeItem[] {
  const items: ChangeItem[] = [];
  const names = (ids: readonly string[]): string => ids.map((a) => repo.user(a)?.display_name ?? a).join(', ');
  const add = (
    field: string,
    fieldId: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toStr: string | null,
    fieldtype: 'jira' | 'custom' = 'jira',
  ): void => {
    items.push({ field, fieldtype, fieldId, from, fromString, to, toString: toStr });
  };
  if (before.summary !== after.summary) add('summary', 'summary', null, before.summary, null, after.summary);
  if (before.description !== after.description) {
    const text = (d: string | null): string | null => (d === null ? null : adfText(JSON.parse(d)));
    add('description', 'description', null, text(before.description), null, text(after.description));
  }
  if (before.issueTypeId !== after.issueTypeId) {
    add(
      'issuetype',
      'issuetype',
      before.issueTypeId,
      repo.issueType(before.issueTypeId).name,
      after.issueTypeId,
      repo.issueType(after.issueTypeId).name,
    );
  }
  if (before.priorityId !== after.priorityId) {
    add(
      'priority',
      'priority',
      before.priorityId,
      repo.priority(before.priorityId).name,
      after.priorityId,
      repo.priority(after.priorityId).name,
    );
  }
  for (const f of ['assignee', 'reporter'] as const) {
    if (before[f] !== after[f]) {
      add(f, f, before[f], before[f] ? names([before[f]]) : null, after[f], after[f] ? names([after[f]]) : null);
    }
  }
  if (before.dueDate !== after.dueDate)
    add('duedate', 'duedate', before.dueDate, before.dueDate, after.dueDate, after.dueDate);
  if (!same(before.labels, after.labels))
    add('labels', 'labels', null, before.labels.join(' '), null, after.labels.join(' '));
  for (const v of before.fixVersionIds.filter((x) => !after.fixVersionIds.includes(x))) {
    add('Fix Version', 'fixVersions', String(v), repo.version(v)?.name ?? null, null, null);
  }
  for (const v of after.fixVersionIds.filter((x) => !before.fixVersionIds.includes(x))) {
    add('Fix Version', 'fixVersions', null, null, String(v), repo.version(v)?.name ?? null);
  }
  if (before.parentId !== after.parentId) {
    const key = (id: number | null): string | null => (id === null ? null : (repo.issueById(id)?.key ?? null));
    add(
      'IssueParentAssociation',
      'parent',
      before.parentId === null ? null : String(before.parentId),
      key(before.parentId),
      after.parentId === null ? null : String(after.parentId),
      key(after.parentId),
    );
  }
  for (const f of repo.appFields()) {
    const a = before.app.get(f.id) ?? [];
    const b = after.app.get(f.id) ?? [];
    if (same(a, b)) continue;
    const show = (vals: string[]): string | null =>
      vals.length === 0 ? null : f.type === 'user' ? names(vals) : vals.join(', ');
    add(f.name, f.id, a.length ? a.join(', ') : null, show(a), b.length ? b.join(', ') : null, show(b), 'custom');
  }
  return items;
}

/** Moves an issue to a status; returns the changelog items (status, and resolution when the category flips). */
export function changeStatus(repo: JiraRepo, row: IssueRow, toStatusId: string, now: number): ChangeItem[] {
  const from = repo.status(row.status_id);
  const to = repo.status(toStatusId);
  if (from.id === to.id) return [];
  const items: ChangeItem[] = [
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: from.id,
      fromString: from.name,
      to: to.id,
      toString: to.name,
    },
  ];
  let resolutionDate = row.resolution_date;
  if (to.category === 'done' && from.category !== 'done') {
    resolutionDate = now;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: null,
      fromString: null,
      to: '10000',
      toString: 'Done',
    });
  } else if (to.category !== 'done' && from.category === 'done') {
    resolutionDate = null;
    items.push({
      field: 'resolution',
      fieldtype: 'jira',
      fieldId: 'resolution',
      from: '10000',
      fromString: 'Done',
      to: null,
      toString: null,
    });
  }
  const statusChanged = from.category !== to.category ? now : row.status_changed;
  repo.run(
    'UPDATE jira_issues SET status_id = ?, resolution_date = ?, status_changed = ?, updated = ? WHERE id = ?',
    to.id,
    resolutionDate,
    statusChanged,
    now,
    row.id,
  );
  return items;
}

export function recordChangelog(
  repo: JiraRepo,
  issueId: number,
  author: string | null,
  created: number,
  items: ChangeItem[],
): number {
  const id = repo.nextId('changelog');
  repo.run(
    'INSERT INTO jira_changelog (id, issue_id, author, created, items) VALUES (?, ?, ?, ?, ?)',
    id,
    issueId,
    author,
    created,
    JSON.stringify(items),
  );
  return id;
}

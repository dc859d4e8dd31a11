import { adfText } from './render';
import type { IssueRow, JiraRepo, ProjectRow } from './repo';
import type { IssueDraft } from './issue-draft';

/** LexoRank-like rank strings: lexical order is creation order, as new issues go to the bottom. */
export function rankFor(seq: number): string {
  return `0|${seq.toString(36).padStart(8, '0')}:`;
}

/** Writes a draft's columns and side tables for an existing issue row. */
export function writeDraft(repo: JiraRepo, issueId: number, d: IssueDraft, updated: number): void {
  const descriptionText = d.description ? adfText(JSON.parse(d.description)) : '';
  repo.run(
    `UPDATE jira_issues SET summary = ?, description = ?, description_text = ?, issue_type_id = ?, priority_id = ?,
       assignee = ?, reporter = ?, due_date = ?, labels = ?, parent_id = ?, updated = ? WHERE id = ?`,
    d.summary,
    d.description,
    descriptionText,
    d.issueTypeId,
    d.priorityId,
    d.assignee,
    d.reporter,
    d.dueDate,
    JSON.stringify(d.labels),
    d.parentId,
    updated,
    issueId,
  );
  repo.run('DELETE FROM jira_issue_versions WHERE issue_id = ?', issueId);
  for (const v of d.fixVersionIds)
    repo.run('INSERT INTO jira_issue_versions (issue_id, version_id) VALUES (?, ?)', issueId, v);
  writeAppValues(repo, issueId, d.app);
}

/** Writes the draft's app field values: all of them, or only those of `onlyFields` (the others stay as stored). */
export function writeAppValues(
  repo: JiraRepo,
  issueId: number,
  app: Map<string, string[]>,
  onlyFields?: ReadonlySet<string>,
): void {
  if (onlyFields)
    for (const f of onlyFields)
      repo.run('DELETE FROM jira_field_values WHERE issue_id = ? AND field_id = ?', issueId, f);
  else repo.run('DELETE FROM jira_field_values WHERE issue_id = ?', issueId);
  for (const [fieldId, values] of app) {
    if (onlyFields && !onlyFields.has(fieldId)) continue;
    const numeric = repo.appField(fieldId)?.type === 'number';
    values.forEach((v, pos) => {
      repo.run(
        'INSERT INTO jira_field_values (issue_id, field_id, pos, value, num) VALUES (?, ?, ?, ?, ?)',
        issueId,
        fieldId,
        pos,
        v,
        numeric ? Number(v) : null,
      );
    });
  }
}

/** Inserts a new issue from a draft; returns its row. Call inside a transaction. */
export function insertIssue(
  repo: JiraRepo,
  project: ProjectRow,
  d: IssueDraft,
  meta: { statusId: string; creator: string | null; created: number; updated: number; resolutionDate: number | null },
): IssueRow {
  const id = repo.nextId('issue');
  repo.run('UPDATE jira_projects SET issue_counter = issue_counter + 1 WHERE id = ?', project.id);
  const num = repo.projectById(project.id)?.issue_counter ?? 1;
  const key = `${project.key}-${num}`;
  const rank = rankFor(repo.nextId('rank', 1));
  repo.run(
    `INSERT INTO jira_issues (id, key, project_id, project_key, num, issue_type_id, status_id, priority_id, summary,
       description, description_text, assignee, reporter, creator, parent_id, due_date, labels, rank, created, updated,
       status_changed, resolution_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    key,
    project.id,
    project.key,
    num,
    d.issueTypeId,
    meta.statusId,
    d.priorityId,
    d.summary,
    d.description,
    d.description ? adfText(JSON.parse(d.description)) : '',
    d.assignee,
    d.reporter,
    meta.creator,
    d.parentId,
    d.dueDate,
    JSON.stringify(d.labels),
    rank,
    meta.created,
    meta.updated,
    meta.created,
    meta.resolutionDate,
  );
  for (const v of d.fixVersionIds)
    repo.run('INSERT INTO jira_issue_versions (issue_id, version_id) VALUES (?, ?)', id, v);
  writeAppValues(repo, id, d.app);
  const row = repo.issueById(id);
  if (!row) throw new Error('issue insert failed');
  return row;
}

import type { IssueRow, JiraRepo, ProjectRow } from './repo';

/** The editable state of an issue; PUT/POST bodies are applied to it, then it is diffed and written. */
export interface IssueDraft {
  projectId: number;
  summary: string;
  /** ADF document as JSON text, or null. */
  description: string | null;
  issueTypeId: string;
  priorityId: string;
  assignee: string | null;
  reporter: string | null;
  dueDate: string | null;
  labels: string[];
  parentId: number | null;
  fixVersionIds: number[];
  /** App field id → stored values (account ids for user fields). */
  app: Map<string, string[]>;
}

export function draftOf(repo: JiraRepo, row: IssueRow): IssueDraft {
  return {
    projectId: row.project_id,
    summary: row.summary,
    description: row.description,
    issueTypeId: row.issue_type_id,
    priorityId: row.priority_id,
    assignee: row.assignee,
    reporter: row.reporter,
    dueDate: row.due_date,
    labels: JSON.parse(row.labels) as string[],
    parentId: row.parent_id,
    fixVersionIds: repo.fixVersionIds([row.id]).get(row.id) ?? [],
    app: new Map(repo.fieldValues([row.id]).get(row.id) ?? []),
  };
}

export function emptyDraft(project: ProjectRow): IssueDraft {
  return {
    projectId: project.id,
    summary: '',
    description: null,
    issueTypeId: '',
    priorityId: '3',
    assignee: null,
    reporter: null,
    dueDate: null,
    labels: [],
    parentId: null,
    fixVersionIds: [],
    app: new Map(),
  };
}

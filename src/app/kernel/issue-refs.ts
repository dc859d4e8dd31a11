import type { IssueRef } from '../../contract';
import type { JiraIssue } from './ports';

/** How every view names an issue it links to. */
export function issueRef(i: JiraIssue): IssueRef {
  return {
    id: i.id,
    key: i.key,
    summary: i.summary,
    statusName: i.statusName,
    statusCategory: i.statusCategory,
    dueDate: i.dueDate,
  };
}

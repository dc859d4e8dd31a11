import type { ActingContext, Deps, JiraIssue } from './ports';
import { ENTITY, INDEX } from './storage-keys';
import { NEVER, type EscalationRecord } from '../domain/escalation';
import type { EscalationSummary, IssuePanelView, IssueRef } from '../contract';
import { dependencySection } from './dependency-view';
import { readIssueDependencies } from './dependency-records';
import { readAll } from './paging';
import { readAsUser } from './visibility';
import { readPeopleIndex } from './departments';
import { raciView } from './raci-view';

export function issueRef(i: JiraIssue): IssueRef {
  return { id: i.id, key: i.key, summary: i.summary, statusName: i.statusName, statusCategory: i.statusCategory, dueDate: i.dueDate };
}

export function escalationSummary(e: EscalationRecord): EscalationSummary {
  return {
    id: e.id,
    status: e.status,
    level: e.level,
    summary: e.summary,
    raisedAt: new Date(e.raisedAt).toISOString(),
    // Closed, or breached at the top: the clock stopped when it last changed.
    dueAt: new Date(e.dueAt >= NEVER ? e.updatedAt : e.dueAt).toISOString(),
    source: e.source,
  };
}

/**
 * Everything the issue panel shows, in one invocation: the issue with its RACI people and the user's edit
 * right and its links (one Jira call), the people index for the RACI parties' departments (one KVS read), its
 * dependencies both ways (one index query a hundred) and its escalations (one index query), and the other side
 * of at most 100 dependencies in full (one bulk fetch; see dependencySection).
 */
export async function getIssuePanel(deps: Deps, ctx: ActingContext, issueKey: string): Promise<IssuePanelView> {
  const issue = await readAsUser(
    deps,
    'issue',
    () => deps.jira.getIssue('user', issueKey, { withEditMeta: true, withLinks: true }),
    () => deps.jira.getIssue('app', issueKey),
  );
  const [{ upstream, downstream }, escalations, peopleIndex] = await Promise.all([
    readIssueDependencies(deps, issue.id),
    readAll<EscalationRecord>(deps, { entity: ENTITY.escalation, index: INDEX.escalationByIssue, partition: [issue.id], sort: 'DESC' }),
    readPeopleIndex(deps),
  ]);
  const dependencies = await dependencySection(deps, ctx.accountId, issue, upstream, downstream);
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    issue: { ...issueRef(issue), projectKey: issue.projectKey },
    raci: raciView(issue.raci, issue.raciDepartments, people, peopleIndex),
    dependencies,
    escalations: escalations.map(escalationSummary),
    viewer: { accountId: ctx.accountId ?? '', canEdit: issue.editable ?? false },
  };
}

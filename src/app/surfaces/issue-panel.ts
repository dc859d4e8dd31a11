import type { ActingContext, Deps } from '../kernel/ports';
import { issueRef } from '../kernel/issue-refs';
import type { IssuePanelView } from '../../contract';
import { dependencySection } from '../dependencies/dependency-view';
import { readIssueDependencies } from '../dependencies/dependency-records';
import { readAsUser } from '../kernel/visibility';
import { readPeopleAndLadder } from '../escalations/escalation-settings';
import { readIssueEscalations, repairPeopleFields } from '../escalations/escalation-records';
import { escalationsSection } from '../escalations/escalation-view';
import { raciView } from '../raci/raci-view';
import { raciParticipants } from '../../domain/raci/raci';

/**
 * Everything the issue panel shows, in ONE invocation: the issue with the people of its RACI and escalation
 * fields, the user's edit right and its links (one Jira call); the people index, calendars, the project's
 * escalation ladder and the department directory (one KVS batch read); its dependencies both ways (one index
 * query a hundred) and its escalations (one index query); the other side of at most 100 dependencies in full
 * (one bulk fetch; see dependencySection), and names of escalation people Jira did not return with the issue
 * (one bulk lookup, only when there are any; see escalationsSection). When the escalation people fields have
 * drifted from the records, one write puts them right (see repairPeopleFields).
 */
export async function getIssuePanel(deps: Deps, ctx: ActingContext, issueKey: string): Promise<IssuePanelView> {
  const issue = await readAsUser(
    'issue',
    () => deps.jira.getIssue('user', issueKey, { withEditMeta: true, withLinks: true }),
    () => deps.jira.getIssue('app', issueKey),
  );
  const [{ upstream, downstream }, records, { people: peopleIndex, lc }] = await Promise.all([
    readIssueDependencies(deps, issue.id),
    readIssueEscalations(deps, issue.id),
    // Only the people of the issue's RACI are looked up: the shards they fall in, not the whole index.
    readPeopleAndLadder(deps, issue.projectKey, raciParticipants(issue.raci)),
  ]);
  const [dependencies, escalations] = await Promise.all([
    dependencySection(deps, ctx.accountId, issue, upstream, downstream, peopleIndex.calendars),
    escalationsSection(deps, ctx, issue, records, lc),
    repairPeopleFields(deps, issue, records, lc),
  ]);
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    issue: { ...issueRef(issue), projectKey: issue.projectKey },
    raci: raciView(issue.raci, issue.raciDepartments, people, peopleIndex),
    dependencies,
    escalations,
    viewer: { accountId: ctx.accountId ?? '', canEdit: issue.editable ?? false },
  };
}

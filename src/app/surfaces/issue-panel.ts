import type { ActingContext, Deps, JiraIssue } from '../kernel/ports';
import { issueRef } from '../kernel/issue-refs';
import type { IssueDependenciesPage, IssuePanelView } from '../../contract';
import { dependencySection } from '../dependencies/dependency-view';
import { readIssueDependencies } from '../dependencies/dependency-records';
import { readAsUser } from '../kernel/visibility';
import { readPeopleAndLadder } from '../escalations/escalation-settings';
import { readIssueEscalations, repairPeopleFields } from '../escalations/escalation-records';
import { escalationsSection } from '../escalations/escalation-view';
import { raciView } from '../raci/raci-view';
import { raciParticipants } from '../../domain/raci/raci';
import { inGraph, type DependencyRecord } from '../../domain/dependencies/dependency';
import { readPeopleIndex } from '../kernel/people-index';

/**
 * Dependencies per direction in the panel's first response and in each later page: 200 dependencies
 * answered in full were 129 KB; 12 a direction keep the first response near 25 KB, under 32 KB with room
 * for the views to grow.
 */
export const DEPENDENCIES_PAGE = 12;

/** Late first, then still in play by need-by, then the settled ones: the order the pages follow. */
function attentionOrder(list: readonly DependencyRecord[]): DependencyRecord[] {
  const rank = (d: DependencyRecord) => (d.late ? 0 : inGraph(d.status) ? 1 : 2);
  return [...list].sort(
    (a, b) => rank(a) - rank(b) || (a.needBy || '9999').localeCompare(b.needBy || '9999') || a.id.localeCompare(b.id),
  );
}

const readIssue = (deps: Deps, issueKey: string): Promise<JiraIssue> =>
  readAsUser(
    'issue',
    () => deps.jira.getIssue('user', issueKey, { withEditMeta: true, withLinks: true }),
    () => deps.jira.getIssue('app', issueKey),
  );

/**
 * Everything the issue panel shows, in ONE invocation: the issue with the people of its RACI and escalation
 * fields, the user's edit right and its links (one Jira call); the people index's head and the shards of
 * the RACI's people, calendars, the project's escalation ladder and the department directory (one KVS batch
 * read); its dependencies both ways (one index query a hundred) and its escalations (one index query); the
 * other side of the first page of dependencies each way in full (one bulk fetch; see dependencySection), and
 * names of escalation people Jira did not return with the issue (one bulk lookup, only when there are any;
 * see escalationsSection). When the escalation people fields have drifted from the records, one write puts
 * them right (see repairPeopleFields).
 */
export async function getIssuePanel(deps: Deps, ctx: ActingContext, issueKey: string): Promise<IssuePanelView> {
  const issue = await readIssue(deps, issueKey);
  const [{ upstream, downstream }, records, { people: peopleIndex, lc }] = await Promise.all([
    readIssueDependencies(deps, issue.id),
    readIssueEscalations(deps, issue.id),
    // Only the people of the issue's RACI are looked up: the shards they fall in, not the whole index.
    readPeopleAndLadder(deps, issue.projectKey, raciParticipants(issue.raci)),
  ]);
  const up = attentionOrder(upstream);
  const down = attentionOrder(downstream);
  const [dependencies, escalations] = await Promise.all([
    dependencySection(
      deps,
      ctx.accountId,
      issue,
      up.slice(0, DEPENDENCIES_PAGE),
      down.slice(0, DEPENDENCIES_PAGE),
      peopleIndex.calendars,
    ),
    escalationsSection(deps, ctx, issue, records, lc),
    repairPeopleFields(deps, issue, records, lc),
  ]);
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    issue: { ...issueRef(issue), projectKey: issue.projectKey },
    raci: raciView(issue.raci, issue.raciDepartments, people, peopleIndex),
    dependencies: { ...dependencies, totals: { upstream: up.length, downstream: down.length } },
    escalations,
    viewer: { accountId: ctx.accountId ?? '', canEdit: issue.editable ?? false },
  };
}

/**
 * The next page of one direction of the issue's dependencies: the issue and its links (one Jira call), its
 * dependencies (one index query a hundred) and the calendars (one KVS read), and the other side of the page's
 * dependencies in full (one bulk fetch): two Jira calls a page.
 */
export async function getIssueDependencies(
  deps: Deps,
  ctx: ActingContext,
  issueKey: string,
  direction: 'upstream' | 'downstream',
  offset: number,
): Promise<IssueDependenciesPage> {
  const issue = await readIssue(deps, issueKey);
  const [both, people] = await Promise.all([readIssueDependencies(deps, issue.id), readPeopleIndex(deps, [])]);
  const all = attentionOrder(both[direction]);
  const page = all.slice(offset, offset + DEPENDENCIES_PAGE);
  const section = await dependencySection(
    deps,
    ctx.accountId,
    issue,
    direction === 'upstream' ? page : [],
    direction === 'downstream' ? page : [],
    people.calendars,
  );
  const next = offset + page.length;
  return { items: section[direction], total: all.length, nextOffset: next < all.length ? next : null };
}

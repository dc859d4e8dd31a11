import type { ActingContext, Deps } from '../kernel/ports';
import type { IssueGlance } from '../../contract';
import { AppError } from '../kernel/errors';
import { readIssueDependencies } from '../dependencies/dependency-records';
import { readIssueEscalations } from '../escalations/escalation-records';
import { isDependencyOpen } from '../../domain/dependencies/dependency';
import { isEscalationOpen } from '../../domain/escalations/escalation';

/**
 * The work item's at-a-glance status for `jira:issueContext` ("Waiting for 2 · Escalated L2"): two index
 * queries read at once (the issue's dependency sides and its escalations) and one Jira call that checks, as the
 * viewer, the work item's project and every providing project, so a dependency on a project the viewer cannot
 * browse is not counted.
 */
export async function getIssueGlance(
  deps: Deps,
  ctx: ActingContext,
  scope: { issueId: string; issueKey: string; projectKey: string },
): Promise<IssueGlance> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'issue' });
  const [{ upstream }, escalations] = await Promise.all([
    readIssueDependencies(deps, scope.issueId),
    readIssueEscalations(deps, scope.issueId),
  ]);
  const waiting = upstream.filter((d) => isDependencyOpen(d.status));
  const browsable = await deps.jira.browsableProjects('user', [
    scope.projectKey,
    ...waiting.map((d) => d.upstreamProjectKey),
  ]);
  if (!browsable.has(scope.projectKey.toUpperCase()))
    throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'issue' });
  const open = escalations.filter((e) => isEscalationOpen(e.status));
  const top = [...open].sort((a, b) => b.level - a.level || Number(b.breached) - Number(a.breached))[0];
  return {
    issueKey: scope.issueKey,
    waitingFor: waiting.filter((d) => browsable.has(d.upstreamProjectKey.toUpperCase())).length,
    escalationLevel: top ? top.level : null,
    breached: top ? top.breached : false,
  };
}

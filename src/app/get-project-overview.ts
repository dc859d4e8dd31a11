import type { Deps } from './ports';
import type { ProjectOverview } from '../contract';
import { readRollup } from './rollups';
import { overdueOpen, raciCoverage } from '../domain/rollup';
import { readAsUser } from './visibility';

/** yyyy-mm-dd of an instant in a time zone (the viewer's), for comparing with Jira due dates. */
export function localDate(at: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

/**
 * The project page's summary. Its cost does not grow with the project: the project and its versions from
 * Jira (two calls), and one rollup record kept current by the triggers and the app's own writes.
 */
export async function getProjectOverview(deps: Deps, ctx: { timezone: string }, projectKey: string): Promise<ProjectOverview> {
  const project = await readAsUser(
    deps,
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
  const [versions, rollup] = await Promise.all([deps.jira.getVersions('user', project.key), readRollup(deps, project.key)]);
  const now = deps.clock.now();
  const today = localDate(now, ctx.timezone);
  return {
    asOf: new Date(now).toISOString(),
    project,
    rollup: {
      issueCount: rollup.issueCount,
      byCategory: rollup.byCategory,
      overdueOpen: overdueOpen(rollup, today),
      openIssues: rollup.openIssues,
      raciCompleteOpen: rollup.raciCompleteOpen,
      updatedAt: rollup.updatedAt === null ? null : new Date(rollup.updatedAt).toISOString(),
    },
    raciCoverage: raciCoverage(rollup),
    milestones: versions
      .filter((v) => !v.archived)
      .map((v) => ({
        id: v.id,
        name: v.name,
        releaseDate: v.releaseDate,
        released: v.released,
        overdue: !v.released && v.releaseDate !== null && v.releaseDate < today,
      })),
    dependencies: { open: rollup.dependencies.open, lateResponses: rollup.dependencies.late },
    escalations: { open: rollup.escalations.open },
  };
}

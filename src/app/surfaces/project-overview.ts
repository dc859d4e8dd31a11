import { lateApprovals } from '../../domain/rollup/dependencies';
import type { Deps } from '../kernel/ports';
import type { ProjectSummary, TrendPoint } from '../../contract';
import { readRollup } from '../kernel/rollups';
import { overdueActions } from '../../domain/rollup/project';
import { overdueOpen, raciCoverage } from '../../domain/rollup/issues';
import { weekOf } from '../../domain/rollup/core';
import { assessMilestone, projectFigures } from '../../domain/rollup/health';
import { readAsUser } from '../kernel/visibility';
import { KEY } from '../kernel/storage-keys';
import { readPeopleIndexWith } from '../kernel/people-index';
import { rollupCheckItem, verifiedAtOf, type RollupCheckRecord } from '../project/reconcile';
import { listMilestonePlans } from '../project/milestone-plans';
import { localDate } from '../kernel/dates';
import { riskZones } from '../../domain/project/risks';

/** Weekly figure snapshots kept for the trend (half a year). */
export const TREND_WEEKS = 26;

/**
 * The project page's summary. Its cost does not grow with the project: the project and its versions from
 * Jira (two calls); from storage the rollup kept current by the triggers and the app's own writes (one
 * query over its shards), the milestone plans (one query), the department names with when the reconcile pass
 * last verified the figures (one batch read) and the figure history (one read; one write on the first open of
 * a week, and one on the first open ever, which signs the project up for the reconcile pass).
 */
export async function getProjectOverview(
  deps: Deps,
  ctx: { timezone: string },
  projectKey: string,
): Promise<ProjectSummary> {
  const project = await readAsUser(
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
  const [versions, rollup, plans, { people, extra }, history] = await Promise.all([
    deps.jira.getVersions('user', project.key),
    readRollup(deps, project.key),
    listMilestonePlans(deps, project.key),
    // The reconcile pass's record rides along in the people index's batch read.
    readPeopleIndexWith(deps, [rollupCheckItem(project.key)]),
    deps.store.get<TrendPoint[]>(KEY.figureHistory(project.key)),
  ]);
  const verifiedAt = await verifiedAtOf(deps, project.key, extra[0] as RollupCheckRecord | undefined);
  const now = deps.clock.now();
  const today = localDate(now, ctx.timezone);
  const figures = projectFigures(rollup, today);
  const trend = await keepTrend(deps, project.key, history ?? [], {
    week: weekOf(today),
    values: Object.fromEntries(figures.map((f) => [f.id, f.value])),
  });
  const planOf = new Map(plans.map((p) => [p.versionId, p]));
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
      .map((v) => {
        const plan = planOf.get(v.id);
        const bufferDays = plan?.bufferDays ?? 0;
        const a = assessMilestone(rollup, {
          versionId: v.id,
          released: v.released,
          startDate: v.startDate ?? null,
          releaseDate: v.releaseDate,
          bufferDays,
          today,
        });
        return {
          id: v.id,
          name: v.name,
          releaseDate: v.releaseDate,
          released: v.released,
          overdue: !v.released && v.releaseDate !== null && v.releaseDate < today,
          startDate: v.startDate ?? null,
          bufferDays,
          ownerDepartmentId: plan?.ownerDepartmentId ?? null,
          planVersion: plan?.version ?? null,
          ...a,
        };
      }),
    dependencies: {
      open: rollup.dependencies.open,
      lateResponses: rollup.dependencies.late,
      lateApprovals: lateApprovals(rollup.dependencies, now),
    },
    escalations: { open: rollup.escalations.open },
    figures,
    trend,
    risks: rollup.risks,
    riskZones: riskZones(),
    actions: { open: rollup.actions.open, overdue: overdueActions(rollup, today), done: rollup.actions.done },
    departments: people.departments,
    verifiedAt,
  };
}

/**
 * The trend: one stored snapshot per week (taken at the week's first open of the page), and this week's
 * point as of now. No scan and no recompute: the figures come from the rollup either way.
 */
async function keepTrend(
  deps: Deps,
  projectKey: string,
  history: TrendPoint[],
  current: TrendPoint,
): Promise<TrendPoint[]> {
  const past = history.filter((p) => p.week < current.week);
  if (!history.some((p) => p.week === current.week))
    await deps.store.set(KEY.figureHistory(projectKey), [...past, current].slice(-TREND_WEEKS));
  return [...past, current].slice(-TREND_WEEKS);
}

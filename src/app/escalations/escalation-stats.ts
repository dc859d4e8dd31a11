import type { EscalationStats } from '../../contract';
import type { Deps } from '../kernel/ports';
import { readRollup } from '../kernel/rollups';
import { readAsUser } from '../kernel/visibility';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The project page's escalation figures, from the project's rollup only (one index query over its shards,
 * whatever the number of escalations): open ones per level and age band, the share resolved within their
 * level's limit, and mean hours to acknowledge and to resolve.
 */
export async function getEscalationStats(deps: Deps, projectKey: string): Promise<EscalationStats> {
  const project = await readAsUser(
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
  const [rollup, perms] = await Promise.all([
    readRollup(deps, project.key),
    deps.jira.hasPermissions('user', { projectKey: project.key }, ['ADMINISTER_PROJECTS']),
  ]);
  const t = rollup.escalations;
  const now = deps.clock.now();
  const today = Math.floor(now / DAY);
  const levels = [1, 2, 3].map((level) => ({ level, count: 0, ages: { d0: 0, d1to2: 0, d3to6: 0, d7plus: 0 } }));
  for (const [key, n] of Object.entries(t.openByLevelDay)) {
    const [level, day] = key.split('|');
    const row = levels[Number(level) - 1];
    if (!row || n <= 0) continue;
    const age = today - Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY);
    row.count += n;
    row.ages[age < 1 ? 'd0' : age < 3 ? 'd1to2' : age < 7 ? 'd3to6' : 'd7plus'] += n;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    asOf: new Date(now).toISOString(),
    openByLevel: levels,
    closed: t.closed,
    resolvedWithinLimit: t.resolved.total > 0 ? t.resolved.hit / t.resolved.total : null,
    meanHoursToAcknowledge:
      t.acknowledgeTime.count > 0 ? round(t.acknowledgeTime.ms / t.acknowledgeTime.count / HOUR) : null,
    meanHoursToResolve: t.resolveTime.count > 0 ? round(t.resolveTime.ms / t.resolveTime.count / HOUR) : null,
    canConfigure: perms.ADMINISTER_PROJECTS,
  };
}

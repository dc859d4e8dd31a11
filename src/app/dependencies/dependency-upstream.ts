import type { Deps } from '../kernel/ports';
import { readAll } from '../kernel/paging';
import { commitMany } from '../kernel/rollups';
import {
  byDownstream,
  byUpstream,
  contribution,
  normalizeRecord,
  readDependency,
  dependencyWrites,
} from './dependency-records';
import { inGraph, type DependencyRecord } from '../../domain/dependencies/dependency';
import { applyDependencyChange } from '../../domain/rollup/dependencies';

/**
 * An issue's due date changed in Jira: the dependencies it provides for keep the date they judge their health
 * by (the project page reads it from the rollup, without calling Jira).
 */
export function upstreamDueDateChanged(deps: Deps, issueId: string, dueDate: string): Promise<number> {
  return followIssue(
    deps,
    byUpstream(issueId),
    (d) => d.upstreamDueDate === dueDate,
    (d) => ({ ...d, upstreamDueDate: dueDate }),
  );
}

/**
 * An issue's fix versions changed in Jira: the dependencies it waits on count toward its new milestones (the
 * milestone health on the project page reads them from the rollup).
 */
export function downstreamVersionsChanged(deps: Deps, issueId: string, versionIds: readonly string[]): Promise<number> {
  const wanted = [...new Set(versionIds)].sort();
  const same = (d: DependencyRecord) =>
    d.downstreamVersionIds.length === wanted.length &&
    [...d.downstreamVersionIds].sort().every((v, i) => v === wanted[i]);
  return followIssue(deps, byDownstream(issueId), same, (d) => ({ ...d, downstreamVersionIds: wanted }));
}

/**
 * One index query, then the dependencies still in play that are not yet `current`, several to a transaction
 * (record, sides, the rollup and the graph entry together; see {@link commitMany}): 100 dependencies on one
 * issue cost about 15 KVS operations, not 200. A re-delivered event finds nothing to change.
 */
async function followIssue(
  deps: Deps,
  query: ReturnType<typeof byUpstream> | ReturnType<typeof byDownstream>,
  current: (d: DependencyRecord) => boolean,
  update: (d: DependencyRecord) => DependencyRecord,
): Promise<number> {
  const stale = (await readAll<DependencyRecord>(deps, query))
    .map(normalizeRecord)
    .filter((d) => inGraph(d.status) && !current(d));
  const now = deps.clock.now();
  const subject = `${query.index}:${query.partition[0]}`;
  return commitMany(
    deps,
    subject,
    [...new Set(stale.map((d) => d.projectKey))],
    stale,
    async (rollups, first, fresh) => {
      const dep = fresh ? await readDependency(deps, first.id) : first;
      if (!dep || !inGraph(dep.status) || current(dep)) return null;
      const next: DependencyRecord = { ...update(dep), updatedAt: now, version: dep.version + 1 };
      return {
        rollups: new Map([
          [
            dep.projectKey,
            applyDependencyChange(rollups.get(dep.projectKey)!, contribution(dep), contribution(next), now),
          ],
        ]),
        ops: dependencyWrites(next, dep.version),
      };
    },
  );
}

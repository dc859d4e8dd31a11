import type { Deps } from './ports';
import { ENTITY } from './storage-keys';
import { readAll } from './paging';
import { commitWithRollups } from './rollups';
import { byUpstream, contribution, normalizeRecord, readDependency, dependencyWrites } from './dependency-records';
import { inGraph, type DependencyRecord } from '../domain/dependency';
import { applyDependencyChange } from '../domain/rollup';

/**
 * An issue's due date changed in Jira: the dependencies it provides for keep the date they judge their health
 * by (the project page reads it from the rollup, without calling Jira). One index query, then one conditional
 * write per open dependency whose date differs; a re-delivered event finds nothing to change.
 */
export async function upstreamDueDateChanged(deps: Deps, issueId: string, dueDate: string): Promise<number> {
  const open = (await readAll<DependencyRecord>(deps, byUpstream(issueId))).map(normalizeRecord).filter((d) => inGraph(d.status) && d.upstreamDueDate !== dueDate);
  let changed = 0;
  for (const first of open) {
    const now = deps.clock.now();
    await commitWithRollups(deps, first.id, [first.projectKey], async (rollups, attempt) => {
      const dep = attempt === 1 ? first : await readDependency(deps, first.id);
      if (!dep || !inGraph(dep.status) || dep.upstreamDueDate === dueDate) return null;
      const next: DependencyRecord = { ...dep, upstreamDueDate: dueDate, updatedAt: now, version: dep.version + 1 };
      changed += 1;
      return {
        rollups: new Map([[dep.projectKey, applyDependencyChange(rollups.get(dep.projectKey)!, contribution(dep), contribution(next), now)]]),
        ops: dependencyWrites(next, dep.version),
      };
    });
  }
  return changed;
}

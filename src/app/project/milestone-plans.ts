import type { z } from 'zod';
import type { MilestonePlanInputSchema } from '../../contract';
import type { Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { ENTITY, INDEX, KEY } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { readPeopleIndex } from '../kernel/people-index';
import { requireEdit } from './project-access';
import { requireVersion } from './records';

// Milestone plans: a fix version's buffer days and owner department, beside what Jira keeps of it.

export interface StoredMilestonePlan {
  projectKey: string;
  versionId: string;
  bufferDays: number;
  ownerDepartmentId: string | null;
  version: number;
  updatedAt: number;
}

export function listMilestonePlans(deps: Deps, projectKey: string): Promise<StoredMilestonePlan[]> {
  return readAll<StoredMilestonePlan>(deps, {
    entity: ENTITY.milestonePlan,
    index: INDEX.milestonePlanByProject,
    partition: [projectKey],
    limit: 100,
  });
}

export async function saveMilestonePlan(
  deps: Deps,
  projectKey: string,
  input: z.output<typeof MilestonePlanInputSchema>,
): Promise<{ versionId: string; version: number }> {
  await requireEdit(deps, projectKey, 'milestone plan');
  await requireVersion(deps, projectKey, input.versionId, 'versionId');
  if (input.ownerDepartmentId) {
    const { departments } = await readPeopleIndex(deps);
    if (!departments.some((d) => d.id === input.ownerDepartmentId))
      throw new AppError(
        'VALIDATION',
        'project.validation.unknownDepartment',
        { field: 'ownerDepartmentId', id: input.ownerDepartmentId },
        'ownerDepartmentId',
      );
  }
  const key = KEY.milestonePlan(projectKey, input.versionId);
  const prev = await deps.store.getEntity<StoredMilestonePlan>(ENTITY.milestonePlan, key);
  if ((prev?.version ?? null) !== input.expectedVersion)
    throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'milestone plan' }, 'expectedVersion');
  const next: StoredMilestonePlan = {
    projectKey,
    versionId: input.versionId,
    bufferDays: input.bufferDays,
    ownerDepartmentId: input.ownerDepartmentId,
    version: (prev?.version ?? 0) + 1,
    updatedAt: deps.clock.now(),
  };
  try {
    await deps.store.transact([
      { kind: 'set', entity: ENTITY.milestonePlan, key, value: next, ifVersion: prev ? prev.version : 'absent' },
    ]);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT')
      throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'milestone plan' }, 'expectedVersion');
    throw e;
  }
  return { versionId: next.versionId, version: next.version };
}

import type { z } from 'zod';
import type { CharterInputSchema, CharterView } from '../../contract';
import type { ActingContext, Deps } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { ENTITY, KEY } from '../kernel/storage-keys';
import { readDirectory } from '../kernel/people-index';
import { canEditProject, peopleOf, requireBrowse, requireEdit, requirePeople } from './project-access';

export interface CharterData {
  initiatingDepartmentId: string;
  coordinatorAccountId: string;
  participatingDepartmentIds: string[];
  goal: string;
  keyResults: string[];
  startDate: string;
  endDate: string;
  notes: string;
  confirmations: Array<{ departmentId: string; accountId: string; at: number }>;
}

export interface StoredCharter {
  projectKey: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
  data: CharterData;
}

/** What a department head confirms (协同目标确认函): when any of it changes, earlier confirmations no longer hold. */
const confirmedPart = (d: Pick<CharterData, 'goal' | 'keyResults' | 'startDate' | 'endDate'>) =>
  JSON.stringify([d.goal, d.keyResults, d.startDate, d.endDate]);

async function charterView(
  deps: Deps,
  ctx: ActingContext,
  stored: StoredCharter | undefined,
  canEdit: boolean,
): Promise<CharterView> {
  const directory = (await readDirectory(deps))?.departments ?? [];
  const d = stored?.data;
  const person = await peopleOf(deps, [
    d?.coordinatorAccountId ?? null,
    ...directory.map((x) => x.headAccountId),
    ...(d?.confirmations.map((c) => c.accountId) ?? []),
  ]);
  return {
    charter: d
      ? {
          initiatingDepartmentId: d.initiatingDepartmentId,
          coordinator: person(d.coordinatorAccountId),
          participatingDepartmentIds: d.participatingDepartmentIds,
          goal: d.goal,
          keyResults: d.keyResults,
          startDate: d.startDate,
          endDate: d.endDate,
          notes: d.notes,
          version: stored!.version,
          updatedAt: new Date(stored!.updatedAt).toISOString(),
          confirmations: d.confirmations.map((c) => ({
            departmentId: c.departmentId,
            by: person(c.accountId),
            at: new Date(c.at).toISOString(),
          })),
        }
      : null,
    departments: directory.map((x) => ({
      id: x.id,
      nameZh: x.nameZh,
      nameEn: x.nameEn,
      head: x.headAccountId ? person(x.headAccountId) : null,
    })),
    viewer: {
      canEdit,
      headOf: directory.filter((x) => ctx.accountId !== null && x.headAccountId === ctx.accountId).map((x) => x.id),
    },
  };
}

const readCharter = (deps: Deps, projectKey: string) =>
  deps.store.getEntity<StoredCharter>(ENTITY.projectCharter, KEY.charter(projectKey));

export async function getCharter(deps: Deps, ctx: ActingContext, projectKey: string): Promise<CharterView> {
  await requireBrowse(deps, projectKey);
  const [stored, canEdit] = await Promise.all([readCharter(deps, projectKey), canEditProject(deps, projectKey)]);
  return charterView(deps, ctx, stored, canEdit);
}

async function writeCharter(deps: Deps, prev: StoredCharter | undefined, next: StoredCharter): Promise<void> {
  try {
    await deps.store.transact([
      {
        kind: 'set',
        entity: ENTITY.projectCharter,
        key: KEY.charter(next.projectKey),
        value: next,
        ifVersion: prev ? prev.version : 'absent',
      },
    ]);
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT')
      throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'charter' });
    throw e;
  }
}

export async function saveCharter(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof CharterInputSchema>,
): Promise<CharterView> {
  await requireEdit(deps, projectKey, 'charter');
  const directory = (await readDirectory(deps))?.departments ?? [];
  const known = new Set(directory.map((d) => d.id));
  const named = [
    { field: 'initiatingDepartmentId', id: input.initiatingDepartmentId },
    ...input.participatingDepartmentIds.map((id, i) => ({ field: `participatingDepartmentIds.${i}`, id })),
  ];
  for (const n of named)
    if (!known.has(n.id))
      throw new AppError('VALIDATION', 'project.validation.unknownDepartment', { field: n.field, id: n.id }, n.field);
  await requirePeople(deps, [{ field: 'coordinatorAccountId', accountId: input.coordinatorAccountId }]);
  const prev = await readCharter(deps, projectKey);
  if ((prev?.version ?? null) !== input.expectedVersion)
    throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'charter' }, 'expectedVersion');
  const participating = [...new Set(input.participatingDepartmentIds)];
  const data: Omit<CharterData, 'confirmations'> = {
    initiatingDepartmentId: input.initiatingDepartmentId,
    coordinatorAccountId: input.coordinatorAccountId,
    participatingDepartmentIds: participating,
    goal: input.goal,
    keyResults: input.keyResults,
    startDate: input.startDate,
    endDate: input.endDate,
    notes: input.notes,
  };
  const kept =
    prev && confirmedPart(prev.data) === confirmedPart(data)
      ? prev.data.confirmations.filter((c) => participating.includes(c.departmentId))
      : [];
  const next: StoredCharter = {
    projectKey,
    version: (prev?.version ?? 0) + 1,
    updatedAt: deps.clock.now(),
    updatedBy: ctx.accountId ?? '',
    data: { ...data, confirmations: kept },
  };
  await writeCharter(deps, prev, next);
  return charterView(deps, ctx, next, true);
}

/** A department head confirms the charter's goal for their department; only the head named in the directory may. */
export async function confirmCharter(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  departmentId: string,
): Promise<CharterView> {
  await requireBrowse(deps, projectKey);
  const directory = (await readDirectory(deps))?.departments ?? [];
  const department = directory.find((d) => d.id === departmentId);
  if (!department)
    throw new AppError(
      'VALIDATION',
      'project.validation.unknownDepartment',
      { field: 'departmentId', id: departmentId },
      'departmentId',
    );
  // Each language's message names the department in that language; the boundary picks one.
  const name = { departmentEn: department.nameEn, departmentZh: department.nameZh };
  if (!ctx.accountId || department.headAccountId !== ctx.accountId)
    throw new AppError('FORBIDDEN', 'project.forbidden.confirm', name);
  const prev = await readCharter(deps, projectKey);
  if (!prev) throw new AppError('CONFLICT', 'project.conflict.noCharter');
  if (!prev.data.participatingDepartmentIds.includes(departmentId))
    throw new AppError('CONFLICT', 'project.conflict.notParticipating', name);
  const confirmations = [
    ...prev.data.confirmations.filter((c) => c.departmentId !== departmentId),
    { departmentId, accountId: ctx.accountId, at: deps.clock.now() },
  ];
  const next: StoredCharter = { ...prev, version: prev.version + 1, data: { ...prev.data, confirmations } };
  await writeCharter(deps, prev, next);
  return charterView(deps, ctx, next, await canEditProject(deps, projectKey));
}

import type {
  ActionPage,
  ActionView,
  Noun,
  RetrospectiveView,
  RetrospectivesView,
  RiskRegister,
  RiskView,
} from '../../contract';
import { ActionInputSchema, RetrospectiveInputSchema, RiskInputSchema, MilestonePlanInputSchema } from '../../contract';
import type { z } from 'zod';
import type { Deps, ActingContext } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { ENTITY, INDEX, KEY } from '../kernel/storage-keys';
import { commitWithRollups } from '../kernel/rollups';
import { readAll, readPage } from '../kernel/paging';
import { syncIssue } from '../kernel/sync-issue';
import { newRecordId, peopleOf, requireBrowse, requireEdit, requirePeople, canEditProject } from './project-access';
import { readPeopleIndex } from '../kernel/people-index';
import { localDate } from '../kernel/dates';
import {
  applyActionChange,
  applyFeedbackChange,
  applyRiskChange,
  type ActionContribution,
  type FeedbackContribution,
  type ProjectRollup,
  type RiskContribution,
} from '../../domain/rollup/core';

/** A project page record as stored: indexable attributes beside its data. */
export interface StoredRecord<D> {
  id: string;
  projectKey: string;
  status?: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  data: D;
  /** Where the record sorts in its project's list (risks and action items): see `riskRank` and `actionRank`. */
  rank?: string;
}

/** A long list's page as the resolvers take it: after the cursor, this many rows. */
export interface ListPage {
  cursor?: string | undefined;
  limit: number;
}

/** Sortable fixed-width parts of a rank: ties go to the older record, then the id keeps ranks unique. */
const rankTail = (createdAt: number, id: string) => `${String(Math.max(0, Math.round(createdAt))).padStart(15, '0')}.${id}`;

interface RecordSpec<D, C> {
  entity: string;
  kind: string;
  what: Noun;
  projectKey: string;
  id: string | undefined;
  expectedVersion: number | null;
  make: (prev: StoredRecord<D> | undefined, now: number) => { status?: string; data: D };
  contribution: (r: StoredRecord<D>) => C;
  /** The list position of a record kept in a ranked list; records without one are listed by creation only. */
  rank?: (r: StoredRecord<D>) => string;
  apply: (rollup: ProjectRollup, before: C | null, after: C | null, at: number) => ProjectRollup;
}

/**
 * Creates or updates one record and moves its contribution in the project rollup, in one KVS transaction
 * conditioned on both: a stale edit (someone saved since the editor opened it) is refused, not merged.
 */
async function saveRecord<D, C>(deps: Deps, s: RecordSpec<D, C>): Promise<StoredRecord<D>> {
  const id = s.id ?? newRecordId(s.kind);
  const key = KEY.projectRecord(s.projectKey, id);
  let saved: StoredRecord<D> | undefined;
  await commitWithRollups(deps, id, [s.projectKey], async (rollups) => {
    const prev = await deps.store.getEntity<StoredRecord<D>>(s.entity, key);
    if (s.id !== undefined && !prev) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: s.what });
    if (s.id === undefined && prev) throw new AppError('CONFLICT', 'project.conflict.stale', { what: s.what });
    if (prev && prev.version !== s.expectedVersion) throw new AppError('CONFLICT', 'project.conflict.stale', { what: s.what }, 'expectedVersion');
    const now = deps.clock.now();
    const { status, data } = s.make(prev, now);
    const next: StoredRecord<D> = {
      id,
      projectKey: s.projectKey,
      ...(status !== undefined ? { status } : {}),
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
      version: (prev?.version ?? 0) + 1,
      data,
    };
    if (s.rank) next.rank = s.rank(next);
    saved = next;
    const rollup = s.apply(rollups.get(s.projectKey)!, prev ? s.contribution(prev) : null, s.contribution(next), now);
    return {
      rollups: new Map([[s.projectKey, rollup]]),
      ops: [{ kind: 'set', entity: s.entity, key, value: next, ifVersion: prev ? prev.version : 'absent' }],
    };
  });
  return saved!;
}

function listRecords<D>(deps: Deps, entity: string, index: string, projectKey: string): Promise<Array<StoredRecord<D>>> {
  return readAll<StoredRecord<D>>(deps, { entity, index, partition: [projectKey], sort: 'ASC', limit: 100 });
}

const iso = (t: number) => new Date(t).toISOString();

// ---------------------------------------------------------------- risks

export interface RiskData {
  title: string;
  probability: number;
  impact: number;
  ownerAccountId: string;
  deputyAccountId: string | null;
  response: string;
  reviewDate: string;
  issueKeys: string[];
  dependencyIds: string[];
  createdBy: string;
  closedAt: number | null;
}

const riskContribution = (r: StoredRecord<RiskData>): RiskContribution => ({
  projectKey: r.projectKey,
  open: r.status !== 'closed',
  probability: r.data.probability,
  impact: r.data.impact,
});

/** Open and mitigating before closed, then the highest score (probability × impact), then the oldest. */
export const riskRank = (r: StoredRecord<RiskData>) =>
  `${r.status === 'closed' ? 1 : 0}.${String(25 - r.data.probability * r.data.impact).padStart(2, '0')}.${rankTail(r.createdAt, r.id)}`;

function riskView(r: StoredRecord<RiskData>, person: (id: string) => RiskView['owner']): RiskView {
  const d = r.data;
  return {
    id: r.id,
    title: d.title,
    probability: d.probability,
    impact: d.impact,
    score: d.probability * d.impact,
    owner: person(d.ownerAccountId),
    deputy: d.deputyAccountId ? person(d.deputyAccountId) : null,
    response: d.response,
    status: r.status as RiskView['status'],
    reviewDate: d.reviewDate,
    issueKeys: d.issueKeys,
    dependencyIds: d.dependencyIds,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    closedAt: d.closedAt === null ? null : iso(d.closedAt),
    version: r.version,
  };
}

/** Linked issues must exist, be visible to the user and belong to the project. */
async function requireProjectIssues(deps: Deps, projectKey: string, keys: readonly string[], field: string): Promise<void> {
  if (keys.length === 0) return;
  const found = await deps.jira.bulkFetchIssues('user', keys);
  keys.forEach((key, i) => {
    const issue = found.find((f) => f.key === key);
    if (!issue) throw new AppError('VALIDATION', 'project.validation.unknownIssue', { field: `${field}.${i}`, key }, `${field}.${i}`);
    if (issue.projectKey !== projectKey) throw new AppError('VALIDATION', 'project.validation.otherProjectIssue', { field: `${field}.${i}`, key }, `${field}.${i}`);
  });
}

/** Linked dependencies must exist and be requested by this project (the dependency feature's records). */
async function requireProjectDependencies(deps: Deps, projectKey: string, ids: readonly string[], field: string): Promise<void> {
  const found = await Promise.all(ids.map((id) => deps.store.getEntity<{ projectKey: string; upstreamProjectKey: string }>(ENTITY.dependency, id)));
  found.forEach((dep, i) => {
    if (!dep || (dep.projectKey !== projectKey && dep.upstreamProjectKey !== projectKey))
      throw new AppError('VALIDATION', 'project.validation.unknownDependency', { field: `${field}.${i}`, id: ids[i]! }, `${field}.${i}`);
  });
}

/**
 * One page of the risk register, worst first: one index query whatever the register's size, and the page's
 * owners and deputies in one Jira call. The export and the monthly report walk the pages to the end.
 */
export async function listRisks(deps: Deps, projectKey: string, page: ListPage): Promise<RiskRegister> {
  await requireBrowse(deps, projectKey);
  const [{ items, next }, canEdit] = await Promise.all([
    readPage<StoredRecord<RiskData>>(deps, { entity: ENTITY.risk, index: INDEX.riskByProjectRank, partition: [projectKey] }, (r) => r.rank!, page.cursor, page.limit),
    canEditProject(deps, projectKey),
  ]);
  const person = await peopleOf(deps, items.flatMap((r) => [r.data.ownerAccountId, r.data.deputyAccountId]));
  return { asOf: iso(deps.clock.now()), risks: items.map((r) => riskView(r, person)), next, canEdit };
}

export async function saveRisk(deps: Deps, ctx: ActingContext, projectKey: string, input: z.output<typeof RiskInputSchema>): Promise<RiskView> {
  await requireEdit(deps, projectKey, 'risk');
  if (input.deputyAccountId && input.deputyAccountId === input.ownerAccountId) throw new AppError('VALIDATION', 'project.validation.deputyIsOwner', {}, 'deputyAccountId');
  await requirePeople(deps, [
    { field: 'ownerAccountId', accountId: input.ownerAccountId },
    { field: 'deputyAccountId', accountId: input.deputyAccountId },
  ]);
  await requireProjectIssues(deps, projectKey, input.issueKeys, 'issueKeys');
  await requireProjectDependencies(deps, projectKey, [...new Set(input.dependencyIds)], 'dependencyIds');
  const saved = await saveRecord<RiskData, RiskContribution>(deps, {
    entity: ENTITY.risk,
    kind: 'risk',
    what: 'risk',
    projectKey,
    id: input.id,
    expectedVersion: input.expectedVersion,
    make: (prev, now) => ({
      status: input.status,
      data: {
        title: input.title,
        probability: input.probability,
        impact: input.impact,
        ownerAccountId: input.ownerAccountId,
        deputyAccountId: input.deputyAccountId,
        response: input.response,
        reviewDate: input.reviewDate,
        issueKeys: [...new Set(input.issueKeys)],
        dependencyIds: [...new Set(input.dependencyIds)],
        createdBy: prev?.data.createdBy ?? ctx.accountId ?? '',
        closedAt: input.status === 'closed' ? (prev?.data.closedAt ?? now) : null,
      },
    }),
    contribution: riskContribution,
    apply: applyRiskChange,
    rank: riskRank,
  });
  return riskView(saved, await peopleOf(deps, [saved.data.ownerAccountId, saved.data.deputyAccountId]));
}

// ---------------------------------------------------------------- retrospectives and action items

export interface RetroData {
  versionId: string | null;
  heldOn: string;
  wentWell: string;
  toImprove: string;
  scores: RetrospectiveView['scores'];
  tags: string[];
  createdBy: string;
}

export interface ActionData {
  retrospectiveId: string | null;
  title: string;
  ownerAccountId: string;
  dueDate: string;
  tags: string[];
  issueKey: string | null;
  createdBy: string;
}

const feedbackContribution = (r: StoredRecord<RetroData>): FeedbackContribution => ({ projectKey: r.projectKey, scores: r.data.scores });
const actionContribution = (r: StoredRecord<ActionData>): ActionContribution => ({ projectKey: r.projectKey, done: r.status === 'done', dueDate: r.data.dueDate });

/** Not done before done, then the earliest due date, then the oldest. */
export const actionRank = (a: StoredRecord<ActionData>) => `${a.status === 'done' ? 1 : 0}.${a.data.dueDate}.${rankTail(a.createdAt, a.id)}`;

function retroView(r: StoredRecord<RetroData>, person: (id: string) => RetrospectiveView['createdBy']): RetrospectiveView {
  const d = r.data;
  return { id: r.id, versionId: d.versionId, heldOn: d.heldOn, wentWell: d.wentWell, toImprove: d.toImprove, scores: d.scores, tags: d.tags, createdBy: person(d.createdBy), version: r.version };
}

function actionView(a: StoredRecord<ActionData>, person: (id: string) => ActionView['owner'], today: string, latestRetroId: string | null): ActionView {
  const d = a.data;
  const open = a.status !== 'done';
  return {
    id: a.id,
    retrospectiveId: d.retrospectiveId,
    title: d.title,
    owner: person(d.ownerAccountId),
    dueDate: d.dueDate,
    status: a.status as ActionView['status'],
    tags: d.tags,
    issueKey: d.issueKey,
    overdue: open && d.dueDate < today,
    carriedOver: open && latestRetroId !== null && d.retrospectiveId !== null && d.retrospectiveId !== latestRetroId,
    version: a.version,
  };
}

/**
 * Case library: a tag is a known problem; it recurs when it was raised at two or more different retrospectives
 * (counting each action item's tags toward its retrospective).
 */
export function recurringTags(retros: ReadonlyArray<{ id: string; tags: readonly string[] }>, actions: ReadonlyArray<{ retrospectiveId: string | null; id: string; tags: readonly string[] }>): string[] {
  const seenAt = new Map<string, Set<string>>();
  const note = (tag: string, where: string) => (seenAt.get(tag) ?? seenAt.set(tag, new Set()).get(tag)!).add(where);
  for (const r of retros) for (const t of r.tags) note(t, r.id);
  for (const a of actions) for (const t of a.tags) note(t, a.retrospectiveId ?? a.id);
  return [...seenAt].filter(([, where]) => where.size >= 2).map(([t]) => t).sort();
}

/** The project's retrospectives, latest first (by the day held, then by creation). */
async function retrospectivesOf(deps: Deps, projectKey: string) {
  const retros = await listRecords<RetroData>(deps, ENTITY.retrospective, INDEX.retrospectiveByProject, projectKey);
  return retros.sort((a, b) => (a.data.heldOn > b.data.heldOn ? -1 : a.data.heldOn < b.data.heldOn ? 1 : b.createdAt - a.createdAt));
}

const actionsByRank = (projectKey: string) => ({ entity: ENTITY.actionItem, index: INDEX.actionByProjectRank, partition: [projectKey] });

/**
 * The retrospectives (all: one per review) and the first page of action items, most urgent first. The case
 * library's recurring tags count every action item's tags, so this reads all action items (one index query per
 * 100); only the page's owners are looked up in Jira.
 */
export async function listRetrospectives(deps: Deps, ctx: ActingContext, projectKey: string, limit: number): Promise<RetrospectivesView> {
  await requireBrowse(deps, projectKey);
  const [retros, actions, canEdit] = await Promise.all([
    retrospectivesOf(deps, projectKey),
    readAll<StoredRecord<ActionData>>(deps, { ...actionsByRank(projectKey), sort: 'ASC', limit: 100 }),
    canEditProject(deps, projectKey),
  ]);
  const page = actions.slice(0, limit);
  const person = await peopleOf(deps, [...retros.map((r) => r.data.createdBy), ...page.map((a) => a.data.ownerAccountId)]);
  const now = deps.clock.now();
  const today = localDate(now, ctx.timezone);
  const latestId = retros[0]?.id ?? null;
  return {
    asOf: iso(now),
    retrospectives: retros.map((r) => retroView(r, person)),
    actions: page.map((a) => actionView(a, person, today, latestId)),
    actionsNext: actions.length > limit ? page[page.length - 1]!.rank! : null,
    recurringTags: recurringTags(
      retros.map((r) => ({ id: r.id, tags: r.data.tags })),
      actions.map((a) => ({ id: a.id, retrospectiveId: a.data.retrospectiveId, tags: a.data.tags })),
    ),
    canEdit,
  };
}

/** A further page of the action items after `page.cursor`: one index query, plus the retrospectives to tell which items carry over. */
export async function listActions(deps: Deps, ctx: ActingContext, projectKey: string, page: ListPage): Promise<ActionPage> {
  await requireBrowse(deps, projectKey);
  const [retros, { items, next }, canEdit] = await Promise.all([
    retrospectivesOf(deps, projectKey),
    readPage<StoredRecord<ActionData>>(deps, actionsByRank(projectKey), (a) => a.rank!, page.cursor, page.limit),
    canEditProject(deps, projectKey),
  ]);
  const person = await peopleOf(deps, items.map((a) => a.data.ownerAccountId));
  const now = deps.clock.now();
  return { asOf: iso(now), actions: items.map((a) => actionView(a, person, localDate(now, ctx.timezone), retros[0]?.id ?? null)), next, canEdit };
}

async function requireVersion(deps: Deps, projectKey: string, versionId: string | null, field: string): Promise<void> {
  if (versionId === null) return;
  const versions = await deps.jira.getVersions('user', projectKey);
  if (!versions.some((v) => v.id === versionId)) throw new AppError('VALIDATION', 'project.validation.unknownVersion', { field, id: versionId }, field);
}

export async function saveRetrospective(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof RetrospectiveInputSchema>,
): Promise<RetrospectiveView> {
  await requireEdit(deps, projectKey, 'retrospective');
  await requireVersion(deps, projectKey, input.versionId, 'versionId');
  const saved = await saveRecord<RetroData, FeedbackContribution>(deps, {
    entity: ENTITY.retrospective,
    kind: 'retro',
    what: 'retrospective',
    projectKey,
    id: input.id,
    expectedVersion: input.expectedVersion,
    make: (prev) => ({
      data: {
        versionId: input.versionId,
        heldOn: input.heldOn,
        wentWell: input.wentWell,
        toImprove: input.toImprove,
        scores: input.scores,
        tags: [...new Set(input.tags)],
        createdBy: prev?.data.createdBy ?? ctx.accountId ?? '',
      },
    }),
    contribution: feedbackContribution,
    apply: applyFeedbackChange,
  });
  return retroView(saved, await peopleOf(deps, [saved.data.createdBy]));
}

export async function saveAction(deps: Deps, ctx: ActingContext, projectKey: string, input: z.output<typeof ActionInputSchema>): Promise<ActionView> {
  await requireEdit(deps, projectKey, 'action item');
  await requirePeople(deps, [{ field: 'ownerAccountId', accountId: input.ownerAccountId }]);
  if (input.retrospectiveId) {
    const retro = await deps.store.getEntity(ENTITY.retrospective, KEY.projectRecord(projectKey, input.retrospectiveId));
    if (!retro) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'retrospective' }, 'retrospectiveId');
  }
  const saved = await saveRecord<ActionData, ActionContribution>(deps, {
    entity: ENTITY.actionItem,
    kind: 'action',
    what: 'action item',
    projectKey,
    id: input.id,
    expectedVersion: input.expectedVersion,
    make: (prev) => ({
      status: input.status,
      data: {
        retrospectiveId: input.retrospectiveId,
        title: input.title,
        ownerAccountId: input.ownerAccountId,
        dueDate: input.dueDate,
        tags: [...new Set(input.tags)],
        issueKey: prev?.data.issueKey ?? null,
        createdBy: prev?.data.createdBy ?? ctx.accountId ?? '',
      },
    }),
    contribution: actionContribution,
    apply: applyActionChange,
    rank: actionRank,
  });
  return actionView(saved, await peopleOf(deps, [saved.data.ownerAccountId]), localDate(deps.clock.now(), ctx.timezone), null);
}

/**
 * Makes an action item a Jira issue (a Task, as the user, assigned to its owner, due when it is due) and
 * records the issue's key on the item. An item already tracked by an issue is refused, so a double click
 * does not make two issues.
 */
export async function createActionIssue(deps: Deps, ctx: ActingContext, projectKey: string, id: string, locale: 'en' | 'zh'): Promise<ActionView> {
  await requireEdit(deps, projectKey, 'action item');
  const key = KEY.projectRecord(projectKey, id);
  const current = await deps.store.getEntity<StoredRecord<ActionData>>(ENTITY.actionItem, key);
  if (!current) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'action item' });
  if (current.data.issueKey) throw new AppError('CONFLICT', 'project.action.alreadyIssue', { key: current.data.issueKey });
  const intro = locale === 'zh' ? '整改项，来自项目复盘（协同健康页面）。' : 'Action item from a project retrospective (collaboration health page).';
  const created = await deps.jira.createIssue('user', {
    projectKey,
    issueTypeName: 'Task',
    summary: current.data.title,
    description: [intro, ...current.data.tags.map((t) => `#${t}`)].join('\n'),
    dueDate: current.data.dueDate,
    assigneeAccountId: current.data.ownerAccountId,
  });
  // The issue-events trigger ignores the app's own changes: count the new issue in the rollup here (idempotent).
  await syncIssue(deps, created.id);
  // The issue exists now: recording its key must survive a concurrent edit of the item's other fields.
  let saved: StoredRecord<ActionData> | undefined;
  for (let attempt = 1; !saved; attempt++) {
    const latest = attempt === 1 ? current : await deps.store.getEntity<StoredRecord<ActionData>>(ENTITY.actionItem, key);
    if (!latest) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'action item' });
    const write: StoredRecord<ActionData> = { ...latest, version: latest.version + 1, updatedAt: deps.clock.now(), data: { ...latest.data, issueKey: created.key } };
    try {
      await deps.store.transact([{ kind: 'set', entity: ENTITY.actionItem, key, value: write, ifVersion: latest.version }]);
      saved = write;
    } catch (e) {
      if (!(isAppError(e) && e.code === 'CONFLICT') || attempt >= 5) throw e;
    }
  }
  return actionView(saved, await peopleOf(deps, [saved.data.ownerAccountId]), localDate(deps.clock.now(), ctx.timezone), null);
}

// ---------------------------------------------------------------- milestone plans (buffer days, owner department)

export interface StoredMilestonePlan {
  projectKey: string;
  versionId: string;
  bufferDays: number;
  ownerDepartmentId: string | null;
  version: number;
  updatedAt: number;
}

export function listMilestonePlans(deps: Deps, projectKey: string): Promise<StoredMilestonePlan[]> {
  return readAll<StoredMilestonePlan>(deps, { entity: ENTITY.milestonePlan, index: INDEX.milestonePlanByProject, partition: [projectKey], limit: 100 });
}

export async function saveMilestonePlan(deps: Deps, projectKey: string, input: z.output<typeof MilestonePlanInputSchema>): Promise<{ versionId: string; version: number }> {
  await requireEdit(deps, projectKey, 'milestone plan');
  await requireVersion(deps, projectKey, input.versionId, 'versionId');
  if (input.ownerDepartmentId) {
    const { departments } = await readPeopleIndex(deps);
    if (!departments.some((d) => d.id === input.ownerDepartmentId))
      throw new AppError('VALIDATION', 'project.validation.unknownDepartment', { field: 'ownerDepartmentId', id: input.ownerDepartmentId }, 'ownerDepartmentId');
  }
  const key = KEY.milestonePlan(projectKey, input.versionId);
  const prev = await deps.store.getEntity<StoredMilestonePlan>(ENTITY.milestonePlan, key);
  if ((prev?.version ?? null) !== input.expectedVersion) throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'milestone plan' }, 'expectedVersion');
  const next: StoredMilestonePlan = {
    projectKey,
    versionId: input.versionId,
    bufferDays: input.bufferDays,
    ownerDepartmentId: input.ownerDepartmentId,
    version: (prev?.version ?? 0) + 1,
    updatedAt: deps.clock.now(),
  };
  try {
    await deps.store.transact([{ kind: 'set', entity: ENTITY.milestonePlan, key, value: next, ifVersion: prev ? prev.version : 'absent' }]);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') throw new AppError('CONFLICT', 'project.conflict.stale', { what: 'milestone plan' }, 'expectedVersion');
    throw e;
  }
  return { versionId: next.versionId, version: next.version };
}

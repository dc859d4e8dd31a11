import type { z } from 'zod';
import {
  formatMessage,
  type ActionInputSchema,
  type ActionPage,
  type ActionView,
  type Locale,
  type RetrospectiveInputSchema,
  type RetrospectiveView,
  type RetrospectivesView,
} from '../../contract';
import { actionIssueRaci, actionRank, recurringTags } from '../../domain/project/retrospectives';
import { NO_RACI_DEPARTMENTS } from '../../contract/raci-departments';
import {
  applyActionChange,
  applyFeedbackChange,
  type ActionContribution,
  type FeedbackContribution,
} from '../../domain/rollup/project';
import type { ActingContext, Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { withLease } from '../kernel/lease';
import { forgetActionIssueIntent, makeActionIssueOnce } from './action-issue';
import { ENTITY, INDEX, KEY } from '../kernel/storage-keys';
import { readAll, readPage } from '../kernel/paging';
import { retryOnConflict } from '../kernel/retry';
import { syncIssue } from '../kernel/sync-issue';
import { localDate } from '../kernel/dates';
import { canEditProject, peopleOf, requireBrowse, requireEdit, requirePeople } from './project-access';
import { iso, listRecords, requireVersion, saveRecord, type ListPage, type StoredRecord } from './records';

// Retrospectives (复盘) and their action items (整改项), with the case library of recurring tags.

export interface RetroData {
  versionId: string | null;
  heldOn: string;
  wentWell: string;
  toImprove: string;
  scores: RetrospectiveView['scores'];
  tags: string[];
  /** Sorted into 流程卡点 / 沟通问题 / 权责漏洞; absent on records saved before findings existed. */
  findings?: RetrospectiveView['findings'];
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

const feedbackContribution = (r: StoredRecord<RetroData>): FeedbackContribution => ({
  projectKey: r.projectKey,
  scores: r.data.scores,
});
export const actionContribution = (r: StoredRecord<ActionData>): ActionContribution => ({
  projectKey: r.projectKey,
  done: r.status === 'done',
  dueDate: r.data.dueDate,
});

/** Where the item sorts in its list: see the domain's actionRank. */
export const rankOf = (a: StoredRecord<ActionData>) =>
  actionRank({ id: a.id, status: a.status, createdAt: a.createdAt, dueDate: a.data.dueDate });

function retroView(
  r: StoredRecord<RetroData>,
  person: (id: string) => RetrospectiveView['createdBy'],
): RetrospectiveView {
  const d = r.data;
  return {
    id: r.id,
    versionId: d.versionId,
    heldOn: d.heldOn,
    wentWell: d.wentWell,
    toImprove: d.toImprove,
    scores: d.scores,
    tags: d.tags,
    findings: d.findings ?? [],
    createdBy: person(d.createdBy),
    version: r.version,
  };
}

function actionView(
  a: StoredRecord<ActionData>,
  person: (id: string) => ActionView['owner'],
  today: string,
  latestRetroId: string | null,
): ActionView {
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

/** The project's retrospectives, latest first (by the day held, then by creation). */
async function retrospectivesOf(deps: Deps, projectKey: string) {
  const retros = await listRecords<RetroData>(deps, ENTITY.retrospective, INDEX.retrospectiveByProject, projectKey);
  return retros.sort((a, b) =>
    a.data.heldOn > b.data.heldOn ? -1 : a.data.heldOn < b.data.heldOn ? 1 : b.createdAt - a.createdAt,
  );
}

const actionsByRank = (projectKey: string) => ({
  entity: ENTITY.actionItem,
  index: INDEX.actionByProjectRank,
  partition: [projectKey],
});

/**
 * The retrospectives (all: one per review) and the first page of action items, most urgent first. The case
 * library's recurring tags count every action item's tags, so this reads all action items (one index query per
 * 100); only the page's owners are looked up in Jira.
 */
export async function listRetrospectives(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  limit: number,
): Promise<RetrospectivesView> {
  await requireBrowse(deps, projectKey);
  const [retros, actions, canEdit] = await Promise.all([
    retrospectivesOf(deps, projectKey),
    readAll<StoredRecord<ActionData>>(deps, { ...actionsByRank(projectKey), sort: 'ASC', limit: 100 }),
    canEditProject(deps, projectKey),
  ]);
  const page = actions.slice(0, limit);
  const person = await peopleOf(deps, [
    ...retros.map((r) => r.data.createdBy),
    ...page.map((a) => a.data.ownerAccountId),
  ]);
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
export async function listActions(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  page: ListPage,
): Promise<ActionPage> {
  await requireBrowse(deps, projectKey);
  const [retros, { items, next }, canEdit] = await Promise.all([
    retrospectivesOf(deps, projectKey),
    readPage<StoredRecord<ActionData>>(deps, actionsByRank(projectKey), (a) => a.rank!, page.cursor, page.limit),
    canEditProject(deps, projectKey),
  ]);
  const person = await peopleOf(
    deps,
    items.map((a) => a.data.ownerAccountId),
  );
  const now = deps.clock.now();
  return {
    asOf: iso(now),
    actions: items.map((a) => actionView(a, person, localDate(now, ctx.timezone), retros[0]?.id ?? null)),
    next,
    canEdit,
  };
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
        findings: input.findings,
        createdBy: prev?.data.createdBy ?? ctx.accountId ?? '',
      },
    }),
    contribution: feedbackContribution,
    apply: applyFeedbackChange,
  });
  return retroView(saved, await peopleOf(deps, [saved.data.createdBy]));
}

export async function saveAction(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof ActionInputSchema>,
): Promise<ActionView> {
  await requireEdit(deps, projectKey, 'action item');
  await requirePeople(deps, [{ field: 'ownerAccountId', accountId: input.ownerAccountId }]);
  if (input.retrospectiveId) {
    const retro = await deps.store.getEntity(
      ENTITY.retrospective,
      KEY.projectRecord(projectKey, input.retrospectiveId),
    );
    if (!retro)
      throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'retrospective' }, 'retrospectiveId');
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
    rank: rankOf,
  });
  return actionView(
    saved,
    await peopleOf(deps, [saved.data.ownerAccountId]),
    localDate(deps.clock.now(), ctx.timezone),
    null,
  );
}

/**
 * Makes an action item a Jira issue (a Task, as the user, assigned to its owner, due when it is due) and
 * records the issue's key on the item. An item already tracked by an issue is refused, so a double click
 * does not make two issues.
 */
export async function createActionIssue(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  id: string,
  locale: Locale,
): Promise<ActionView> {
  await requireEdit(deps, projectKey, 'action item');
  const key = KEY.projectRecord(projectKey, id);
  // One Jira issue per action item, however many people click at once: whoever takes the lease makes it; the
  // others are told it is under way. The record is read after the lease, so a click that comes once the first
  // one has finished sees the key it recorded.
  const lease = {
    key: KEY.actionIssueLease(key),
    ttlSeconds: ACTION_ISSUE_LEASE_SECONDS,
    holder: ctx.accountId,
    busy: new AppError('CONFLICT', 'project.action.issueUnderWay'),
  };
  return withLease(deps, lease, () => createActionIssueHolding(deps, ctx, projectKey, key, locale));
}

/** Long enough for one issue create and one record write, short enough that a crashed attempt soon frees the item. */
const ACTION_ISSUE_LEASE_SECONDS = 60;

async function createActionIssueHolding(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  key: string,
  locale: Locale,
): Promise<ActionView> {
  const current = await deps.store.getEntity<StoredRecord<ActionData>>(ENTITY.actionItem, key);
  if (!current) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'action item' });
  if (current.data.issueKey)
    throw new AppError('CONFLICT', 'project.action.alreadyIssue', { key: current.data.issueKey });
  // The issue is written once, in the language of the person who makes it.
  const intro = formatMessage('project.action.issueIntro', locale);
  const created = await makeActionIssueOnce(deps, key, {
    projectKey,
    issueTypeName: 'Task',
    summary: current.data.title,
    description: [intro, ...current.data.tags.map((t) => `#${t}`)].join('\n'),
    dueDate: current.data.dueDate,
    assigneeAccountId: current.data.ownerAccountId,
  });
  const retro = current.data.retrospectiveId
    ? await deps.store.getEntity<StoredRecord<RetroData>>(
        ENTITY.retrospective,
        KEY.projectRecord(projectKey, current.data.retrospectiveId),
      )
    : undefined;
  const raci = actionIssueRaci(
    current.data.ownerAccountId,
    retro?.data.createdBy ?? null,
    current.data.createdBy || ctx.accountId,
  );
  // Without a Responsible and an Accountable the app's own validator would refuse to close the work item.
  await deps.jira
    .setRaci('user', created.key, raci, NO_RACI_DEPARTMENTS)
    .catch((e: unknown) => deps.log.warn('action issue: RACI not set', { key: created.key, error: String(e) }));
  // The issue-events trigger ignores the app's own changes: count the new issue in the rollup here (idempotent).
  await syncIssue(deps, created.id);
  // The issue exists now: recording its key must survive a concurrent edit of the item's other fields.
  const saved = await retryOnConflict(async (attempt, write) => {
    const latest =
      attempt === 1 ? current : await deps.store.getEntity<StoredRecord<ActionData>>(ENTITY.actionItem, key);
    if (!latest) throw new AppError('NOT_FOUND', 'project.notFound.record', { what: 'action item' });
    const next: StoredRecord<ActionData> = {
      ...latest,
      version: latest.version + 1,
      updatedAt: deps.clock.now(),
      data: { ...latest.data, issueKey: created.key },
    };
    await write(() =>
      deps.store.transact([
        { kind: 'set', entity: ENTITY.actionItem, key, value: next, ifVersion: latest.version },
        { kind: 'set', key: KEY.actionOfIssue(created.id), value: { projectKey, id: latest.id } },
      ]),
    );
    return next;
  });
  await forgetActionIssueIntent(deps, key);
  return actionView(
    saved,
    await peopleOf(deps, [saved.data.ownerAccountId]),
    localDate(deps.clock.now(), ctx.timezone),
    null,
  );
}

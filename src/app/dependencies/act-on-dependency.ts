import type { ActingContext, Deps, JiraIssue } from '../kernel/ports';
import type { ActOnDependencyInput, Locale } from '../../contract';
import { formatMessage } from '../../contract';
import { AppError, isAppError } from '../kernel/errors';
import { commitWithRollups } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import { calendarOf } from '../../domain/shared/calendar';
import { readPeopleIndex } from '../kernel/people-index';
import { contribution, graphHint, raOf, readDependency, responseHoursOf, dependencyWrites } from './dependency-records';
import { toDependencyView } from './dependency-view';
import { providerToday } from './provider-today';
import { issueRef } from '../kernel/issue-refs';
import {
  approvalDueAt,
  approvalPending,
  canMove,
  MOVES,
  responseDueAt,
  sidesOf,
  type DependencyRecord,
} from '../../domain/dependencies/dependency';
import { approvalLimit, dependencyLimitsOf, responseLimit } from '../../domain/shared/limits';
import { applyDependencyChange } from '../../domain/rollup/dependencies';

const TEXT_REQUIRED: Partial<Record<ActOnDependencyInput['action'], 'decline' | 'delay explanation'>> = {
  decline: 'decline',
  explainDelay: 'delay explanation',
};

/**
 * One step of a dependency by a person on the side allowed to take it, on the version they saw. Answers from
 * the providing side stop the response clock. A cancel removes the Jira link too; a delay warning emails
 * the upstream Responsible.
 */
export async function actOnDependency(
  deps: Deps,
  ctx: ActingContext & { locale: Locale },
  issueKey: string,
  input: ActOnDependencyInput,
) {
  const dep = await readDependency(deps, input.dependencyId);
  const [issues, people] = await Promise.all([
    dep ? deps.jira.bulkFetchIssues('user', [dep.upstreamIssueId, dep.downstreamIssueId]) : Promise.resolve([]),
    readPeopleIndex(deps),
  ]);
  const byId = new Map(issues.map((i) => [i.id, i]));
  const here = issues.find((i) => i.key.toUpperCase() === issueKey.toUpperCase());
  if (!dep || !here) throw new AppError('NOT_FOUND', 'dependency.notFound');
  const upstream = byId.get(dep.upstreamIssueId);
  const downstream = byId.get(dep.downstreamIssueId);
  const withFresh = {
    ...dep,
    requesterContacts: [...dep.requesterContacts, ...(people.routing[dep.requestingDept]?.contacts ?? [])],
    providerContacts: [...dep.providerContacts, ...(people.routing[dep.providingDept]?.contacts ?? [])],
  };
  const sides = ctx.accountId ? sidesOf(ctx.accountId, withFresh, raOf(downstream), raOf(upstream)) : new Set();
  const move = MOVES[input.action];
  if (!sides.has(move.side)) throw new AppError('FORBIDDEN', 'dependency.notYourSide', { what: move.side });
  if (!canMove(input.action, dep.status))
    throw new AppError('CONFLICT', 'dependency.badMove', { status: dep.status, action: input.action });
  if (input.action === 'approve') {
    // 审批 is the requesting side's Accountable's: the one person who answers for the waiting issue's result.
    if (!ctx.accountId || downstream?.raci.accountable !== ctx.accountId)
      throw new AppError('FORBIDDEN', 'dependency.notYourSide', { what: 'accountable' });
    if (!approvalPending(dep))
      throw new AppError('CONFLICT', 'dependency.badMove', { status: dep.status, action: input.action });
  }
  if (input.version !== dep.version) throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
  const textNeeded = TEXT_REQUIRED[input.action];
  if (textNeeded && !input.text)
    throw new AppError('VALIDATION', 'dependency.textRequired', { what: textNeeded }, 'text');
  if (input.action === 'counter' && !input.date)
    throw new AppError('VALIDATION', 'dependency.dateRequired', {}, 'date');
  if (input.action === 'counter' && input.date! < providerToday(deps, people, dep.providingDept))
    throw new AppError('VALIDATION', 'dependency.needByPast', { date: input.date! }, 'date');
  if (input.action === 'explainDelay' && !input.remedy)
    throw new AppError('VALIDATION', 'dependency.remedyRequired', {}, 'remedy');

  const now = deps.clock.now();
  const answered =
    move.side === 'provider' &&
    dep.responseState !== 'answered' &&
    ['acknowledge', 'decline', 'counter', 'commit', 'deliver'].includes(input.action);
  const next: DependencyRecord = {
    ...dep,
    status: move.to ?? dep.status,
    ...(answered ? { responseState: 'answered' as const, answeredAt: now } : {}),
    ...(input.action === 'decline' ? { declinedAt: now } : {}),
    ...(input.action === 'deliver' ? { deliveredAt: now } : {}),
    ...(upstream ? { upstreamDueDate: upstream.dueDate ?? '', upstreamKey: upstream.key } : {}),
    ...(downstream ? { downstreamKey: downstream.key } : {}),
    updatedAt: now,
    version: dep.version + 1,
  };
  switch (input.action) {
    case 'decline':
      next.note = input.text!;
      break;
    case 'counter':
      next.proposedDate = input.date!;
      next.note = input.text ?? '';
      break;
    case 'acceptCounter':
      next.needBy = dep.proposedDate;
      next.proposedDate = '';
      break;
    case 'request':
      Object.assign(next, {
        responseState: 'awaiting',
        answeredAt: 0,
        late: false,
        note: '',
        responseDueAt: responseDueAt(
          now,
          responseLimit(
            dependencyLimitsOf(people.calendars),
            dep.urgency ?? 'routine',
            responseHoursOf(people, dep.providingDept),
          ),
          calendarOf(people.calendars, dep.providingDept),
        ),
      });
      break;
    case 'cancel':
      next.responseState = 'answered';
      break;
    case 'deliver':
      // The approval step starts: the requesting side approves in its own calendar.
      Object.assign(next, {
        responseState: 'answered',
        approvalDueAt: approvalDueAt(
          now,
          approvalLimit(dependencyLimitsOf(people.calendars), dep.urgency ?? 'routine'),
          calendarOf(people.calendars, dep.requestingDept),
        ),
        approvedAt: 0,
        approvedBy: '',
        approvalLate: false,
      });
      break;
    case 'approve':
      Object.assign(next, { approvedAt: now, approvedBy: ctx.accountId, approvalLate: now > dep.approvalDueAt! });
      break;
    case 'askDelay':
      Object.assign(next, { delayAskedAt: now, delayAnsweredAt: 0 });
      break;
    case 'explainDelay':
      Object.assign(next, { delayReason: input.text!, delayRemedy: input.remedy!, delayAnsweredAt: now });
      break;
    default:
      break;
  }
  const written = await commitWithRollups(
    deps,
    dep.id,
    [dep.projectKey],
    async (rollups, attempt) => {
      if (attempt > 1) {
        const again = await readDependency(deps, dep.id);
        if (!again || again.version !== dep.version)
          throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
      }
      return {
        rollups: new Map([
          [
            dep.projectKey,
            applyDependencyChange(rollups.get(dep.projectKey)!, contribution(dep), contribution(next), now),
          ],
        ]),
        ops: [
          ...dependencyWrites(next, dep.version),
          auditOp(
            {
              subjectId: dep.id,
              at: now,
              kind: 'dependency.changed',
              actorId: ctx.accountId,
              detail: { action: input.action, from: dep.status, to: next.status },
            },
            `v${next.version}`,
          ),
        ],
      };
    },
    graphHint(dep),
  ).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'CONFLICT' && e.messageId === 'conflict.version') throw e;
    if (isAppError(e) && e.code === 'CONFLICT')
      throw new AppError('CONFLICT', 'conflict.version', { what: 'dependency' });
    throw e;
  });
  if (written && input.action === 'cancel' && dep.linkId) {
    // The dependency is over whatever Jira says; a link Jira keeps (no permission to delete) is only a link now.
    await deps.jira
      .deleteIssueLink('user', dep.linkId)
      .catch((e: unknown) => deps.log.warn('cancel: link not deleted', { linkId: dep.linkId, error: String(e) }));
  }
  if (written && input.action === 'askDelay' && upstream) await notifyDelayAsked(deps, ctx, next, upstream, downstream);
  const other = here.id === dep.upstreamIssueId ? downstream : upstream;
  return {
    dependency: toDependencyView(
      next,
      here,
      other ? issueRef(other) : null,
      other,
      ctx.accountId,
      now,
      people.calendars,
    ),
    version: next.version,
  };
}

async function notifyDelayAsked(
  deps: Deps,
  ctx: ActingContext,
  dep: DependencyRecord,
  upstream: JiraIssue,
  downstream: JiraIssue | undefined,
) {
  const to = upstream.raci.responsible.length > 0 ? upstream.raci.responsible : raOf(upstream);
  if (to.length === 0) return;
  const actor = ctx.accountId ?? '';
  const params = {
    key: upstream.key,
    downstream: downstream?.key ?? dep.downstreamKey,
    deliverable: dep.deliverable,
    needBy: dep.needBy || '-',
    actor,
  };
  // Recipients may read either language: both, Chinese first (the seeds' users), in one email.
  const subject = `${formatMessage('dependency.delayAsked.subject', 'zh', params)} / ${formatMessage('dependency.delayAsked.subject', 'en', params)}`;
  const text = `${formatMessage('dependency.delayAsked.body', 'zh', params)}\n\n${formatMessage('dependency.delayAsked.body', 'en', params)}`;
  const escapeHtml = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  await deps.jira
    .notify('app', upstream.key, {
      subject,
      textBody: text,
      htmlBody: text
        .split('\n\n')
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join(''),
      toAccountIds: to,
    })
    .catch((e: unknown) => deps.log.warn('delay warning: email not sent', { key: upstream.key, error: String(e) }));
}

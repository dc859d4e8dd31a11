import type {
  EscalationActInput,
  IssueEscalations,
  MessageId,
  Noun,
  RaiseEscalationInput,
  Urgency,
} from '../../contract';
import {
  escalationContribution,
  isEscalationOpen,
  summarize,
  transition,
  type Command,
  type EscalationRecord,
  type EscalationSource,
  type Refusal,
} from '../../domain/escalations/escalation';
import { deadlineFor, escalationDeadlines, levelHeldBy, tierOf } from '../../domain/escalations/ladder';
import { calendarOf } from '../../domain/shared/calendar';
import { applyEscalationChange } from '../../domain/rollup/escalations';
import type { DependencyRecord } from '../../domain/dependencies/dependency';
import type { ActingContext, Deps, JiraIssue, TransactionOp } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { ENTITY } from '../kernel/storage-keys';
import { commitWithRollups } from '../kernel/rollups';
import { auditOp } from '../kernel/audit';
import type { PeopleIndex } from '../kernel/people-index';
import { isProjectAdmin, readLadderContext, readPeopleAndLadder, type LadderContext } from './escalation-settings';
import { authorityOf, readIssueEscalations, readIssueForUser } from './escalation-records';
import { escalationEffectHandlers, escalationEffects, type NoticeKind } from './escalation-notices';
import { outboxOps, releaseEffects, type Effect } from '../kernel/outbox';
import { queueOpsOf } from './escalation-queue';
import { issueEscalations } from './escalation-view';

// Commands on escalations: raising one, and acting on it from the panel, Automation or a web request.

const REFUSAL_MESSAGE: Record<Refusal, MessageId> = {
  CLOSED: 'escalation.closed',
  ALREADY_ACKNOWLEDGED: 'escalation.alreadyAcknowledged',
  NOT_ALLOWED: 'escalation.notAllowed',
  TEXT_REQUIRED: 'escalation.textRequired',
  AT_TOP: 'escalation.atTop',
  NOT_DUE: 'escalation.notDue',
  NOT_AT_TOP: 'escalation.notAtTop',
};

/** The words a refusal names (translated at the boundary, see NOUNS): the action, and the text it needs on record. */
const WORDS: Record<Command['kind'], { action: Noun; text?: Noun }> = {
  acknowledge: { action: 'escalation.acknowledge' },
  resolve: { action: 'escalation.resolve', text: 'escalation.resolution' },
  reject: { action: 'escalation.reject', text: 'escalation.reason' },
  withdraw: { action: 'escalation.withdraw' },
  climb: { action: 'escalation.escalate' },
  decide: { action: 'escalation.decideOn', text: 'escalation.decision' },
  deadline: { action: 'escalation.climb' },
};

function refusalError(refusal: Refusal, cmd: Command, rec: EscalationRecord): AppError {
  const code = refusal === 'NOT_ALLOWED' ? 'FORBIDDEN' : refusal === 'TEXT_REQUIRED' ? 'VALIDATION' : 'CONFLICT';
  const words = WORDS[cmd.kind];
  return new AppError(
    code,
    REFUSAL_MESSAGE[refusal],
    { action: words.action, level: rec.level, what: words.text ?? '' },
    refusal === 'TEXT_REQUIRED' ? 'text' : undefined,
  );
}

function toCommand(input: Pick<EscalationActInput, 'action' | 'text'>): Command {
  return input.action === 'acknowledge' ? { kind: 'acknowledge' } : { kind: input.action, text: input.text };
}

export interface RaiseRequest {
  source: EscalationSource;
  /** The person raising it (from the Forge context); null for a web request. */
  accountId: string | null;
  issue: JiraIssue;
  input: Omit<RaiseEscalationInput, 'deadline' | 'dependencyId' | 'urgency' | 'temporaryOwner'> & {
    deadline: string | null;
    dependencyId: string | null;
    /** Routine when left out (Automation, web requests). */
    urgency?: Urgency;
    temporaryOwner?: string | null;
  };
  id: string;
  /** Extra operations for the same transaction (the web trigger's nonce). */
  extraOps?: TransactionOp[];
  /** Re-checked on a retried transaction (the nonce must still be unused). */
  recheck?: () => Promise<void>;
  /** The people index and ladder context, when the caller has read them already. */
  context?: { people: PeopleIndex; lc: LadderContext };
}

/**
 * Raises an escalation (问题申请单) at level 1, with its deadline in the asked department's working time,
 * the record, its audit entry and the project's rollup in one transaction; then sets the issue's
 * "Escalation level" field and notifies the level-1 holders.
 */
export async function raise(deps: Deps, req: RaiseRequest): Promise<EscalationRecord> {
  const { issue, input } = req;
  const { people, lc } = req.context ?? (await readPeopleAndLadder(deps, issue.projectKey, [req.accountId ?? '']));
  // Every escalation is asked of a department in the directory: its holders and its calendar come from it.
  if (!lc.departments.has(input.departmentAsked)) {
    throw new AppError('VALIDATION', 'escalation.unknownDepartment', { id: input.departmentAsked }, 'departmentAsked');
  }
  const now = deps.clock.now();
  // An answer needed by a moment already gone cannot be given: the raiser mistyped the date.
  if (input.deadline && Date.parse(input.deadline) <= now) {
    throw new AppError('VALIDATION', 'escalation.deadlinePast', {}, 'deadline');
  }
  const urgency = input.urgency ?? 'routine';
  const due = escalationDeadlines(now, tierOf(lc.ladder, urgency), calendarOf(lc.calendars, input.departmentAsked));
  const rec: EscalationRecord = {
    id: req.id,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: issue.projectKey,
    status: 'open',
    level: 1,
    dueAt: due.levels[0],
    urgency,
    decisionDueAt: due.decisionDueAt,
    ...(urgency === 'urgent' && input.temporaryOwner ? { temporaryOwner: input.temporaryOwner } : {}),
    raisedAt: now,
    raisedBy: req.accountId ?? '',
    source: req.source,
    summary: summarize(input.description),
    description: input.description,
    impact: input.impact,
    supportNeeded: input.supportNeeded,
    departmentAsked: input.departmentAsked,
    requesterDept: (req.accountId && people.byAccount[req.accountId]) || '',
    requestedDeadline: input.deadline ?? '',
    dependencyId: input.dependencyId ?? '',
    versionIds: [...issue.fixVersionIds],
    ackAt: 0,
    closedAt: 0,
    outcome: '',
    closedBy: '',
    binding: false,
    breached: false,
    resolvedInTime: false,
    updatedAt: now,
    version: 1,
  };
  // The fields and the level-1 e-mail are written with the escalation, so neither is lost if what follows fails.
  const effects = escalationEffects([{ rec, notice: 'raised', issue }], lc);
  await commitWithRollups(deps, rec.id, [rec.projectKey], async (rollups, attempt) => {
    if (attempt > 1 && req.recheck) await req.recheck();
    return {
      rollups: new Map([
        [rec.projectKey, applyEscalationChange(rollups.get(rec.projectKey)!, null, escalationContribution(rec), now)],
      ]),
      ops: [
        ...(req.extraOps ?? []),
        { kind: 'set', entity: ENTITY.escalation, key: rec.id, value: rec, ifVersion: 'absent' },
        ...queueOpsOf(rec, lc),
        auditOp(
          {
            subjectId: rec.id,
            at: now,
            kind: 'escalation.raised',
            actorId: req.accountId,
            detail: {
              source: req.source,
              level: 1,
              departmentAsked: rec.departmentAsked,
              dependencyId: rec.dependencyId,
              urgency,
              decisionDueAt: rec.decisionDueAt,
              ...(rec.temporaryOwner ? { temporaryOwner: rec.temporaryOwner } : {}),
            },
          },
          'r',
        ),
        ...outboxOps(effects, now),
      ],
    };
  });
  await releaseEffects(deps, escalationEffectHandlers, effects);
  return rec;
}

/** Applies a command to one escalation, conditioned on the version read; the record, audit and rollup change together. */
export async function applyCommand(
  deps: Deps,
  first: EscalationRecord,
  cmd: Command,
  accountId: string | null,
  lc: LadderContext,
  opts: {
    automation?: boolean;
    projectAdmin?: boolean;
    expectVersion?: number;
    /** The e-mail the change sends to the new level's holders, if any; the issue's fields always follow. */
    notice?: NoticeKind | null;
    issue?: Pick<JiraIssue, 'key' | 'summary'>;
  } = {},
): Promise<EscalationRecord> {
  let result: EscalationRecord | null = null;
  let effects: Effect[] = [];
  const calendar = calendarOf(lc.calendars, first.departmentAsked);
  try {
    await commitWithRollups(deps, first.id, [first.projectKey], async (rollups, attempt) => {
      const rec = attempt === 1 ? first : await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, first.id);
      if (!rec) throw new AppError('NOT_FOUND', 'escalation.notFound', { id: first.id });
      if (opts.expectVersion !== undefined && rec.version !== opts.expectVersion)
        throw new AppError('CONFLICT', 'conflict.version', { what: 'escalation' });
      const now = deps.clock.now();
      const out = transition(
        rec,
        cmd,
        authorityOf(rec, accountId, lc, opts.automation, opts.projectAdmin),
        now,
        deadlineFor(lc.ladder, calendar),
      );
      if (!out.ok) throw refusalError(out.refusal, cmd, rec);
      result = out.next;
      effects = escalationEffects(
        [{ rec: out.next, notice: opts.notice ?? null, ...(opts.issue ? { issue: opts.issue } : {}) }],
        lc,
      );
      return {
        rollups: new Map([
          [
            rec.projectKey,
            applyEscalationChange(
              rollups.get(rec.projectKey)!,
              escalationContribution(rec),
              escalationContribution(out.next),
              now,
            ),
          ],
        ]),
        ops: [
          { kind: 'set', entity: ENTITY.escalation, key: rec.id, value: out.next, ifVersion: rec.version },
          ...queueOpsOf(out.next, lc),
          auditOp(
            {
              subjectId: rec.id,
              at: now,
              kind: out.event.kind,
              actorId: opts.automation ? null : accountId,
              detail: { ...out.event.detail, ...(opts.automation ? { source: 'automation', by: accountId } : {}) },
            },
            `v${out.next.version}`,
          ),
          ...outboxOps(effects, now),
        ],
      };
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT' && e.messageId === 'conflict.version')
      throw new AppError('CONFLICT', 'conflict.version', { what: 'escalation' });
    throw e;
  }
  await releaseEffects(deps, escalationEffectHandlers, effects);
  return result!;
}

/** Raised from the issue panel, or from a dependency of this issue whose response is overdue. */
export async function raiseFromPanel(
  deps: Deps,
  ctx: ActingContext,
  issueKey: string,
  input: RaiseEscalationInput,
): Promise<IssueEscalations> {
  const issue = await readIssueForUser(deps, issueKey);
  if (input.dependencyId) {
    const dep = await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, input.dependencyId);
    if (!dep || dep.downstreamIssueId !== issue.id || !dep.late)
      throw new AppError('VALIDATION', 'escalation.dependencyNotLate', { id: input.dependencyId }, 'dependencyId');
  }
  const now = deps.clock.now();
  const context = await readPeopleAndLadder(deps, issue.projectKey, ctx.accountId ? [ctx.accountId] : []);
  const raised = await raise(deps, {
    source: input.dependencyId ? 'dependency' : 'panel',
    accountId: ctx.accountId,
    issue,
    input,
    id: `esc-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    context,
  });
  return issueEscalations(deps, ctx, issue, context.lc, raised);
}

export async function actFromPanel(
  deps: Deps,
  ctx: ActingContext,
  issueKey: string,
  input: EscalationActInput,
): Promise<IssueEscalations> {
  const issue = await readIssueForUser(deps, issueKey);
  const rec = await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, input.id);
  if (!rec || rec.issueId !== issue.id) throw new AppError('NOT_FOUND', 'escalation.notFound', { id: input.id });
  const lc = await readLadderContext(deps, issue.projectKey);
  const cmd = toCommand(input);
  const next = await applyCommand(deps, rec, cmd, ctx.accountId, lc, {
    expectVersion: input.version,
    notice: cmd.kind === 'climb' ? 'climbed' : null,
    issue,
  });
  return issueEscalations(deps, ctx, issue, lc, next);
}

/** Jira Automation "Climb escalation": the newest open escalation of the issue below level 3 climbs one level. */
export async function climbByAutomation(
  deps: Deps,
  accountId: string | null,
  issueKey: string,
  note: string,
): Promise<EscalationRecord> {
  const issue = await deps.jira.getIssue('user', issueKey);
  const open = (await readIssueEscalations(deps, issue.id)).filter((e) => isEscalationOpen(e.status) && e.level < 3);
  const target = open[0];
  if (!target) throw new AppError('NOT_FOUND', 'escalation.noOpen', { key: issueKey });
  const lc = await readLadderContext(deps, issue.projectKey);
  // Only someone who holds no level needs the project-admin check: one Jira call, and only then.
  const projectAdmin =
    levelHeldBy(target, accountId, lc) >= target.level ? false : await isProjectAdmin(deps, issue.projectKey);
  const next = await applyCommand(deps, target, { kind: 'climb', text: note }, accountId, lc, {
    automation: true,
    projectAdmin,
    notice: 'climbed',
    issue,
  });
  return next;
}

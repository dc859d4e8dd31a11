import type { AuditEventView, EscalationActInput, EscalationView, IssueEscalations, MessageId, Person, RaiseEscalationInput } from '../contract';
import {
  allowedActions,
  escalationContribution,
  isEscalationOpen,
  NEVER,
  summarize,
  transition,
  type Authority,
  type Command,
  type EscalationLevel,
  type EscalationRecord,
  type EscalationSource,
  type Refusal,
} from '../domain/escalation';
import { applyEscalationChange } from '../domain/rollup';
import type { DependencyRecord } from '../domain/dependency';
import type { ActingContext, Deps, EscalationFieldUpdate, JiraIssue, JiraUser, TransactionOp } from './ports';
import { AppError, isAppError } from './errors';
import { ENTITY, INDEX, MAX_TRANSACTION_OPS } from './storage-keys';
import { commitWithRollups } from './rollups';
import { auditOp, type AuditEventRecord } from './audit';
import { readAll } from './paging';
import { readAsUser } from './visibility';
import type { PeopleIndex } from './departments';
import { escapeHtml, inEveryLanguage } from './i18n';
import {
  calendarOf,
  deadlineFor,
  departmentRefs,
  holdersOf,
  levelHeldBy,
  readLadderContext,
  readPeopleAndLadder,
  type LadderContext,
} from './escalation-settings';

const REFUSAL_MESSAGE: Record<Refusal, MessageId> = {
  CLOSED: 'escalation.closed',
  ALREADY_ACKNOWLEDGED: 'escalation.alreadyAcknowledged',
  NOT_ALLOWED: 'escalation.notAllowed',
  TEXT_REQUIRED: 'escalation.textRequired',
  AT_TOP: 'escalation.atTop',
  NOT_DUE: 'escalation.notDue',
  NOT_AT_TOP: 'escalation.notAtTop',
};

/** The words a refusal names, in the acting user's language: the action, and the text it needs on record. */
const WORDS: Record<Command['kind'], { action: { en: string; zh: string }; text?: { en: string; zh: string } }> = {
  acknowledge: { action: { en: 'acknowledge', zh: '受理' } },
  resolve: { action: { en: 'resolve', zh: '解决' }, text: { en: 'resolution', zh: '解决方案' } },
  reject: { action: { en: 'reject', zh: '驳回' }, text: { en: 'reason', zh: '驳回理由' } },
  withdraw: { action: { en: 'withdraw', zh: '撤回' } },
  climb: { action: { en: 'escalate', zh: '升级' } },
  decide: { action: { en: 'decide on', zh: '裁决' }, text: { en: 'decision', zh: '裁决' } },
  deadline: { action: { en: 'climb', zh: '升级' } },
};

function refusalError(refusal: Refusal, cmd: Command, rec: EscalationRecord, locale: 'en' | 'zh' = 'en'): AppError {
  const code = refusal === 'NOT_ALLOWED' ? 'FORBIDDEN' : refusal === 'TEXT_REQUIRED' ? 'VALIDATION' : 'CONFLICT';
  const words = WORDS[cmd.kind];
  return new AppError(code, REFUSAL_MESSAGE[refusal], { action: words.action[locale], level: rec.level, what: words.text?.[locale] ?? '' }, refusal === 'TEXT_REQUIRED' ? 'text' : undefined);
}

function toCommand(input: Pick<EscalationActInput, 'action' | 'text'>): Command {
  return input.action === 'acknowledge' ? { kind: 'acknowledge' } : { kind: input.action, text: input.text };
}

function authorityOf(rec: EscalationRecord, accountId: string | null, lc: LadderContext, automation = false): Authority {
  return { accountId, holds: levelHeldBy(rec, accountId, lc), raiser: !!accountId && rec.raisedBy === accountId, automation };
}

/** Every escalation of an issue, newest first: one index query (a hundred a page). */
export function readIssueEscalations(deps: Deps, issueId: string): Promise<EscalationRecord[]> {
  return readAll<EscalationRecord>(deps, { entity: ENTITY.escalation, index: INDEX.escalationByIssue, partition: [issueId], sort: 'DESC' });
}

/**
 * What the issue's escalation fields show: the highest open level and that escalation's state ('breached' once
 * past the top limit), who holds the current level of any open escalation, and who raised any of them.
 */
export function issueEscalationFields(all: readonly EscalationRecord[], lc: LadderContext): Required<Omit<EscalationFieldUpdate, 'issueIds'>> {
  const open = all.filter((e) => isEscalationOpen(e.status));
  const top = [...open].sort((a, b) => b.level - a.level || Number(b.breached) - Number(a.breached))[0];
  return {
    level: top ? top.level : null,
    state: top ? (top.breached ? 'breached' : top.status) : null,
    holders: [...new Set(open.flatMap((e) => holdersOf(e, e.level, lc)))],
    raisers: [...new Set(all.map((e) => e.raisedBy).filter((id) => !!id))],
  };
}

/** After a write: the issue's escalation fields follow the issue's escalations, and the new level's holders hear. */
async function afterChange(deps: Deps, issue: Pick<JiraIssue, 'id' | 'key' | 'summary'>, rec: EscalationRecord, lc: LadderContext, notifyKind: 'raised' | 'climbed' | 'breached' | null): Promise<void> {
  try {
    const all = await readIssueEscalations(deps, rec.issueId);
    await deps.jira.setEscalationFields([{ issueIds: [rec.issueId], ...issueEscalationFields(all, lc) }]);
  } catch (e) {
    // The record is written; the fields catch up at the next change. Never fail the user's action for it.
    deps.log.warn('escalation fields not updated', { issueId: rec.issueId, error: String(e) });
  }
  if (notifyKind) {
    const op = await sendLevelNotice(deps, issue, rec, lc, notifyKind);
    if (op) await writeAudit(deps, [op]);
  }
}

/**
 * One email to the holders of the escalation's current level. Returns the audit operation that records it
 * (written by the caller, batched where many go out), or null when nobody holds the level or Jira refused.
 */
export async function sendLevelNotice(deps: Deps, issue: Pick<JiraIssue, 'key' | 'summary'>, rec: EscalationRecord, lc: LadderContext, kind: 'raised' | 'climbed' | 'breached'): Promise<TransactionOp | null> {
  const to = holdersOf(rec, rec.level, lc);
  if (to.length === 0) return null;
  const params = {
    key: issue.key,
    summary: issue.summary,
    level: rec.level,
    description: rec.description,
    impact: rec.impact || '-',
    support: rec.supportNeeded || '-',
    due: rec.dueAt >= NEVER ? '-' : `${new Date(rec.dueAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
  const texts = inEveryLanguage('notify.escalation.body', params);
  try {
    await deps.jira.notify('app', issue.key, {
      subject: inEveryLanguage(`notify.escalation.${kind}.subject`, params).join(' / '),
      textBody: texts.join('\n\n'),
      htmlBody: texts.map((t) => `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`).join(''),
      toAccountIds: to,
    });
  } catch (e) {
    deps.log.warn('escalation notification failed', { id: rec.id, error: String(e) });
    return null;
  }
  return auditOp({ subjectId: rec.id, at: deps.clock.now(), kind: 'escalation.notified', actorId: null, detail: { level: rec.level, to, reason: kind } }, `n${rec.version}`);
}

/** Writes audit operations in transactions of at most 25. */
export async function writeAudit(deps: Deps, ops: TransactionOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += MAX_TRANSACTION_OPS) await deps.store.transact(ops.slice(i, i + MAX_TRANSACTION_OPS));
}

export interface RaiseRequest {
  source: EscalationSource;
  /** The person raising it (from the Forge context); null for a web request. */
  accountId: string | null;
  issue: JiraIssue;
  input: Omit<RaiseEscalationInput, 'deadline' | 'dependencyId'> & { deadline: string | null; dependencyId: string | null };
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
  const { people, lc } = req.context ?? (await readPeopleAndLadder(deps, issue.projectKey));
  // Every escalation is asked of a department in the directory: its holders and its calendar come from it.
  if (!lc.departments.has(input.departmentAsked)) {
    throw new AppError('VALIDATION', 'escalation.unknownDepartment', { id: input.departmentAsked }, 'departmentAsked');
  }
  const now = deps.clock.now();
  const deadline = deadlineFor(lc.ladder, calendarOf(lc.calendars, input.departmentAsked));
  const rec: EscalationRecord = {
    id: req.id,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: issue.projectKey,
    status: 'open',
    level: 1,
    dueAt: deadline(now, 1),
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
  await commitWithRollups(deps, rec.id, [rec.projectKey], async (rollups, attempt) => {
    if (attempt > 1 && req.recheck) await req.recheck();
    return {
      rollups: new Map([[rec.projectKey, applyEscalationChange(rollups.get(rec.projectKey)!, null, escalationContribution(rec), now)]]),
      ops: [
        ...(req.extraOps ?? []),
        { kind: 'set', entity: ENTITY.escalation, key: rec.id, value: rec, ifVersion: 'absent' },
        auditOp(
          { subjectId: rec.id, at: now, kind: 'escalation.raised', actorId: req.accountId, detail: { source: req.source, level: 1, departmentAsked: rec.departmentAsked, dependencyId: rec.dependencyId } },
          'r',
        ),
      ],
    };
  });
  await afterChange(deps, issue, rec, lc, 'raised');
  return rec;
}

/** Applies a command to one escalation, conditioned on the version read; the record, audit and rollup change together. */
export async function applyCommand(deps: Deps, first: EscalationRecord, cmd: Command, accountId: string | null, lc: LadderContext, opts: { automation?: boolean; expectVersion?: number; locale?: 'en' | 'zh' } = {}): Promise<EscalationRecord> {
  let result: EscalationRecord | null = null;
  const calendar = calendarOf(lc.calendars, first.departmentAsked);
  try {
    await commitWithRollups(deps, first.id, [first.projectKey], async (rollups, attempt) => {
      const rec = attempt === 1 ? first : await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, first.id);
      if (!rec) throw new AppError('NOT_FOUND', 'escalation.notFound', { id: first.id });
      if (opts.expectVersion !== undefined && rec.version !== opts.expectVersion) throw new AppError('CONFLICT', 'conflict.version', { what: 'escalation' });
      const now = deps.clock.now();
      const out = transition(rec, cmd, authorityOf(rec, accountId, lc, opts.automation), now, deadlineFor(lc.ladder, calendar));
      if (!out.ok) throw refusalError(out.refusal, cmd, rec, opts.locale);
      result = out.next;
      return {
        rollups: new Map([[rec.projectKey, applyEscalationChange(rollups.get(rec.projectKey)!, escalationContribution(rec), escalationContribution(out.next), now)]]),
        ops: [
          { kind: 'set', entity: ENTITY.escalation, key: rec.id, value: out.next, ifVersion: rec.version },
          auditOp({ subjectId: rec.id, at: now, kind: out.event.kind, actorId: opts.automation ? null : accountId, detail: { ...out.event.detail, ...(opts.automation ? { source: 'automation', by: accountId } : {}) } }, `v${out.next.version}`),
        ],
      };
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT' && e.messageId === 'conflict.version') throw new AppError('CONFLICT', 'conflict.version', { what: 'escalation' });
    throw e;
  }
  return result!;
}

async function readIssueForUser(deps: Deps, issueKey: string): Promise<JiraIssue> {
  return readAsUser(deps, 'issue', () => deps.jira.getIssue('user', issueKey), () => deps.jira.getIssue('app', issueKey));
}

function person(u: JiraUser | undefined, accountId: string): Person {
  return u ? { accountId, displayName: u.displayName, active: u.active, ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}) } : { accountId, displayName: accountId };
}

function view(e: EscalationRecord, lc: LadderContext, viewer: string | null, people: Map<string, JiraUser>): EscalationView {
  const dept = e.departmentAsked ? lc.departments.get(e.departmentAsked) : undefined;
  const open = isEscalationOpen(e.status);
  return {
    id: e.id,
    version: e.version,
    status: e.status,
    level: e.level,
    summary: e.summary,
    description: e.description,
    impact: e.impact,
    supportNeeded: e.supportNeeded,
    departmentAsked: dept ? { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn } : null,
    requestedDeadline: e.requestedDeadline || null,
    raisedAt: new Date(e.raisedAt).toISOString(),
    raisedBy: e.raisedBy ? person(people.get(e.raisedBy), e.raisedBy) : null,
    source: e.source,
    dueAt: open && e.dueAt < NEVER ? new Date(e.dueAt).toISOString() : null,
    breached: e.breached,
    outcome: e.outcome,
    binding: e.binding,
    holders: open ? holdersOf(e, e.level, lc).map((id) => person(people.get(id), id)) : [],
    actions: viewer ? allowedActions(e, authorityOf(e, viewer, lc)) : [],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * The issue's escalation people fields catch up with its records when they drifted (the directory or the ladder
 * changed who holds a level since the last escalation change, or the issue's escalations predate the fields).
 * One write as the app, only when they differ; a failure leaves them for the next change. The issue panel calls
 * it as it opens, so a stale field heals the first time someone looks at the issue.
 */
export async function repairPeopleFields(deps: Deps, issue: JiraIssue, records: readonly EscalationRecord[], lc: LadderContext): Promise<void> {
  const shown = issue.escalationPeople;
  if (!shown) return;
  const { holders, raisers } = issueEscalationFields(records, lc);
  const update = { ...(sameSet(holders, shown.holders) ? {} : { holders }), ...(sameSet(raisers, shown.raisers) ? {} : { raisers }) };
  if (Object.keys(update).length === 0) return;
  try {
    await deps.jira.setEscalationFields([{ issueIds: [issue.id], ...update }]);
  } catch (e) {
    deps.log.warn('escalation people fields not repaired', { issueId: issue.id, error: String(e) });
  }
}

/**
 * The panel's escalations section: every escalation of the issue, newest first, with its holders and what the
 * viewer may do, and the departments to ask. Names come from the users Jira returned with the issue (its RACI
 * and escalation fields); only people missing there cost one bulk lookup.
 */
export async function escalationsSection(deps: Deps, ctx: ActingContext, issue: JiraIssue, records: readonly EscalationRecord[], lc: LadderContext): Promise<IssueEscalations> {
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  const missing = new Set<string>();
  for (const e of records) {
    for (const id of [e.raisedBy, ...(isEscalationOpen(e.status) ? holdersOf(e, e.level, lc) : [])]) if (id && !people.has(id)) missing.add(id);
  }
  if (missing.size) for (const u of await deps.jira.getUsers('user', [...missing])) people.set(u.accountId, u);
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    escalations: records.map((e) => view(e, lc, ctx.accountId, people)),
    departments: departmentRefs(lc),
    canRaise: !!ctx.accountId,
  };
}

/** The escalations section again, after a raise or an action on the issue the caller has just read. */
async function issueEscalations(deps: Deps, ctx: ActingContext, issue: JiraIssue, lc: LadderContext): Promise<IssueEscalations> {
  const records = await readIssueEscalations(deps, issue.id);
  return escalationsSection(deps, ctx, issue, records, lc);
}

/** Raised from the issue panel, or from a dependency of this issue whose response is overdue. */
export async function raiseFromPanel(deps: Deps, ctx: ActingContext, issueKey: string, input: RaiseEscalationInput): Promise<IssueEscalations> {
  const issue = await readIssueForUser(deps, issueKey);
  if (input.dependencyId) {
    const dep = await deps.store.getEntity<DependencyRecord>(ENTITY.dependency, input.dependencyId);
    if (!dep || dep.downstreamIssueId !== issue.id || !dep.late) throw new AppError('VALIDATION', 'escalation.dependencyNotLate', { id: input.dependencyId }, 'dependencyId');
  }
  const now = deps.clock.now();
  const context = await readPeopleAndLadder(deps, issue.projectKey);
  await raise(deps, {
    source: input.dependencyId ? 'dependency' : 'panel',
    accountId: ctx.accountId,
    issue,
    input,
    id: `esc-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    context,
  });
  return issueEscalations(deps, ctx, issue, context.lc);
}

export async function actFromPanel(deps: Deps, ctx: ActingContext & { locale: 'en' | 'zh' }, issueKey: string, input: EscalationActInput): Promise<IssueEscalations> {
  const issue = await readIssueForUser(deps, issueKey);
  const rec = await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, input.id);
  if (!rec || rec.issueId !== issue.id) throw new AppError('NOT_FOUND', 'escalation.notFound', { id: input.id });
  const lc = await readLadderContext(deps, issue.projectKey);
  const cmd = toCommand(input);
  const next = await applyCommand(deps, rec, cmd, ctx.accountId, lc, { expectVersion: input.version, locale: ctx.locale });
  await afterChange(deps, issue, next, lc, cmd.kind === 'climb' ? 'climbed' : null);
  return issueEscalations(deps, ctx, issue, lc);
}

/** The append-only record of one escalation, oldest first, with names. */
export async function getTimeline(deps: Deps, issueKey: string, id: string): Promise<{ events: AuditEventView[] }> {
  const issue = await readIssueForUser(deps, issueKey);
  const rec = await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, id);
  if (!rec || rec.issueId !== issue.id) throw new AppError('NOT_FOUND', 'escalation.notFound', { id });
  const events = await readAll<AuditEventRecord>(deps, { entity: ENTITY.auditEvent, index: INDEX.auditBySubject, partition: [id], sort: 'ASC' });
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actorId) ids.add(e.actorId);
    if (e.kind === 'escalation.notified' && Array.isArray(e.detail.to)) for (const to of e.detail.to as string[]) ids.add(to);
  }
  const people = new Map((ids.size ? await deps.jira.getUsers('user', [...ids]) : []).map((u) => [u.accountId, u]));
  return {
    events: events.map((e) => {
      const d = e.detail as { from?: number; to?: unknown; level?: number; text?: string; source?: string; by?: string };
      const climbed = e.kind === 'escalation.climbed';
      return {
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        actor: e.actorId ? person(people.get(e.actorId), e.actorId) : null,
        ...(climbed && typeof d.from === 'number' ? { fromLevel: d.from } : {}),
        ...(climbed && typeof d.to === 'number' ? { toLevel: d.to } : !climbed && typeof d.level === 'number' ? { toLevel: d.level } : {}),
        ...(d.text ? { text: d.text } : {}),
        ...(d.source ? { source: d.source } : climbed && d.by ? { source: d.by } : {}),
        ...(e.kind === 'escalation.notified' && Array.isArray(d.to) ? { notified: (d.to as string[]).map((a) => person(people.get(a), a)) } : {}),
      };
    }),
  };
}

/** Jira Automation "Climb escalation": the newest open escalation of the issue below level 3 climbs one level. */
export async function climbByAutomation(deps: Deps, accountId: string | null, issueKey: string, note: string): Promise<EscalationRecord> {
  const issue = await deps.jira.getIssue('user', issueKey);
  const open = (await readIssueEscalations(deps, issue.id)).filter(
    (e) => isEscalationOpen(e.status) && e.level < 3,
  );
  const target = open[0];
  if (!target) throw new AppError('NOT_FOUND', 'escalation.noOpen', { key: issueKey });
  const lc = await readLadderContext(deps, issue.projectKey);
  const next = await applyCommand(deps, target, { kind: 'climb', text: note }, accountId, lc, { automation: true });
  await afterChange(deps, issue, next, lc, 'climbed');
  return next;
}

export type { EscalationLevel };

import { dayNumberOf, zonedInstant } from '../shared/calendar';
import type { Judgement } from './figure';

// What each headline figure judges, from facts the records hold (docs/domain.md, "The figures").
// Every function is pure: the project page and the portfolio call them with their own records.

/** A cross-department request (a dependency) as the figures see it. Instants are ms; 0 means "never". */
export interface RequestFacts {
  id: string;
  createdAt: number;
  status: string;
  responseDueAt: number;
  /** The providing side's first answer (acknowledge, decline, counter, commit or deliver). */
  answeredAt: number;
  /** Declined at least once (a request declined and asked again still counts). */
  declined: boolean;
  /** An escalation was raised about it: no side took it on. */
  escalated: boolean;
  /** yyyy-mm-dd, or '' when the requester gave none. */
  needBy: string;
  deliveredAt: number;
  /** The providing department's IANA time zone: the need-by day ends at midnight there. */
  providerTimeZone: string;
  /** A providing department with a person to answer for it when the request was made. */
  owned: boolean;
}

export interface EscalationFacts {
  id: string;
  raisedAt: number;
  /** The department asked to act ('' = nobody was named). */
  departmentAsked: string;
  /** The deadline of what it is about (its dependency's need-by end), 0 when none. */
  subjectDeadline: number;
}

export interface MilestoneFacts {
  id: string;
  /** yyyy-mm-dd or null. */
  releaseDate: string | null;
  bufferDays: number;
  released: boolean;
  /** The department that answers for the milestone's plan, or null. */
  ownerDepartmentId: string | null;
  /** The project's time zone, where its dates are read. */
  timeZone: string;
}

/** A decision or status change sent to its Informed people with a reply deadline (a read receipt). */
export interface NoticeFacts {
  id: string;
  sentAt: number;
  replyBy: number;
  recipients: readonly string[];
  /** When each recipient acknowledged it. */
  readAt: Readonly<Record<string, number>>;
}

/** One feedback form's four 1–5 scores. */
export interface FeedbackFacts {
  at: number;
  scores: readonly number[];
}

/** A problem in the case library (a retrospective with its action items' tags), from any project. */
export interface CaseFacts {
  id: string;
  projectKey: string;
  at: number;
  tags: readonly string[];
}

const DAY = 86_400_000;

/** The instant a yyyy-mm-dd date ends in a time zone: what "by the need-by date" means for the provider. */
export function endOfDay(date: string, timeZone: string): number {
  return zonedInstant(dayNumberOf(date) + 1, 0, timeZone);
}

/** The last day (yyyy-mm-dd) a milestone may be released on: its release date plus its buffer. */
export function milestoneDeadline(m: Pick<MilestoneFacts, 'releaseDate' | 'bufferDays'>): string | null {
  if (!m.releaseDate) return null;
  return new Date(Date.parse(`${m.releaseDate}T00:00:00Z`) + m.bufferDays * DAY).toISOString().slice(0, 10);
}

/** 推诿扯皮率: each request, counted in the week it was made; a hit when it was declined or escalated. */
export function buckPassingJudgements(requests: readonly RequestFacts[]): Judgement[] {
  return requests.map((r) => ({ at: r.createdAt, hit: r.declined || r.escalated }));
}

/** The response step: due at `responseDueAt`; it fell due once that passed, or once it was answered. */
function responseStep(r: RequestFacts, now: number): Judgement | null {
  const answered = r.answeredAt > 0;
  if (!answered && (r.responseDueAt > now || r.status === 'cancelled')) return null;
  return { at: r.responseDueAt, hit: answered && r.answeredAt <= r.responseDueAt };
}

/** The delivery step: owed by the end of the need-by day in the provider's time zone, unless declined or cancelled. */
function deliveryStep(r: RequestFacts, now: number): Judgement | null {
  if (!r.needBy) return null;
  const due = endOfDay(r.needBy, r.providerTimeZone);
  const delivered = r.deliveredAt > 0;
  if (!delivered && (due > now || r.status === 'cancelled' || r.status === 'declined')) return null;
  return { at: due, hit: delivered && r.deliveredAt < due };
}

/**
 * 流程合规率: every step that fell due (or was done), counted in the week of its due time; a hit when done
 * within its limit, judged from the timestamps. A step still unanswered past its limit is a miss.
 */
export function complianceJudgements(requests: readonly RequestFacts[], now: number): Judgement[] {
  return requests.flatMap((r) => [responseStep(r, now), deliveryStep(r, now)].filter((j) => j !== null));
}

/** Deliveries on time: the delivery steps alone, by the need-by date where the provider works. */
export function deliveryJudgements(requests: readonly RequestFacts[], now: number): Judgement[] {
  return requests.flatMap((r) => {
    const j = deliveryStep(r, now);
    return j ? [j] : [];
  });
}

/**
 * 问题遗漏率: the problems (escalations, late requests, milestones past their deadline), each in the week it
 * arose; a hit when nobody owned it then, or it was raised only after its deadline had passed.
 */
export function omissionJudgements(
  s: {
    requests: readonly RequestFacts[];
    escalations: readonly EscalationFacts[];
    milestones: readonly MilestoneFacts[];
  },
  now: number,
): Judgement[] {
  const out: Judgement[] = [];
  for (const r of s.requests) {
    const missed = [responseStep(r, now), deliveryStep(r, now)].filter((j) => j !== null && !j.hit);
    if (missed.length === 0) continue;
    const at = Math.min(...missed.map((j) => j!.at));
    const raisedLate = r.needBy !== '' && r.createdAt >= endOfDay(r.needBy, r.providerTimeZone);
    out.push({ at, hit: !r.owned || raisedLate });
  }
  for (const e of s.escalations)
    out.push({
      at: e.raisedAt,
      hit: e.departmentAsked === '' || (e.subjectDeadline > 0 && e.raisedAt > e.subjectDeadline),
    });
  for (const m of s.milestones) {
    const deadline = milestoneDeadline(m);
    if (m.released || !deadline) continue;
    const at = endOfDay(deadline, m.timeZone);
    if (at > now) continue;
    out.push({ at, hit: m.ownerDepartmentId === null });
  }
  return out;
}

/** 信息遗漏率: each notice once its reply deadline passed (or all read); a hit when someone had not read it by then. */
export function infoOmissionJudgements(notices: readonly NoticeFacts[], now: number): Judgement[] {
  return notices.flatMap((n) => {
    const unread = n.recipients.filter((p) => !((n.readAt[p] ?? 0) > 0 && n.readAt[p]! <= n.replyBy));
    if (n.replyBy > now && unread.length > 0) return [];
    return [{ at: n.sentAt, hit: unread.length > 0 }];
  });
}

/** 协作满意度: each score given, in the week of its form; a hit when it is 4 or 5. */
export function satisfactionJudgements(forms: readonly FeedbackFacts[]): Judgement[] {
  return forms.flatMap((f) => f.scores.map((s) => ({ at: f.at, hit: s >= 4 })));
}

/**
 * 同类问题重复发生率: each tagged problem of `projectKey`, in the week it was recorded; a hit when one of its
 * tags was recorded earlier at another problem, in any project (the case library).
 */
export function repeatJudgements(cases: readonly CaseFacts[], projectKey: string): Judgement[] {
  const sorted = [...cases].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const out: Judgement[] = [];
  for (const c of sorted) {
    const tags = [...new Set(c.tags)];
    if (c.projectKey === projectKey && tags.length > 0) out.push({ at: c.at, hit: tags.some((t) => seen.has(t)) });
    for (const t of tags) seen.add(t);
  }
  return out;
}

/**
 * 项目延期率 as of a day, over projects: a project counts once one of its milestones is released or past its
 * deadline (release date plus buffer); it is late when a milestone is past its deadline and not released.
 */
export function projectDelayAsOf(
  projects: ReadonlyArray<readonly MilestoneFacts[]>,
  asOfDate: string,
): { hit: number; total: number } {
  let hit = 0;
  let total = 0;
  for (const milestones of projects) {
    const judged = milestones.filter((m) => {
      const d = milestoneDeadline(m);
      return d !== null && (m.released || d < asOfDate);
    });
    if (judged.length === 0) continue;
    total += 1;
    if (judged.some((m) => !m.released)) hit += 1;
  }
  return { hit, total };
}

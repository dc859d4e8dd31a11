import type { HeadlineFigures } from '../../contract';
import type { ActingContext, Deps } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { readPeopleIndex, type PeopleIndex } from '../kernel/people-index';
import { localDate } from '../kernel/dates';
import { requireBrowse } from './project-access';
import { listMilestonePlans } from './milestone-plans';
import type { StoredRecord } from './records';
import type { ActionData, RetroData } from './retrospectives';
import { calendarOf } from '../../domain/shared/calendar';
import type { DependencyRecord } from '../../domain/dependencies/dependency';
import type { EscalationRecord } from '../../domain/escalations/escalation';
import { FEEDBACK_DIMENSIONS } from '../../domain/rollup/core';
import { figureOf, lastWeeks, stateFigureOf } from '../../domain/figures/figure';
import {
  buckPassingJudgements,
  complianceJudgements,
  deliveryJudgements,
  endOfDay,
  omissionJudgements,
  projectDelayAsOf,
  repeatJudgements,
  satisfactionJudgements,
  type CaseFacts,
  type EscalationFacts,
  type FeedbackFacts,
  type MilestoneFacts,
  type RequestFacts,
} from '../../domain/figures/headline';

/** Weekly points in the trend: a quarter. */
export const FIGURE_TREND_WEEKS = 13;

/**
 * The facts of a dependency. A record written before the answer's time was kept has none: its answer counts
 * as in time only when its last change was already within the limit, otherwise the sweep's flag decides.
 */
export function requestFacts(d: DependencyRecord, people: PeopleIndex, escalated: boolean): RequestFacts {
  const answered = d.responseState === 'answered' || (d.status !== 'requested' && d.status !== 'cancelled');
  const answeredAt =
    (d.answeredAt ?? 0) > 0
      ? d.answeredAt
      : answered && (d.updatedAt <= d.responseDueAt || !d.late)
        ? Math.min(d.updatedAt, d.responseDueAt)
        : answered
          ? d.updatedAt
          : 0;
  return {
    id: d.id,
    createdAt: d.createdAt,
    status: d.status,
    responseDueAt: d.responseDueAt,
    answeredAt,
    declined: d.status === 'declined' || (d.declinedAt ?? 0) > 0,
    escalated,
    needBy: d.needBy,
    deliveredAt: (d.deliveredAt ?? 0) > 0 ? d.deliveredAt : d.status === 'delivered' ? d.updatedAt : 0,
    providerTimeZone: calendarOf(people.calendars, d.providingDept).timeZone,
    owned: d.providingDept !== '' && (d.providerContacts ?? []).length > 0,
  };
}

/** The case library's entries of a project: each retrospective with its action items' tags, and loose action items. */
export function caseFacts(
  projectKey: string,
  retros: ReadonlyArray<StoredRecord<RetroData>>,
  actions: ReadonlyArray<StoredRecord<ActionData>>,
): CaseFacts[] {
  const byRetro = new Map(
    retros.map((r) => [r.id, { id: r.id, projectKey, at: r.createdAt, tags: [...r.data.tags] } as CaseFacts]),
  );
  const loose: CaseFacts[] = [];
  for (const a of actions) {
    const retro = a.data.retrospectiveId ? byRetro.get(a.data.retrospectiveId) : undefined;
    if (retro) (retro.tags as string[]).push(...a.data.tags);
    else loose.push({ id: a.id, projectKey, at: a.createdAt, tags: a.data.tags });
  }
  return [...byRetro.values(), ...loose];
}

/**
 * The project's headline figures, recounted from its records on every call (a bounded read: the project's
 * dependencies, escalations, retrospectives, action items and milestone plans, one index query each; the
 * versions from Jira; the people index for the providing departments' time zones).
 */
export async function getHeadlineFigures(deps: Deps, ctx: ActingContext, projectKey: string): Promise<HeadlineFigures> {
  await requireBrowse(deps, projectKey);
  const byProject = (entity: string, index: string) => ({ entity, index, partition: [projectKey], limit: 100 });
  const [dependencies, escalations, retros, actions, plans, versions, people] = await Promise.all([
    readAll<DependencyRecord>(deps, byProject(ENTITY.dependency, INDEX.dependencyByProjectStatus)),
    readAll<EscalationRecord>(deps, byProject(ENTITY.escalation, INDEX.escalationByProject)),
    readAll<StoredRecord<RetroData>>(deps, byProject(ENTITY.retrospective, INDEX.retrospectiveByProject)),
    readAll<StoredRecord<ActionData>>(deps, byProject(ENTITY.actionItem, INDEX.actionByProject)),
    listMilestonePlans(deps, projectKey),
    deps.jira.getVersions('user', projectKey),
    readPeopleIndex(deps),
  ]);
  const now = deps.clock.now();
  const tz = ctx.timezone;
  const today = localDate(now, tz);
  const weeks = lastWeeks(now, tz, FIGURE_TREND_WEEKS);

  const escalatedDeps = new Set(escalations.flatMap((e) => (e.dependencyId ? [e.dependencyId] : [])));
  const requests = dependencies.map((d) => requestFacts(d, people, escalatedDeps.has(d.id)));
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const escalationFacts: EscalationFacts[] = escalations.map((e) => {
    const about = e.dependencyId ? requestById.get(e.dependencyId) : undefined;
    return {
      id: e.id,
      raisedAt: e.raisedAt,
      departmentAsked: e.departmentAsked,
      subjectDeadline: about?.needBy ? endOfDay(about.needBy, about.providerTimeZone) : 0,
    };
  });
  const planOf = new Map(plans.map((p) => [p.versionId, p]));
  const milestones: MilestoneFacts[] = versions
    .filter((v) => !v.archived)
    .map((v) => ({
      id: v.id,
      releaseDate: v.releaseDate,
      bufferDays: planOf.get(v.id)?.bufferDays ?? 0,
      released: v.released,
      ownerDepartmentId: planOf.get(v.id)?.ownerDepartmentId ?? null,
      timeZone: tz,
    }));
  const forms: FeedbackFacts[] = retros.flatMap((r) =>
    r.data.scores ? [{ at: r.createdAt, scores: FEEDBACK_DIMENSIONS.map((k) => r.data.scores![k]) }] : [],
  );

  return {
    asOf: new Date(now).toISOString(),
    figures: [
      figureOf('buckPassing', buckPassingJudgements(requests), weeks, tz),
      figureOf(
        'problemOmission',
        omissionJudgements({ requests, escalations: escalationFacts, milestones }, now),
        weeks,
        tz,
      ),
      figureOf('compliance', complianceJudgements(requests, now), weeks, tz),
      stateFigureOf('projectDelay', (asOf) => projectDelayAsOf([milestones], asOf), today, weeks),
      figureOf('repeatProblems', repeatJudgements(caseFacts(projectKey, retros, actions), projectKey), weeks, tz),
      figureOf('satisfactionShare', satisfactionJudgements(forms), weeks, tz),
      figureOf('deliveryOnTime', deliveryJudgements(requests, now), weeks, tz),
    ],
  };
}

import type { Agenda } from '../../contract';
import type { ActingContext, Deps } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { peopleOf, requireBrowse } from './project-access';
import { localDate } from '../kernel/dates';
import { agendaOf } from '../../domain/project/agenda';
import { weekOf } from '../../domain/rollup/core';
import { inGraph, type DependencyRecord } from '../../domain/dependencies/dependency';
import { isEscalationOpen, type EscalationRecord } from '../../domain/escalations/escalation';
import type { StoredRecord } from './records';
import type { RiskData } from './risks';
import type { ActionData } from './retrospectives';

/** At most this many overdue work items on one agenda, the most overdue first. */
export const AGENDA_OVERDUE_ISSUES = 50;
const quoted = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/**
 * The weekly sync agenda from the project's open problems. Reads the project's dependencies, escalations,
 * risks and action items (one index query each), and the waiting issues' keys as the user (items on issues
 * the user may not see are left out).
 */
export async function getAgenda(deps: Deps, ctx: ActingContext, projectKey: string): Promise<Agenda> {
  await requireBrowse(deps, projectKey);
  const byProject = (entity: string, index: string) => ({ entity, index, partition: [projectKey], limit: 100 });
  const [dependencies, escalations, risks, actions] = await Promise.all([
    readAll<DependencyRecord>(deps, byProject(ENTITY.dependency, INDEX.dependencyByProjectStatus)),
    readAll<EscalationRecord>(deps, byProject(ENTITY.escalation, INDEX.escalationByProject)),
    readAll<StoredRecord<RiskData>>(deps, byProject(ENTITY.risk, INDEX.riskByProject)),
    readAll<StoredRecord<ActionData>>(deps, byProject(ENTITY.actionItem, INDEX.actionByProject)),
  ]);
  const now = deps.clock.now();
  const today = localDate(now, ctx.timezone);
  const inPlay = dependencies.filter((d) => inGraph(d.status));
  const [sides, overdue] = await Promise.all([
    bulkAsUser(deps, [...new Set(inPlay.flatMap((d) => [d.downstreamIssueId, d.upstreamIssueId]))]),
    deps.jira.searchIssues(
      'user',
      `project = ${quoted(projectKey)} AND duedate < ${quoted(today)} AND statusCategory != Done ORDER BY duedate ASC`,
      { maxResults: AGENDA_OVERDUE_ISSUES },
    ),
  ]);
  const ownerOf = (i: { raci: { responsible: string[]; accountable: string | null } } | undefined) =>
    i ? (i.raci.responsible[0] ?? i.raci.accountable ?? null) : null;
  const drafts = agendaOf({
    today,
    now,
    // Still in play: open, or declined (nobody delivers, the issue still waits).
    dependencies: dependencies.map((d) => ({
      ...d,
      open: inGraph(d.status),
      providerOwnerAccountId: ownerOf(sides.get(d.upstreamIssueId)) ?? d.providerContacts?.[0] ?? null,
    })),
    issues: overdue.issues.map((i) => ({
      id: i.id,
      summary: i.summary,
      dueDate: i.dueDate ?? '',
      ownerAccountId: ownerOf(i),
    })),
    escalations: escalations.map((e) => ({ ...e, open: isEscalationOpen(e.status) })),
    risks: risks.map((r) => ({
      id: r.id,
      open: r.status !== 'closed',
      title: r.data.title,
      score: r.data.probability * r.data.impact,
      createdAt: r.createdAt,
      ownerAccountId: r.data.ownerAccountId,
      reviewDate: r.data.reviewDate,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      open: a.status !== 'done',
      title: a.data.title,
      dueDate: a.data.dueDate,
      ownerAccountId: a.data.ownerAccountId,
      issueKey: a.data.issueKey,
    })),
  });
  const visible = new Map([...sides.values(), ...overdue.issues].map((i) => [i.id, i.key]));
  const person = await peopleOf(
    deps,
    drafts.map((d) => d.ownerAccountId),
  );
  return {
    asOf: new Date(now).toISOString(),
    weekOf: weekOf(today),
    items: drafts
      .filter((d) => !d.issueId || visible.has(d.issueId))
      .map(({ ownerAccountId, issueId, waitsForIssueId, ...d }) => ({
        ...d,
        issueKey: issueId ? visible.get(issueId)! : d.issueKey,
        waitsFor: (waitsForIssueId && visible.get(waitsForIssueId)) || null,
        owner: ownerAccountId ? person(ownerAccountId) : null,
      })),
  };
}

/** The work items the viewer may see, by id (one bulk read). */
async function bulkAsUser(deps: Deps, ids: string[]) {
  const issues = ids.length ? await deps.jira.bulkFetchIssues('user', ids) : [];
  return new Map(issues.map((i) => [i.id, i]));
}

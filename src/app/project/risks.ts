import type { z } from 'zod';
import type { RiskInputSchema, RiskRegister, RiskReport, RiskView } from '../../contract';
import { monthOf, riskMonthReport, riskRank, riskZone } from '../../domain/project/risks';
import { applyRiskChange, type RiskContribution } from '../../domain/rollup/project';
import type { ActingContext, Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll, readPage } from '../kernel/paging';
import { canEditProject, peopleOf, requireBrowse, requireEdit, requirePeople } from './project-access';
import { iso, saveRecord, type ListPage, type StoredRecord } from './records';

// The risk register (风险记录表).

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

/** Where the record sorts in the register: see the domain's riskRank. */
const rankOf = (r: StoredRecord<RiskData>) =>
  riskRank({
    id: r.id,
    status: r.status,
    createdAt: r.createdAt,
    probability: r.data.probability,
    impact: r.data.impact,
  });

function riskView(r: StoredRecord<RiskData>, person: (id: string) => RiskView['owner'], timeZone: string): RiskView {
  const d = r.data;
  const score = d.probability * d.impact;
  return {
    id: r.id,
    title: d.title,
    probability: d.probability,
    impact: d.impact,
    score,
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
    zone: riskZone(score),
    openedMonth: monthOf(r.createdAt, timeZone),
    closedMonth: d.closedAt === null ? null : monthOf(d.closedAt, timeZone),
  };
}

/** Linked issues must exist, be visible to the user and belong to the project. */
async function requireProjectIssues(
  deps: Deps,
  projectKey: string,
  keys: readonly string[],
  field: string,
): Promise<void> {
  if (keys.length === 0) return;
  const found = await deps.jira.bulkFetchIssues('user', keys);
  keys.forEach((key, i) => {
    const issue = found.find((f) => f.key === key);
    if (!issue)
      throw new AppError(
        'VALIDATION',
        'project.validation.unknownIssue',
        { field: `${field}.${i}`, key },
        `${field}.${i}`,
      );
    if (issue.projectKey !== projectKey)
      throw new AppError(
        'VALIDATION',
        'project.validation.otherProjectIssue',
        { field: `${field}.${i}`, key },
        `${field}.${i}`,
      );
  });
}

/** Linked dependencies must exist and be requested by this project (the dependency feature's records). */
async function requireProjectDependencies(
  deps: Deps,
  projectKey: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  const found = await Promise.all(
    ids.map((id) => deps.store.getEntity<{ projectKey: string; upstreamProjectKey: string }>(ENTITY.dependency, id)),
  );
  found.forEach((dep, i) => {
    if (!dep || (dep.projectKey !== projectKey && dep.upstreamProjectKey !== projectKey))
      throw new AppError(
        'VALIDATION',
        'project.validation.unknownDependency',
        { field: `${field}.${i}`, id: ids[i]! },
        `${field}.${i}`,
      );
  });
}

/**
 * One page of the risk register, worst first: one index query whatever the register's size, and the page's
 * owners and deputies in one Jira call. The export and the monthly report walk the pages to the end.
 */
export async function listRisks(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  page: ListPage,
): Promise<RiskRegister> {
  await requireBrowse(deps, projectKey);
  const [{ items, next }, canEdit] = await Promise.all([
    readPage<StoredRecord<RiskData>>(
      deps,
      { entity: ENTITY.risk, index: INDEX.riskByProjectRank, partition: [projectKey] },
      (r) => r.rank!,
      page.cursor,
      page.limit,
    ),
    canEditProject(deps, projectKey),
  ]);
  const person = await peopleOf(
    deps,
    items.flatMap((r) => [r.data.ownerAccountId, r.data.deputyAccountId]),
  );
  return { asOf: iso(deps.clock.now()), risks: items.map((r) => riskView(r, person, ctx.timezone)), next, canEdit };
}

/**
 * The monthly risk report, decided here from every risk of the register (the index walked to the end, a hundred
 * a query) in the viewer's months; the owners of the risks it names in one Jira call.
 */
export async function getRiskReport(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  month: string | undefined,
): Promise<RiskReport> {
  await requireBrowse(deps, projectKey);
  const now = deps.clock.now();
  const asked = month ?? monthOf(now, ctx.timezone);
  const stored = await readAll<StoredRecord<RiskData>>(deps, {
    entity: ENTITY.risk,
    index: INDEX.riskByProjectRank,
    partition: [projectKey],
  });
  const months = stored.map((r) => ({
    r,
    score: r.data.probability * r.data.impact,
    zone: riskZone(r.data.probability * r.data.impact),
    openedMonth: monthOf(r.createdAt, ctx.timezone),
    closedMonth: r.data.closedAt === null ? null : monthOf(r.data.closedAt, ctx.timezone),
  }));
  const report = riskMonthReport(months, asked);
  const person = await peopleOf(
    deps,
    report.reported.flatMap(({ r }) => [r.data.ownerAccountId, r.data.deputyAccountId]),
  );
  return {
    asOf: iso(now),
    month: asked,
    open: report.open,
    high: report.high,
    opened: report.opened,
    closed: report.closed,
    reported: report.reported.map(({ r }) => riskView(r, person, ctx.timezone)),
  };
}

export async function saveRisk(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof RiskInputSchema>,
): Promise<RiskView> {
  await requireEdit(deps, projectKey, 'risk');
  if (input.deputyAccountId && input.deputyAccountId === input.ownerAccountId)
    throw new AppError('VALIDATION', 'project.validation.deputyIsOwner', {}, 'deputyAccountId');
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
    rank: rankOf,
  });
  return riskView(saved, await peopleOf(deps, [saved.data.ownerAccountId, saved.data.deputyAccountId]), ctx.timezone);
}

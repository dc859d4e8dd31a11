import type { z } from 'zod';
import {
  NO_RACI_DEPARTMENTS,
  type RaciMatrixFilters,
  type RaciMatrixInputSchema,
  type RaciMatrixPage,
} from '../../contract';
import { departmentRaci, normalizeDepartments, raciFindings, raciParticipants } from '../../domain/raci/raci';
import { raciCoverage } from '../../domain/rollup/issues';
import type { Deps, JiraIssue, JiraUser } from '../kernel/ports';
import { readPeopleIndex } from '../kernel/people-index';
import { issueRef } from '../kernel/issue-refs';
import { toPerson } from './raci-view';
import { readRollup } from '../kernel/rollups';
import { readAsUser } from '../kernel/visibility';
import { own } from '../../domain/shared/dictionary';

const EPICS_SHOWN = 100;

/** JQL string literal: the values are already constrained by the contract; quoting keeps it that way. */
const q = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;
const CATEGORY_NAME = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;

export function matrixJql(
  projectKey: string,
  f: Pick<z.output<typeof RaciMatrixInputSchema>, 'versionId' | 'epicKey' | 'statusCategory' | 'statusId'>,
): string {
  const clauses = [`project = ${q(projectKey)}`];
  if (f.versionId) clauses.push(`fixVersion = ${f.versionId}`);
  if (f.epicKey) clauses.push(`parent = ${q(f.epicKey)}`);
  if (f.statusCategory) clauses.push(`statusCategory = ${q(CATEGORY_NAME[f.statusCategory])}`);
  if (f.statusId) clauses.push(`status = ${f.statusId}`);
  return `${clauses.join(' AND ')} ORDER BY key ASC`;
}

/**
 * The filters of the RACI matrix and the coverage figure: the project's versions, epics and statuses (three Jira calls)
 * and the coverage from the project's rollup (one index query), whatever the size of the project.
 */
export async function getRaciMatrixFilters(deps: Deps, projectKey: string): Promise<RaciMatrixFilters> {
  const project = await readAsUser(
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
  const [versions, epics, statuses, rollup] = await Promise.all([
    deps.jira.getVersions('user', project.key),
    deps.jira.searchIssues('user', `project = ${q(project.key)} AND issuetype = Epic ORDER BY key ASC`, {
      maxResults: EPICS_SHOWN,
    }),
    deps.jira.getProjectStatuses('user', project.key),
    readRollup(deps, project.key),
  ]);
  return {
    versions: versions.filter((v) => !v.archived).map((v) => ({ id: v.id, name: v.name })),
    epics: epics.issues.map((i) => ({ key: i.key, summary: i.summary })),
    statuses,
    coverage: raciCoverage(rollup),
    openIssues: rollup.openIssues,
  };
}

/** Search pages an export reads in one invocation: 1,000 rows (Jira gives at most 100 a page with fields). */
export const EXPORT_PAGES_PER_CALL = 10;

/**
 * One page of the RACI matrix: exactly one Jira search page (enhanced search, `nextPageToken`) and one KVS
 * read (the people index's shards of the page's people, for departments). The cost of a page does not depend
 * on the size of the project; the next page is fetched only when the user asks for it.
 */
export async function getRaciMatrix(
  deps: Deps,
  projectKey: string,
  input: z.output<typeof RaciMatrixInputSchema>,
): Promise<RaciMatrixPage> {
  const page = await deps.jira.searchIssues('user', matrixJql(projectKey, input), {
    maxResults: input.pageSize,
    nextPageToken: input.pageToken,
  });
  return matrixRows(deps, page.issues, page.nextPageToken);
}

/**
 * A stretch of the matrix for the CSV export: up to `EXPORT_PAGES_PER_CALL` search pages of 100 one after
 * another in ONE invocation, then one people-index read for all their people: 10,000 rows are 10 invocations
 * instead of 100. The export goes on from `nextPageToken`; the page shows how many rows it has so far.
 */
export async function exportRaciMatrix(
  deps: Deps,
  projectKey: string,
  input: z.output<typeof RaciMatrixInputSchema>,
): Promise<RaciMatrixPage> {
  const jql = matrixJql(projectKey, input);
  const issues: JiraIssue[] = [];
  let token: string | null | undefined = input.pageToken;
  for (let n = 0; n < EXPORT_PAGES_PER_CALL; n++) {
    const page = await deps.jira.searchIssues('user', jql, { maxResults: 100, nextPageToken: token ?? undefined });
    issues.push(...page.issues);
    token = page.nextPageToken;
    if (!token) break;
  }
  return matrixRows(deps, issues, token ?? null);
}

async function matrixRows(
  deps: Deps,
  issues: readonly JiraIssue[],
  nextPageToken: string | null,
): Promise<RaciMatrixPage> {
  // Only the people on these rows are looked up in the index (the shards they fall in).
  const index = await readPeopleIndex(
    deps,
    issues.flatMap((i) => raciParticipants(i.raci)),
  );
  const people = new Map<string, JiraUser>();
  const rows = issues.map((issue) => {
    for (const u of issue.people) people.set(u.accountId, u);
    const assigned = normalizeDepartments(issue.raciDepartments ?? NO_RACI_DEPARTMENTS);
    const depts = departmentRaci(issue.raci, assigned, index.byAccount);
    const ids = (role: keyof typeof depts) => depts[role].map((d) => d.departmentId);
    return {
      issue: issueRef(issue),
      ...issue.raci,
      departments: {
        responsible: ids('responsible'),
        accountable: ids('accountable'),
        consulted: ids('consulted'),
        informed: ids('informed'),
      },
      gaps: raciFindings(issue.raci).filter(
        (f): f is 'NO_ACCOUNTABLE' | 'NO_RESPONSIBLE' => f === 'NO_ACCOUNTABLE' || f === 'NO_RESPONSIBLE',
      ),
    };
  });
  const named = new Set(
    rows.flatMap((r) => [...r.responsible, ...(r.accountable ? [r.accountable] : []), ...r.consulted, ...r.informed]),
  );
  return {
    rows,
    people: [...named].map((id) => ({
      ...toPerson(people.get(id), id),
      departmentId: own(index.byAccount, id) ?? null,
    })),
    departments: index.departments,
    nextPageToken,
  };
}

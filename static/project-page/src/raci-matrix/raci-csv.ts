import type { DepartmentRef, RaciMatrixPage, RaciMatrixRow } from '@contract';
import { toCsv } from '../../../shared/csv';

export type MatrixColumns = 'people' | 'departments';
export interface MatrixColumn {
  id: string;
  label: string;
}

const LETTERS = [
  ['responsible', 'R'],
  ['accountable', 'A'],
  ['consulted', 'C'],
  ['informed', 'I'],
] as const;

/** The letters of one cell: the roles the person (or department) holds on the issue, in R, A, C, I order. */
export function cellOf(row: RaciMatrixRow, by: MatrixColumns, id: string): string {
  return LETTERS.filter(([role]) => {
    if (by === 'departments') return row.departments[role].includes(id);
    return role === 'accountable' ? row.accountable === id : row[role].includes(id);
  })
    .map(([, letter]) => letter)
    .join('');
}

/** The columns of a page: the people named on it (grouped by department), or the departments that hold a role. */
export function columnsOf(
  page: Pick<RaciMatrixPage, 'people' | 'departments' | 'rows'>,
  by: MatrixColumns,
  deptName: (d: DepartmentRef) => string,
): MatrixColumn[] {
  if (by === 'people') {
    const order = new Map(page.departments.map((d, i) => [d.id, i]));
    return [...page.people]
      .sort(
        (a, b) =>
          (order.get(a.departmentId ?? '') ?? 1e9) - (order.get(b.departmentId ?? '') ?? 1e9) ||
          a.displayName.localeCompare(b.displayName),
      )
      .map((p) => ({ id: p.accountId, label: p.displayName }));
  }
  const used = new Set(
    page.rows.flatMap((r) => [
      ...r.departments.responsible,
      ...r.departments.accountable,
      ...r.departments.consulted,
      ...r.departments.informed,
    ]),
  );
  return page.departments.filter((d) => used.has(d.id)).map((d) => ({ id: d.id, label: deptName(d) }));
}

/**
 * The matrix as CSV, UTF-8 with a byte-order mark so Excel opens Chinese correctly; CRLF line ends.
 * Cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with an apostrophe.
 */
export function matrixCsv(
  rows: readonly RaciMatrixRow[],
  columns: readonly MatrixColumn[],
  by: MatrixColumns,
  head: { key: string; summary: string; status: string; gaps: string },
  gapLabel: (gap: RaciMatrixRow['gaps'][number]) => string,
): string {
  return toCsv(
    [head.key, head.summary, head.status, head.gaps, ...columns.map((c) => c.label)],
    rows.map((r) => [
      r.issue.key,
      r.issue.summary,
      r.issue.statusName,
      r.gaps.map(gapLabel).join(' '),
      ...columns.map((c) => cellOf(r, by, c.id)),
    ]),
  );
}

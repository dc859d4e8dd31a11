import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import { useId, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import type { RaciMatrixInput, RaciMatrixPage, RaciMatrixRow, StatusCategory } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { NotLoaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { EmptyState } from '../../../shared/components/EmptyState';
import { ErrorState } from '../../../shared/components/ErrorState';
import { Section } from '../../../shared/components/Section';
import { Stat, StatGrid } from '../../../shared/components/Stat';
import { cellOf, columnsOf, matrixCsv, type MatrixColumns } from './raci-csv';
import { downloadCsv } from '../../../shared/csv';
import type { SectionProps } from '../page-context';

const PAGE_SIZE = 25;
/** An export stops here: a spreadsheet of more rows is not what this page is for. */
const EXPORT_MAX_ROWS = 10_000;
const COVERAGE_TARGET = 0.98;
const CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];
const STATUS_APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const;

type Filters = Pick<RaciMatrixInput, 'versionId' | 'epicKey' | 'statusCategory' | 'statusId'>;

/**
 * The project's RACI matrix: issues as rows (filtered by version, epic, status), people or departments as
 * columns, R/A/C/I in the cells, gaps highlighted, the coverage figure, and a CSV export. Each page of rows
 * is one resolver call and one Jira search page; nothing scans the project.
 */
export function RaciMatrixSection({ client }: SectionProps) {
  const t = useT();
  const fmt = useFormat();
  const id = useId();
  const filterState = useCall(() => client.call('getRaciMatrixFilters', {}));
  const [filters, setFilters] = useState<Filters>({});
  const [by, setBy] = useState<MatrixColumns>('people');
  // Tokens of the pages seen so far: [undefined, token of page 2, ...]; the last is the page shown.
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const token = tokens[tokens.length - 1];
  const { state: page, retry: retryPage } = useCall(
    () => client.call('getRaciMatrix', { ...filters, pageSize: PAGE_SIZE, ...(token ? { pageToken: token } : {}) }),
    [client, filters, token],
  );

  const setFilter = (change: Filters) => {
    setFilters((f) => ({ ...f, ...change }));
    setTokens([undefined]);
  };
  const deptName = (d: { nameZh: string; nameEn: string; id: string }) => departmentName(d, t.locale);
  const gapLabel = (g: RaciMatrixRow['gaps'][number]) => t(`raci.matrix.gap.${g}`);

  const exportCsv = async () => {
    const rows: RaciMatrixRow[] = [];
    const people = new Map<string, RaciMatrixPage['people'][number]>();
    let departments: RaciMatrixPage['departments'] = [];
    let next: string | undefined;
    do {
      setExportNote(t('raci.matrix.exporting', { n: rows.length }));
      // Up to 1,000 rows a call (ten Jira search pages on the server), the count shown as they come.
      const r = await client.call('exportRaciMatrix', { ...filters, ...(next ? { pageToken: next } : {}) });
      if (!r.ok) {
        setExportNote(r.error.message);
        return;
      }
      rows.push(...r.data.rows);
      for (const p of r.data.people) people.set(p.accountId, p);
      departments = r.data.departments;
      next = r.data.nextPageToken ?? undefined;
    } while (next && rows.length < EXPORT_MAX_ROWS);
    const columns = columnsOf({ rows, people: [...people.values()], departments }, by, deptName);
    const head = {
      key: t('raci.matrix.csv.key'),
      summary: t('raci.matrix.csv.summary'),
      status: t('raci.matrix.csv.status'),
      gaps: t('raci.matrix.csv.gaps'),
    };
    downloadCsv(`raci-matrix-${by}.csv`, matrixCsv(rows, columns, by, head, gapLabel));
    setExportNote(t('raci.matrix.exportDone', { n: rows.length }));
  };

  const filtersData = filterState.state.status === 'ok' ? filterState.state.data : null;
  const coverage = filtersData?.coverage ?? null;
  const data = page.status === 'ok' ? page.data : null;
  const columns = data ? columnsOf(data, by, deptName) : [];
  const gaps = data ? data.rows.filter((r) => r.gaps.length > 0).length : 0;

  return (
    <Section title={t('raci.matrix.heading')}>
      {filterState.state.status === 'error' && (
        <ErrorState error={filterState.state.error} onRetry={filterState.retry} />
      )}
      {filtersData && (
        <StatGrid>
          <Stat
            label={t('raci.matrix.coverage')}
            value={coverage === null ? t('page.stat.notAvailable') : fmt.percent(coverage)}
            hint={coverage === null ? t('raci.matrix.coverageNone') : t('raci.matrix.coverageHint')}
            tone={coverage === null ? 'neutral' : coverage >= COVERAGE_TARGET ? 'success' : 'warning'}
          />
        </StatGrid>
      )}
      <div className="cx-matrix-filters">
        <label className="cx-field">
          <span className="cx-label">{t('raci.matrix.version')}</span>
          <select
            className="cx-input"
            value={filters.versionId ?? ''}
            onChange={(e) => setFilter({ versionId: e.target.value || undefined })}
          >
            <option value="">{t('raci.matrix.any')}</option>
            {filtersData?.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="cx-field">
          <span className="cx-label">{t('raci.matrix.epic')}</span>
          <select
            className="cx-input"
            value={filters.epicKey ?? ''}
            onChange={(e) => setFilter({ epicKey: e.target.value || undefined })}
          >
            <option value="">{t('raci.matrix.any')}</option>
            {filtersData?.epics.map((ep) => (
              <option key={ep.key} value={ep.key}>
                {ep.key} {ep.summary}
              </option>
            ))}
          </select>
        </label>
        <label className="cx-field">
          <span className="cx-label">{t('raci.matrix.status')}</span>
          <select
            className="cx-input"
            value={
              filters.statusId ? `s:${filters.statusId}` : filters.statusCategory ? `c:${filters.statusCategory}` : ''
            }
            onChange={(e) => {
              const [kind, value] = e.target.value.split(':') as ['c' | 's' | '', string | undefined];
              setFilter({
                statusCategory: kind === 'c' ? (value as StatusCategory) : undefined,
                statusId: kind === 's' ? value : undefined,
              });
            }}
          >
            <option value="">{t('raci.matrix.any')}</option>
            <optgroup label={t('raci.matrix.statusCategories')}>
              {CATEGORIES.map((c) => (
                <option key={c} value={`c:${c}`}>
                  {t(`raci.matrix.status.${c}`)}
                </option>
              ))}
            </optgroup>
            {filtersData && filtersData.statuses.length > 0 && (
              <optgroup label={t('raci.matrix.statuses')}>
                {filtersData.statuses.map((st) => (
                  <option key={st.id} value={`s:${st.id}`}>
                    {st.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <fieldset className="cx-field" aria-labelledby={`${id}-cols`}>
          <span className="cx-label" id={`${id}-cols`}>
            {t('raci.matrix.columns')}
          </span>
          <div className="cx-dept-toggles">
            {(['people', 'departments'] as const).map((b) => (
              <button key={b} type="button" className="cx-toggle" aria-pressed={by === b} onClick={() => setBy(b)}>
                {t(b === 'people' ? 'raci.matrix.byPeople' : 'raci.matrix.byDepartments')}
              </button>
            ))}
          </div>
        </fieldset>
      </div>
      {page.status !== 'ok' && <NotLoaded state={page} retry={retryPage} />}
      {data && data.rows.length === 0 && <EmptyState>{t('raci.matrix.empty')}</EmptyState>}
      {data && data.rows.length > 0 && (
        <>
          <p className="cx-help" role="status">
            {t('raci.matrix.gapsOnPage', { n: gaps, total: data.rows.length })}
          </p>
          {columns.length === 0 && <p className="cx-help">{t('raci.matrix.nobody')}</p>}
          <div className="cx-table-wrap">
            <table className="cx-table cx-matrix">
              <caption>{t('raci.matrix.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('raci.matrix.issue')}</th>
                  {columns.map((c) => (
                    <th key={c.id} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.issue.id} className={r.gaps.length > 0 ? 'cx-gap' : undefined}>
                    <th scope="row">
                      <WorkItemLink issueKey={r.issue.key} summary={r.issue.summary} keyClassName="cx-matrix-key" />{' '}
                      <Lozenge appearance={STATUS_APPEARANCE[r.issue.statusCategory]}>{r.issue.statusName}</Lozenge>
                      {r.gaps.map((g) => (
                        <span key={g} className="cx-gap-flag">
                          <Lozenge appearance="removed">{gapLabel(g)}</Lozenge>
                        </span>
                      ))}
                    </th>
                    {columns.map((c) => (
                      <td key={c.id} className="cx-matrix-cell">
                        {cellOf(r, by, c.id)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="cx-form-actions">
        <Button isDisabled={tokens.length <= 1} onClick={() => setTokens((ts) => ts.slice(0, -1))}>
          {t('raci.matrix.previous')}
        </Button>
        <span className="cx-help">{t('raci.matrix.page', { n: tokens.length })}</span>
        <Button
          isDisabled={!data?.nextPageToken}
          onClick={() => data?.nextPageToken && setTokens((ts) => [...ts, data.nextPageToken ?? undefined])}
        >
          {t('raci.matrix.next')}
        </Button>
        <Button onClick={() => void exportCsv()}>{t('raci.matrix.export')}</Button>
        {exportNote && (
          <span className="cx-help" role="status">
            {exportNote}
          </span>
        )}
      </div>
    </Section>
  );
}

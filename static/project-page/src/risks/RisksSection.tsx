import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import { LIST_PAGE_SIZE, RISK_STATUSES, type Person, type RiskRegister, type RiskView } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import {
  CsvButton,
  Field,
  FormActions,
  FormError,
  HeadRow,
  ListFooter,
  readAllPages,
  usePagedList,
  useTask,
  withData,
  PersonField,
  splitList,
  useSave,
} from '../kit';
import type { ProjectClient, SectionProps } from '../page-context';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The 5×5 map, each cell in the zone the server's domain gives it. */
function HeatMap({ cells, zones }: { cells: Record<string, number>; zones: Record<string, string> }) {
  const t = useT();
  return (
    <table className="cx-heatmap" aria-label={t('project.risks.heatmap')}>
      <caption className="cx-visually-hidden">{t('project.risks.heatmap')}</caption>
      <tbody>
        {[...LEVELS].reverse().map((p) => (
          <tr key={p}>
            <th scope="row">{p}</th>
            {LEVELS.map((i) => {
              const n = cells[`${p}:${i}`] ?? 0;
              return (
                <td
                  key={i}
                  className={`cx-heat cx-heat-${zones[`${p}:${i}`]}${n > 0 ? ' cx-heat-filled' : ''}`}
                  title={t('project.risks.heatmapCell', { p, i, n })}
                >
                  {n > 0 ? n : ''}
                  <span className="cx-visually-hidden">{t('project.risks.heatmapCell', { p, i, n })}</span>
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th scope="row" className="cx-heatmap-axis">
            {t('project.risks.axisProbability')}
          </th>
          {LEVELS.map((i) => (
            <th key={i} scope="col">
              {i}
            </th>
          ))}
        </tr>
        <tr>
          <td />
          <td colSpan={5} className="cx-heatmap-axis">
            {t('project.risks.axisImpact')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function RiskForm(props: {
  risk: RiskView | null;
  client: ProjectClient;
  onDone: (saved: boolean) => void;
  today: string;
}) {
  const t = useT();
  const r = props.risk;
  const [title, setTitle] = useState(r?.title ?? '');
  const [probability, setProbability] = useState(String(r?.probability ?? 3));
  const [impact, setImpact] = useState(String(r?.impact ?? 3));
  const [owner, setOwner] = useState<string | null>(r?.owner.accountId ?? null);
  const [deputy, setDeputy] = useState<string | null>(r?.deputy?.accountId ?? null);
  const [response, setResponse] = useState(r?.response ?? '');
  const [status, setStatus] = useState<RiskView['status']>(r?.status ?? 'open');
  const [reviewDate, setReviewDate] = useState(r?.reviewDate ?? props.today);
  const [issues, setIssues] = useState(r?.issueKeys.join(', ') ?? '');
  const [depIds, setDepIds] = useState(r?.dependencyIds.join(', ') ?? '');
  const [people, setPeople] = useState(
    () => new Map<string, Person>([r?.owner, r?.deputy].filter((p): p is Person => !!p).map((p) => [p.accountId, p])),
  );
  const remember = (p?: Person) => p && setPeople((m) => new Map(m).set(p.accountId, p));
  const save = useSave();
  return (
    <form
      className="cx-form"
      aria-label={r ? t('project.risks.edit') : t('project.risks.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(
          () =>
            props.client.call('saveRisk', {
              ...(r ? { id: r.id } : {}),
              title,
              probability: Number(probability),
              impact: Number(impact),
              ownerAccountId: owner ?? '',
              deputyAccountId: deputy,
              response,
              status,
              reviewDate,
              issueKeys: splitList(issues).map((k) => k.toUpperCase()),
              dependencyIds: splitList(depIds),
              expectedVersion: r?.version ?? null,
            }),
          () => props.onDone(true),
        );
      }}
    >
      <div className="cx-form-grid">
        <Field label={t('project.risks.title')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              required
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('project.common.status')}>
          {(id) => (
            <select
              id={id}
              className="cx-input"
              value={status}
              onChange={(e) => setStatus(e.target.value as RiskView['status'])}
            >
              {RISK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`project.risks.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('project.risks.probability')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              type="number"
              min={1}
              max={5}
              required
              value={probability}
              onChange={(e) => setProbability(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('project.risks.impact')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              type="number"
              min={1}
              max={5}
              required
              value={impact}
              onChange={(e) => setImpact(e.target.value)}
            />
          )}
        </Field>
        <PersonField
          client={props.client}
          label={t('project.common.owner')}
          value={owner}
          people={people}
          onChange={(id, p) => {
            setOwner(id);
            remember(p);
          }}
        />
        <PersonField
          client={props.client}
          label={t('project.risks.deputy')}
          value={deputy}
          people={people}
          onChange={(id, p) => {
            setDeputy(id);
            remember(p);
          }}
        />
        <Field label={t('project.risks.reviewDate')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              type="date"
              required
              value={reviewDate}
              onChange={(e) => setReviewDate(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('project.risks.issues')} help={t('project.risks.issuesHelp')}>
          {(id) => <input id={id} className="cx-input" value={issues} onChange={(e) => setIssues(e.target.value)} />}
        </Field>
        <Field label={t('project.risks.dependencies')} help={t('project.risks.dependenciesHelp')}>
          {(id) => <input id={id} className="cx-input" value={depIds} onChange={(e) => setDepIds(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('project.risks.response')}>
        {(id) => (
          <textarea
            id={id}
            className="cx-input"
            rows={3}
            maxLength={2000}
            value={response}
            onChange={(e) => setResponse(e.target.value)}
          />
        )}
      </Field>
      <FormError error={save.error} />
      <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
    </form>
  );
}

const STATUS_APPEARANCE = { open: 'removed', mitigating: 'moved', closed: 'success' } as const;

/** Every risk of the register, worst first: the pages read to the end, 100 a call. */
const riskPage = (d: RiskRegister) => ({ items: d.risks, next: d.next });
const allRisks = (client: ProjectClient) =>
  readAllPages((cursor) => client.call('listRisks', { limit: 100, ...(cursor ? { cursor } : {}) }), riskPage);

/** What the monthly report says about a month, from every risk of the register (months and zones as the server decided). */
export function monthlyReport(risks: readonly RiskView[], month: string) {
  const open = risks.filter((r) => r.status !== 'closed');
  const opened = risks.filter((r) => r.openedMonth === month);
  const closed = risks.filter((r) => r.closedMonth === month);
  const reported = [...new Map([...open, ...opened, ...closed].map((r) => [r.id, r])).values()].sort(
    (a, b) => b.score - a.score,
  );
  return {
    open: open.length,
    high: open.filter((r) => r.zone === 'high').length,
    opened: opened.length,
    closed: closed.length,
    reported,
  };
}

/**
 * The monthly risk report (协同风险报告): what is open now, and what was raised and closed in the month. It
 * covers the whole register, so it reads every page when asked for, not when the section opens.
 */
function MonthlyReport({ client, asOf, projectKey }: { client: ProjectClient; asOf: string; projectKey: string }) {
  const t = useT();
  const [month, setMonth] = useState(asOf.slice(0, 7));
  const [risks, setRisks] = useState<RiskView[] | null>(null);
  const task = useTask();
  const load = () => task.run(async () => setRisks(await allRisks(client)));
  const report = risks && monthlyReport(risks, month);
  const header = [
    t('project.risks.title'),
    t('project.risks.score'),
    t('project.common.status'),
    t('project.common.owner'),
    t('project.risks.deputy'),
    t('project.risks.response'),
    t('project.risks.reviewDate'),
  ];
  const row = (r: RiskView) => [
    r.title,
    r.score,
    t(`project.risks.status.${r.status}`),
    r.owner.displayName,
    r.deputy?.displayName ?? '',
    r.response,
    r.reviewDate,
  ];
  return (
    <Section
      title={t('project.risks.report')}
      level={3}
      aside={
        <div className="cx-toolbar">
          <label className="cx-label">
            {t('project.risks.reportMonth')}{' '}
            <input
              className="cx-input"
              type="month"
              value={month}
              onChange={(e) => setMonth(e.target.value || month)}
            />
          </label>
          {report ? (
            <>
              <Button appearance="subtle" onClick={() => window.print()}>
                {t('project.risks.print')}
              </Button>
              <CsvButton
                label={t('project.risks.reportCsv')}
                filename={`${projectKey}-risk-report-${month}.csv`}
                header={header}
                rows={() => report.reported.map(row)}
              />
            </>
          ) : (
            <Button appearance="default" isDisabled={task.busy} onClick={() => void load()}>
              {task.busy ? t('project.list.exporting') : t('project.risks.reportPrepare')}
            </Button>
          )}
        </div>
      }
    >
      <FormError error={task.error} />
      {report ? (
        <>
          <p>
            {t('project.risks.reportSummary', {
              open: report.open,
              high: report.high,
              opened: report.opened,
              closed: report.closed,
              month,
            })}
          </p>
          <div className="cx-print-only">
            <table className="cx-table">
              <caption className="cx-visually-hidden">{t('project.risks.report')}</caption>
              <HeadRow labels={header} />
              <tbody>
                {report.reported.map((r) => (
                  <tr key={r.id}>
                    {row(r).map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={i}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="cx-muted">{t('project.risks.reportHint')}</p>
      )}
    </Section>
  );
}

/**
 * The risk register (风险记录表), a page at a time, worst first as the server ranks it; the heat map (from the
 * summary), the export and the monthly report cover every risk.
 */
export function RisksView({
  overview,
  client,
  refresh,
  data,
  retry,
}: SectionProps & { data: RiskRegister; retry: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [editing, setEditing] = useState<RiskView | 'new' | null>(null);
  const list = usePagedList(
    riskPage(data),
    (cursor) => client.call('listRisks', { cursor, limit: LIST_PAGE_SIZE }),
    riskPage,
  );
  const sorted = list.items;
  const total = overview.risks.open + overview.risks.closed;
  const register = data;
  const header = [
    t('project.risks.title'),
    t('project.risks.probability'),
    t('project.risks.impact'),
    t('project.risks.score'),
    t('project.common.owner'),
    t('project.risks.deputy'),
    t('project.risks.response'),
    t('project.common.status'),
    t('project.risks.reviewDate'),
    t('project.risks.issues'),
    t('project.risks.dependencies'),
  ];
  return (
    <Section
      title={t('project.risks.heading')}
      aside={
        <div className="cx-toolbar">
          {register.canEdit && (
            <Button appearance="primary" onClick={() => setEditing('new')}>
              {t('project.risks.add')}
            </Button>
          )}
          <CsvButton
            filename={`${overview.project.key}-risks.csv`}
            header={header}
            rows={async () =>
              (await allRisks(client)).map((r) => [
                r.title,
                r.probability,
                r.impact,
                r.score,
                r.owner.displayName,
                r.deputy?.displayName ?? '',
                r.response,
                t(`project.risks.status.${r.status}`),
                r.reviewDate,
                r.issueKeys.join(' '),
                r.dependencyIds.join(' '),
              ])
            }
          />
        </div>
      }
    >
      {!register.canEdit && <p className="cx-muted">{t('project.common.readOnly')}</p>}
      {editing && (
        <RiskForm
          key={editing === 'new' ? 'new' : editing.id}
          risk={editing === 'new' ? null : editing}
          client={client}
          today={overview.asOf.slice(0, 10)}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              retry();
              refresh();
            }
          }}
        />
      )}
      <Section title={t('project.risks.heatmap')} level={3}>
        <HeatMap cells={overview.risks.cells} zones={overview.riskZones} />
      </Section>
      {sorted.length === 0 ? (
        <EmptyState>{t('project.risks.empty')}</EmptyState>
      ) : (
        <div className="cx-table-wrap">
          <table className="cx-table">
            <caption className="cx-visually-hidden">{t('project.risks.heading')}</caption>
            <HeadRow
              labels={[
                t('project.risks.title'),
                t('project.risks.score'),
                t('project.common.owner'),
                t('project.risks.deputy'),
                t('project.risks.response'),
                t('project.common.status'),
                t('project.risks.reviewDate'),
                t('project.risks.issues'),
              ]}
              hidden={register.canEdit ? [t('project.common.edit')] : []}
            />
            <tbody>
              {sorted.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.title}</th>
                  <td>
                    <span className={`cx-heat cx-heat-${r.zone}`} title={`${r.probability} × ${r.impact}`}>
                      {r.score}
                    </span>
                  </td>
                  <td>
                    <PersonChip person={r.owner} />
                  </td>
                  <td>
                    {r.deputy ? (
                      <PersonChip person={r.deputy} />
                    ) : (
                      <span className="cx-muted">{t('project.common.none')}</span>
                    )}
                  </td>
                  <td>{r.response}</td>
                  <td>
                    <Lozenge appearance={STATUS_APPEARANCE[r.status]}>{t(`project.risks.status.${r.status}`)}</Lozenge>
                  </td>
                  <td>
                    <time dateTime={r.reviewDate}>{fmt.date(r.reviewDate)}</time>
                  </td>
                  <td>{[...r.issueKeys, ...r.dependencyIds].join(', ')}</td>
                  {register.canEdit && (
                    <td>
                      <Button appearance="subtle" onClick={() => setEditing(r)}>
                        {t('project.common.edit')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > 0 && (
        <ListFooter
          shown={sorted.length}
          total={total}
          hasMore={list.hasMore}
          busy={list.busy}
          error={list.error}
          pageSize={LIST_PAGE_SIZE}
          label={t('project.risks.heading')}
          onMore={() => void list.more()}
        />
      )}
      <MonthlyReport client={client} asOf={register.asOf} projectKey={overview.project.key} />
    </Section>
  );
}

export const RisksSection = withData((client) => client.call('listRisks', { limit: LIST_PAGE_SIZE }), RisksView);

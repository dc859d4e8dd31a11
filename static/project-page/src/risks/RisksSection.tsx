import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import { LIST_PAGE_SIZE, type RiskRegister, type RiskView } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import { CsvButton, HeadRow, ListFooter, usePagedList, withData } from '../kit';
import type { SectionProps } from '../page-context';
import { RiskForm } from './risk-form';
import { HeatMap } from './risk-heat-map';
import { MonthlyReport } from './risk-monthly-report';
import { allRisks, riskPage } from './risk-pages';

const STATUS_APPEARANCE = { open: 'removed', mitigating: 'moved', closed: 'success' } as const;

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
                  <td>
                    {r.issueKeys.map((k) => (
                      <span key={k}>
                        <WorkItemLink issueKey={k} />{' '}
                      </span>
                    ))}
                    {r.dependencyIds.join(', ')}
                  </td>
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
      <MonthlyReport client={client} projectKey={overview.project.key} />
    </Section>
  );
}

export const RisksSection = withData((client) => client.call('listRisks', { limit: LIST_PAGE_SIZE }), RisksView);

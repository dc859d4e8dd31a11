import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { RiskView } from '@contract';
import { useT } from '../../../shared/i18n';
import { Section } from '../../../shared/components/Section';
import { CsvButton, FormError, HeadRow, useTask } from '../kit';
import type { ProjectClient } from '../page-context';
import { allRisks } from './risk-pages';

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
export function MonthlyReport({
  client,
  asOf,
  projectKey,
}: {
  client: ProjectClient;
  asOf: string;
  projectKey: string;
}) {
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

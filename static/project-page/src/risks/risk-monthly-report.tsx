import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { RiskReport, RiskView } from '@contract';
import { useT } from '../../../shared/i18n';
import { Section } from '../../../shared/components/Section';
import { CsvButton, FormError, HeadRow, useTask } from '../kit';
import type { ProjectClient } from '../page-context';

/**
 * The monthly risk report (协同风险报告), as the server decided it from the whole register: the risks open at the
 * end of the month, those raised and closed in it. Asked for when wanted, not when the section opens; the month
 * is the viewer's current one until they pick another.
 */
export function MonthlyReport({ client, projectKey }: { client: ProjectClient; projectKey: string }) {
  const t = useT();
  const [report, setReport] = useState<RiskReport | null>(null);
  const task = useTask();
  const load = (month?: string) =>
    task.run(async () => {
      const r = await client.call('getRiskReport', month ? { month } : {});
      if (!r.ok) throw r.error;
      setReport(r.data);
    });
  const month = report?.month ?? '';
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
          {report ? (
            <>
              {/* The month appears with the report: the server picks the viewer's current one first. */}
              <label className="cx-label">
                {t('project.risks.reportMonth')}{' '}
                <input
                  className="cx-input"
                  type="month"
                  value={month}
                  disabled={task.busy}
                  onChange={(e) => e.target.value && void load(e.target.value)}
                />
              </label>
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

import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import type { DependencyHealthValue, DependencyOverview } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { Section } from '../../../shared/components/Section';
import { EmptyState } from '../../../shared/components/EmptyState';
import { healthReasonText } from '../../../shared/dependency-reason';
import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import type { SectionProps } from '../page-context';

const HEALTH_APPEARANCE: Record<DependencyHealthValue, ThemeAppearance> = {
  onTrack: 'success',
  atRisk: 'moved',
  overdue: 'removed',
  blocked: 'removed',
  done: 'default',
};

function useDeptName(overview: DependencyOverview) {
  const t = useT();
  const byId = new Map(overview.departments.map((d) => [d.id, d]));
  return (id: string) => departmentName(byId.get(id), t.locale, id || t('dependencies.noDept'));
}

function Matrix({ overview }: { overview: DependencyOverview }) {
  const t = useT();
  const name = useDeptName(overview);
  const rows = [...new Set(overview.matrix.map((c) => c.requesting))];
  const cols = [...new Set(overview.matrix.map((c) => c.providing))].sort();
  const cell = (r: string, c: string) => overview.matrix.find((m) => m.requesting === r && m.providing === c);
  return (
    <div className="cx-table-wrap">
      <table className="cx-table">
        <caption>{t('dependencies.page.matrixCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dependencies.page.requesting')}</th>
            {cols.map((c) => (
              <th key={c} scope="col">
                {name(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row">{name(r)}</th>
              {cols.map((c) => {
                const m = cell(r, c);
                if (!m)
                  return (
                    <td key={c} className="cx-muted">
                      –
                    </td>
                  );
                const problems = m.atRisk + m.overdue + m.blocked;
                return (
                  <td
                    key={c}
                    aria-label={t('dependencies.page.cellLabel', { ...m })}
                    title={t('dependencies.page.cellLabel', { ...m })}
                  >
                    <span className={m.overdue + m.blocked > 0 ? 'cx-danger-text' : undefined}>
                      {t('dependencies.page.cell', { total: m.total, problems })}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const reasonSuffix = (why: string | null) => (why ? ` · ${why}` : '');

function Problems({ overview }: { overview: DependencyOverview }) {
  const t = useT();
  const fmt = useFormat();
  const name = useDeptName(overview);
  const hidden = t('dependencies.page.hiddenIssue');
  if (overview.problems.length === 0) return <EmptyState>{t('dependencies.page.noProblems')}</EmptyState>;
  return (
    <ul className="cx-rows">
      {overview.problems.map((p) => (
        <li key={p.id} className="cx-row">
          <div className="cx-row-head">
            <p className="cx-row-title">
              {t.rich('dependencies.page.waitsFor', {
                down: p.downstreamKey ? <WorkItemLink issueKey={p.downstreamKey} /> : hidden,
                up: p.upstreamKey ? <WorkItemLink issueKey={p.upstreamKey} /> : hidden,
              })}
              {p.deliverable ? ` · ${p.deliverable}` : ''}
            </p>
            <div className="cx-row-lozenges">
              <Lozenge appearance={HEALTH_APPEARANCE[p.health]}>{t(`dependencies.health.${p.health}`)}</Lozenge>
            </div>
          </div>
          <p className="cx-meta">
            {t('dependencies.deptArrow', { from: name(p.requestingDept), to: name(p.providingDept) })}
            {p.needBy ? ` · ${t('dependencies.needBy')} ${fmt.date(p.needBy)}` : ''}
            {reasonSuffix(healthReasonText(t, p.reason, p.days))}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The project's dependencies: department × department, what needs attention, and the critical path. */
export function DependenciesOverviewSection({ client }: SectionProps) {
  const t = useT();
  const { state, retry } = useCall(() => client.call('getDependencyOverview', {}));
  return (
    <Section title={t('dependencies.page.heading')}>
      <Loaded state={state} retry={retry}>
        {(overview) => <DependenciesOverview overview={overview} />}
      </Loaded>
    </Section>
  );
}

export function DependenciesOverview({ overview }: { overview: DependencyOverview }) {
  const t = useT();
  if (overview.matrix.length === 0) return <EmptyState>{t('dependencies.page.empty')}</EmptyState>;
  const path = overview.criticalPath;
  return (
    <>
      <p className="cx-meta">{t('dependencies.page.open', { n: overview.open })}</p>
      <Section title={t('dependencies.page.matrix')} level={3}>
        <Matrix overview={overview} />
      </Section>
      <Section
        title={t('dependencies.page.problems')}
        level={3}
        aside={<span className="cx-count">{overview.problems.length}</span>}
      >
        <Problems overview={overview} />
      </Section>
      <Section title={t('dependencies.page.criticalPath')} level={3}>
        {path.issueKeys.length === 0 ? (
          <EmptyState>{t('dependencies.page.noCriticalPath')}</EmptyState>
        ) : (
          <>
            <p>
              <strong className="cx-critical-path">
                {path.issueKeys.map((k, i) => (
                  <span key={i}>
                    {i > 0 && ' → '}
                    {k ? <WorkItemLink issueKey={k} /> : t('dependencies.page.hiddenIssue')}
                  </span>
                ))}
              </strong>
            </p>
            <p className="cx-meta">{t('dependencies.page.criticalPathLength', { days: path.lengthDays })}</p>
          </>
        )}
      </Section>
    </>
  );
}

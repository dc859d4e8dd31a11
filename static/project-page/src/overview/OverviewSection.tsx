import type { SectionProps } from '../page-context';
import { HealthLozenge, milestoneReason } from '../kit/health';
import { useFormat, useT } from '../../../shared/i18n';
import { Section } from '../../../shared/components/Section';
import { Stat, StatGrid, type StatTone } from '../../../shared/components/Stat';

/** The seed's target for RACI coverage of key work (措施覆盖率 ≥ 98 %). */
const RACI_COVERAGE_TARGET = 0.98;

const alarmIfAny = (n: number): StatTone => (n > 0 ? 'danger' : 'neutral');

export function OverviewSection({ overview }: SectionProps) {
  const t = useT();
  const fmt = useFormat();
  const { rollup, raciCoverage, dependencies, escalations } = overview;
  const coverageTone: StatTone =
    raciCoverage === null ? 'neutral' : raciCoverage >= RACI_COVERAGE_TARGET ? 'success' : 'warning';

  return (
    <Section title={t('page.overview.heading')}>
      <Section title={t('page.overview.issues')} level={3}>
        <StatGrid>
          <Stat label={t('page.stat.issues')} value={fmt.number(rollup.issueCount)} />
          <Stat label={t('page.stat.open')} value={fmt.number(rollup.openIssues)} />
          <Stat
            label={t('page.stat.overdueOpen')}
            value={fmt.number(rollup.overdueOpen)}
            tone={alarmIfAny(rollup.overdueOpen)}
          />
          <Stat
            label={t('page.stat.raciCoverage')}
            value={raciCoverage === null ? t('page.stat.notAvailable') : fmt.percent(raciCoverage)}
            hint={raciCoverage === null ? t('page.stat.raciCoverageNone') : t('page.stat.raciCoverageHint')}
            tone={coverageTone}
          />
        </StatGrid>
      </Section>
      <Section title={t('page.overview.collaboration')} level={3}>
        <StatGrid>
          <Stat label={t('page.stat.openDependencies')} value={fmt.number(dependencies.open)} />
          <Stat
            label={t('page.stat.lateResponses')}
            value={fmt.number(dependencies.lateResponses)}
            tone={alarmIfAny(dependencies.lateResponses)}
          />
          <Stat
            label={t('page.stat.lateApprovals')}
            value={fmt.number(dependencies.lateApprovals)}
            tone={alarmIfAny(dependencies.lateApprovals)}
          />
          <Stat
            label={t('page.stat.openEscalations')}
            value={fmt.number(escalations.open)}
            tone={escalations.open > 0 ? 'warning' : 'neutral'}
          />
        </StatGrid>
      </Section>
      <Section title={t('project.overview.records')} level={3}>
        <StatGrid>
          <Stat label={t('project.overview.openRisks')} value={fmt.number(overview.risks.open)} />
          <Stat
            label={t('project.overview.highRisks')}
            value={fmt.number(overview.risks.high)}
            tone={alarmIfAny(overview.risks.high)}
          />
          <Stat label={t('project.overview.openActions')} value={fmt.number(overview.actions.open)} />
          <Stat
            label={t('project.figure.overdueActions')}
            value={fmt.number(overview.actions.overdue)}
            tone={alarmIfAny(overview.actions.overdue)}
          />
        </StatGrid>
      </Section>
      {overview.milestones.length > 0 && (
        <Section title={t('project.overview.milestones')} level={3}>
          <ul className="cx-rows">
            {overview.milestones.map((m) => (
              <li key={m.id} className="cx-row">
                <div className="cx-glance">
                  <span className="cx-row-title">{m.name}</span>
                  <HealthLozenge health={m.health} />
                  {m.reasons[0] && <span className="cx-muted">{milestoneReason(t, fmt, m.reasons[0])}</span>}
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </Section>
  );
}

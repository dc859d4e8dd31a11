import type { SectionProps } from './page-context';
import { useFormat, useT } from '../../shared/i18n';
import { Section } from '../../shared/components/Section';
import { Stat, StatGrid, type StatTone } from '../../shared/components/Stat';

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
            label={t('page.stat.openEscalations')}
            value={fmt.number(escalations.open)}
            tone={escalations.open > 0 ? 'warning' : 'neutral'}
          />
        </StatGrid>
      </Section>
    </Section>
  );
}

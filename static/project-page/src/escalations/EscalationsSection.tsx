import type { EscalationStats } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { Section } from '../../../shared/components/Section';
import { Stat, StatGrid } from '../../../shared/components/Stat';
import { EscalationLevelLozenge } from '../../../shared/components/StatusLozenge';
import type { SectionProps } from '../page-context';
import { OpenEscalationsBlock } from './open-escalations';

const AGES = ['d0', 'd1to2', 'd3to6', 'd7plus'] as const;
/** docs/domain.md practice 3: cross-department conflicts are resolved within 48 h; the seed's compliance target is 98 %. */
const WITHIN_LIMIT_TARGET = 0.98;

function Figures({ stats }: { stats: EscalationStats }) {
  const t = useT();
  const fmt = useFormat();
  const hours = (h: number | null) =>
    h === null ? t('escalations.page.none') : t('escalations.page.hours', { n: fmt.number(h) });
  return (
    <>
      <StatGrid>
        <Stat
          label={t('escalations.page.withinLimit')}
          value={
            stats.resolvedWithinLimit === null ? t('escalations.page.none') : fmt.percent(stats.resolvedWithinLimit)
          }
          hint={t('escalations.page.closed', { n: stats.closed })}
          tone={
            stats.resolvedWithinLimit === null
              ? 'neutral'
              : stats.resolvedWithinLimit >= WITHIN_LIMIT_TARGET
                ? 'success'
                : 'warning'
          }
        />
        <Stat label={t('escalations.page.meanAck')} value={hours(stats.meanHoursToAcknowledge)} />
        <Stat label={t('escalations.page.meanResolve')} value={hours(stats.meanHoursToResolve)} />
      </StatGrid>
      <div className="cx-table-wrap">
        <table className="cx-table">
          <thead>
            <tr>
              <th scope="col">{t('escalations.page.level')}</th>
              <th scope="col">{t('escalations.page.open')}</th>
              {AGES.map((a) => (
                <th scope="col" key={a}>
                  {t(`escalations.page.age.${a}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stats.openByLevel.map((row) => (
              <tr key={row.level}>
                <th scope="row">
                  <EscalationLevelLozenge level={row.level} />
                </th>
                <td>{fmt.number(row.count)}</td>
                {AGES.map((a) => (
                  <td key={a} className={a === 'd7plus' && row.ages[a] > 0 ? 'cx-danger-text' : undefined}>
                    {fmt.number(row.ages[a])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Escalations of the project: open ones by level and age, and how fast they are answered. */
export function EscalationsSection({ client }: SectionProps) {
  const t = useT();
  const { state, retry } = useCall(() => client.call('getEscalationStats', {}));
  return (
    <Section title={t('escalations.page.heading')}>
      <Loaded state={state} retry={retry}>
        {(stats) => (
          <>
            <Figures stats={stats} />
            <OpenEscalationsBlock client={client} />
            {stats.canConfigure && <p className="cx-footnote">{t('escalations.page.ladderWhere')}</p>}
          </>
        )}
      </Loaded>
    </Section>
  );
}

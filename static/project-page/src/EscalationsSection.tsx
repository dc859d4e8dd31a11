import { lazy, Suspense, useMemo, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import { PROJECT_PAGE_FUNCTIONS, type EscalationStats } from '@contract';
import { createClient } from '../../shared/bridge-client';
import { useFormat, useT } from '../../shared/i18n';
import { useCall } from '../../shared/use-call';
import { Section } from '../../shared/components/Section';
import { Loading } from '../../shared/components/Loading';
import { ErrorState } from '../../shared/components/ErrorState';
import { Stat, StatGrid } from '../../shared/components/Stat';
import { EscalationLevelLozenge } from '../../shared/components/StatusLozenge';

// Only project admins open the editor; everyone else never downloads it.
const LadderEditor = lazy(() => import('./EscalationLadderEditor'));

const AGES = ['d0', 'd1to2', 'd3to6', 'd7plus'] as const;
/** DOMAIN.md: cross-department conflicts are resolved within 48 h; the seed's compliance target is 98 %. */
const WITHIN_LIMIT_TARGET = 0.98;

function Figures({ stats }: { stats: EscalationStats }) {
  const t = useT();
  const fmt = useFormat();
  const hours = (h: number | null) => (h === null ? t('escalations.page.none') : t('escalations.page.hours', { n: fmt.number(h) }));
  return (
    <>
      <StatGrid>
        <Stat
          label={t('escalations.page.withinLimit')}
          value={stats.resolvedWithinLimit === null ? t('escalations.page.none') : fmt.percent(stats.resolvedWithinLimit)}
          hint={t('escalations.page.closed', { n: stats.closed })}
          tone={stats.resolvedWithinLimit === null ? 'neutral' : stats.resolvedWithinLimit >= WITHIN_LIMIT_TARGET ? 'success' : 'warning'}
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

/** Escalations of the project: open ones by level and age, how fast they are answered, and (for project admins) the ladder. */
export function EscalationsSection() {
  const t = useT();
  const client = useMemo(() => createClient(PROJECT_PAGE_FUNCTIONS, { locale: t.locale }), [t.locale]);
  const { state, retry } = useCall(() => client.call('getEscalationStats', {}));
  const [editing, setEditing] = useState(false);
  const canConfigure = state.status === 'ok' && state.data.canConfigure;
  return (
    <Section
      title={t('escalations.page.heading')}
      aside={
        canConfigure && !editing ? (
          <Button appearance="default" spacing="compact" onClick={() => setEditing(true)}>
            {t('escalations.ladder.heading')}
          </Button>
        ) : undefined
      }
    >
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={retry} />}
      {state.status === 'ok' && <Figures stats={state.data} />}
      {editing && (
        <Suspense fallback={<Loading />}>
          <LadderEditor client={client} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </Section>
  );
}

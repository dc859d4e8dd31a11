import { lazy, Suspense } from 'react';
import type { HeadlineFigure, HeadlineFigures } from '@contract';
import { useFormat, useT, type MessageKey } from '../../../shared/i18n';
import { Section } from '../../../shared/components/Section';
import { Stat, StatGrid, type StatTone } from '../../../shared/components/Stat';
import { Loading } from '../../../shared/components/Loading';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { CsvButton } from '../kit';
import type { ProjectClient } from '../page-context';

const WeeklyLines = lazy(async () => ({ default: (await import('../kit/charts')).WeeklyLines }));

const label = (id: HeadlineFigure['id']) => `project.headline.${id}` as MessageKey;

function tone(f: HeadlineFigure): StatTone {
  if (f.value === null || f.target === null) return 'neutral';
  const met = f.better === 'lower' ? f.value < f.target : f.value >= f.target;
  return met ? 'success' : 'warning';
}

/** The seeds' headline figures: each with its numerator and denominator, its target, its definition and a weekly trend. */
export function HeadlineFiguresView({ data, projectKey }: { data: HeadlineFigures; projectKey: string }) {
  const t = useT();
  const fmt = useFormat();
  const pct = (v: number | null) => (v === null ? t('project.common.noData') : fmt.percent(v));
  const weeks = data.figures[0]?.trend.map((p) => p.week) ?? [];
  const rows = weeks.map((week, i) => ({
    week,
    ...Object.fromEntries(data.figures.map((f) => [f.id, f.trend[i]?.value ?? null])),
  }));
  return (
    <Section
      title={t('project.headline.heading')}
      level={3}
      aside={
        <CsvButton
          filename={`${projectKey}-headline-figures.csv`}
          header={[
            t('project.figures.week'),
            ...data.figures.flatMap((f) => [t(label(f.id)), `${t(label(f.id))} (n)`]),
          ]}
          rows={() =>
            weeks.map((week, i) => [
              week,
              ...data.figures.flatMap((f) => [
                f.trend[i]?.value ?? null,
                t('project.figures.of', { hit: f.trend[i]?.hit ?? 0, total: f.trend[i]?.total ?? 0 }),
              ]),
            ])
          }
        />
      }
    >
      <StatGrid>
        {data.figures.map((f) => (
          <Stat
            key={f.id}
            label={t(label(f.id))}
            value={pct(f.value)}
            tone={tone(f)}
            hint={
              <>
                {f.total > 0 && t('project.figures.of', { hit: fmt.number(f.hit), total: fmt.number(f.total) })}
                {f.total > 0 && f.target !== null && ' · '}
                {f.target !== null && (
                  <span className="cx-figure-target">
                    {t(f.better === 'lower' ? 'project.headline.below' : 'project.headline.atLeast', {
                      value: fmt.percent(f.target),
                    })}
                  </span>
                )}
                <details className="cx-figure-def">
                  <summary title={t(`${label(f.id)}.def` as MessageKey)}>{t('project.headline.definition')}</summary>
                  {t(`${label(f.id)}.def` as MessageKey)}
                </details>
              </>
            }
          />
        ))}
      </StatGrid>
      <Suspense fallback={<Loading />}>
        <WeeklyLines
          label={t('project.headline.trend')}
          percent
          data={rows}
          series={data.figures.map((f, i) => ({
            key: f.id,
            label: t(label(f.id)),
            token: `--ds-chart-categorical-${(i % 8) + 1}`,
          }))}
        />
      </Suspense>
    </Section>
  );
}

/** Loads the headline figures (recounted on the server from the records) and shows them. */
export function HeadlineFiguresBlock({ client, projectKey }: { client: ProjectClient; projectKey: string }) {
  const { state, retry } = useCall(() => client.call('getHeadlineFigures', {}));
  return (
    <Loaded state={state} retry={retry}>
      {(data) => <HeadlineFiguresView data={data} projectKey={projectKey} />}
    </Loaded>
  );
}

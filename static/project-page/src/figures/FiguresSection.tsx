import { lazy, Suspense } from 'react';
import { FIGURE_IDS, type Figure } from '@contract';
import { useFormat, useT, type MessageKey } from '../../../shared/i18n';
import { Section } from '../../../shared/components/Section';
import { Stat, StatGrid, type StatTone } from '../../../shared/components/Stat';
import { Loading } from '../../../shared/components/Loading';
import { CsvButton } from '../kit';
import type { SectionProps } from '../page-context';
import { HeadlineFiguresBlock } from './HeadlineFigures';

const WeeklyLines = lazy(async () => ({ default: (await import('../kit/charts')).WeeklyLines }));

const label = (id: Figure['id']) => `project.figure.${id}` as MessageKey;

/** Rollup figures the headline figures replace: answered in time without the unanswered ones, and on time by the UTC date. */
const SUPERSEDED: ReadonlySet<Figure['id']> = new Set(['requestsInTime', 'dependencyOnTime']);
const SHOWN = FIGURE_IDS.filter((id) => !SUPERSEDED.has(id));

function tone(f: Figure): StatTone {
  if (f.value === null || f.target === null) return 'neutral';
  const met = f.better === 'higher' ? f.value >= f.target : f.value <= f.target;
  return met ? 'success' : f.unit === 'count' ? 'danger' : 'warning';
}

/** The collaboration figures with their targets, a weekly trend, and each one's definition. */
export function FiguresSection({ overview, client }: SectionProps) {
  const t = useT();
  const fmt = useFormat();
  const show = (f: Pick<Figure, 'unit'>, v: number | null) =>
    v === null
      ? t('project.common.noData')
      : f.unit === 'ratio'
        ? fmt.percent(v)
        : f.unit === 'score'
          ? v.toFixed(1)
          : fmt.number(v);
  const figures = overview.figures.filter((f) => !SUPERSEDED.has(f.id));
  const ratios = figures.filter((f) => f.unit === 'ratio');
  const trendRows = overview.trend.map((p) => ({ week: p.week, ...p.values }));
  return (
    <Section
      title={t('project.figures.heading')}
      aside={
        <CsvButton
          filename={`${overview.project.key}-figures.csv`}
          header={[t('project.figures.week'), ...SHOWN.map((id) => t(label(id)))]}
          rows={() => overview.trend.map((p) => [p.week, ...SHOWN.map((id) => p.values[id] ?? null)])}
        />
      }
    >
      <HeadlineFiguresBlock client={client} projectKey={overview.project.key} />
      <h3>{t('project.figures.more')}</h3>
      <StatGrid>
        {figures.map((f) => (
          <Stat
            key={f.id}
            label={t(label(f.id))}
            value={show(f, f.value)}
            tone={tone(f)}
            hint={(() => {
              const detail =
                f.id === 'satisfaction'
                  ? f.of && t('project.figures.forms', { n: f.of.total })
                  : f.of &&
                    f.of.total > 0 &&
                    f.unit === 'ratio' &&
                    t('project.figures.of', { hit: fmt.number(f.of.hit), total: fmt.number(f.of.total) });
              const target = f.target !== null && t('project.figures.target', { value: show(f, f.target) });
              return (
                <>
                  {detail}
                  {detail && target && ' · '}
                  {target && <span className="cx-figure-target">{target}</span>}
                </>
              );
            })()}
          />
        ))}
      </StatGrid>
      <Section title={t('project.figures.trend')} level={3}>
        {overview.trend.length < 2 && <p className="cx-muted">{t('project.figures.trendEmpty')}</p>}
        <Suspense fallback={<Loading />}>
          <WeeklyLines
            label={t('project.figures.trend')}
            percent
            data={trendRows}
            series={ratios.map((f, i) => ({
              key: f.id,
              label: t(label(f.id)),
              token: `--ds-chart-categorical-${i + 1}`,
            }))}
          />
        </Suspense>
      </Section>
      <details className="cx-help-block">
        <summary>{t('project.figures.help')}</summary>
        <dl className="cx-facts">
          {SHOWN.map((id) => (
            <div key={id}>
              <dt>{t(label(id))}</dt>
              <dd>{t(`project.figure.${id}.def` as MessageKey)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </Section>
  );
}

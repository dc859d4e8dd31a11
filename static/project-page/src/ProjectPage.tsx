import type { ProjectOverview } from '@contract';
import { useFormat, useT } from '../../shared/i18n';
import { OverviewSection } from './OverviewSection';
import { MilestonesSection } from './MilestonesSection';
import { RaciMatrixSection } from './RaciMatrixSection';
import { DependenciesOverviewSection } from './DependenciesOverviewSection';
import { EscalationsSection } from './EscalationsSection';

/**
 * The project's collaboration health. Each part is its own section component so later parts (milestone
 * health, risks, retrospectives, charts) slot in as siblings without touching the others.
 */
export function ProjectPage({ overview }: { overview: ProjectOverview }) {
  const t = useT();
  const fmt = useFormat();
  const { project, rollup } = overview;
  return (
    <main className="cx-app cx-page">
      <header>
        <h1 className="cx-title">
          {project.name} <span className="cx-muted">({project.key})</span>
        </h1>
        <p className="cx-subtitle">{t('page.subtitle')}</p>
      </header>
      <OverviewSection overview={overview} />
      <MilestonesSection milestones={overview.milestones} projectName={project.name} />
      <RaciMatrixSection />
      <DependenciesOverviewSection />
      <EscalationsSection />
      <p className="cx-footnote">
        {rollup.updatedAt
          ? t.rich('page.figuresUpdated', {
              time: (
                <time dateTime={rollup.updatedAt} title={fmt.dateTimeLong(rollup.updatedAt)}>
                  {fmt.dateTime(rollup.updatedAt)}
                </time>
              ),
            })
          : t('page.figuresNeverUpdated')}
      </p>
    </main>
  );
}

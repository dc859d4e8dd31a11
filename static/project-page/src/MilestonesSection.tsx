import Lozenge from '@atlaskit/lozenge';
import type { MilestoneView } from '@contract';
import { useFormat, useT } from '../../shared/i18n';
import { EmptyState } from '../../shared/components/EmptyState';
import { Section } from '../../shared/components/Section';
import type { SectionProps } from './page-context';

function MilestoneStatus({ milestone }: { milestone: MilestoneView }) {
  const t = useT();
  if (milestone.released) return <Lozenge appearance="success">{t('page.milestones.released')}</Lozenge>;
  if (milestone.overdue) return <Lozenge appearance="removed">{t('page.milestones.overdue')}</Lozenge>;
  return <Lozenge appearance="default">{t('page.milestones.planned')}</Lozenge>;
}

export function MilestonesSection({ overview }: SectionProps) {
  const { milestones } = overview;
  const projectName = overview.project.name;
  const t = useT();
  const fmt = useFormat();
  return (
    <Section title={t('page.milestones.heading')}>
      {milestones.length === 0 ? (
        <EmptyState>{t('page.milestones.empty')}</EmptyState>
      ) : (
        <div className="cx-table-wrap">
          <table className="cx-table">
            <caption>{t('page.milestones.caption', { project: projectName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('page.milestones.name')}</th>
                <th scope="col">{t('page.milestones.releaseDate')}</th>
                <th scope="col">{t('page.milestones.status')}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>
                    {m.releaseDate ? (
                      <time dateTime={m.releaseDate}>{fmt.date(m.releaseDate)}</time>
                    ) : (
                      <span className="cx-muted">{t('common.noDate')}</span>
                    )}
                  </td>
                  <td>
                    <MilestoneStatus milestone={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

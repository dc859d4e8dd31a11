import { FINDING_CATEGORIES, type RetrospectiveView } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { DIMENSIONS, Tags } from './retro-common';

/** One retrospective: what went well, what to improve, and its feedback scores when it has them. */
export function RetroCard({
  retro: r,
  milestone,
  recurring,
}: {
  retro: RetrospectiveView;
  milestone: string;
  recurring: readonly string[];
}) {
  const t = useT();
  const fmt = useFormat();
  return (
    <article className="cx-card">
      <h3 className="cx-heading-3">
        {milestone} · <time dateTime={r.heldOn}>{fmt.date(r.heldOn)}</time> <Tags tags={r.tags} recurring={recurring} />
      </h3>
      <dl className="cx-facts">
        <div>
          <dt>{t('project.retros.wentWell')}</dt>
          <dd>{r.wentWell || '—'}</dd>
        </div>
        <div>
          <dt>{t('project.retros.toImprove')}</dt>
          <dd>{r.toImprove || '—'}</dd>
        </div>
        {FINDING_CATEGORIES.map((c) => {
          const found = r.findings.filter((f) => f.category === c);
          return found.length === 0 ? null : (
            <div key={c}>
              <dt>{t(`project.retros.finding.${c}`)}</dt>
              <dd>
                <ul className="cx-inline-list">
                  {found.map((f, i) => (
                    <li key={i}>{f.text}</li>
                  ))}
                </ul>
              </dd>
            </div>
          );
        })}
        {r.scores ? (
          DIMENSIONS.map((d) => (
            <div key={d}>
              <dt>{t(`project.retros.score.${d}`)}</dt>
              <dd>{r.scores![d]} / 5</dd>
            </div>
          ))
        ) : (
          <div>
            <dt>{t('project.retros.scores')}</dt>
            <dd className="cx-muted">{t('project.retros.noScores')}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}

import { Suspense, useId, useState, type KeyboardEvent } from 'react';
import type { ProjectSummary } from '@contract';
import { useFormat, useT } from '../../shared/i18n';
import { Loading } from '../../shared/components/Loading';
import { SECTIONS } from './sections';
import type { ProjectClient } from './page-context';

function initialSection(): string {
  const wanted = typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, '');
  return SECTIONS.some((s) => s.id === wanted) ? wanted : SECTIONS[0]!.id;
}

/**
 * The project's collaboration health: a left navigation over the sections listed in `sections.tsx`, one
 * shown at a time (tabs, keyboard: arrow keys, Home, End). The open section is kept in the URL fragment.
 */
export function ProjectPage(props: { overview: ProjectSummary; client: ProjectClient; refresh: () => void }) {
  const { overview } = props;
  const t = useT();
  const fmt = useFormat();
  const base = useId();
  const [current, setCurrent] = useState(initialSection);
  const { project, rollup } = overview;
  const active = SECTIONS.find((s) => s.id === current) ?? SECTIONS[0]!;
  const View = active.view;

  const select = (id: string, focus = false) => {
    setCurrent(id);
    if (typeof window !== 'undefined') window.history.replaceState(null, '', `#${id}`);
    if (focus) document.getElementById(`${base}-tab-${id}`)?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = SECTIONS.findIndex((s) => s.id === active.id);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: SECTIONS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(SECTIONS[(to + SECTIONS.length) % SECTIONS.length]!.id, true);
  };

  return (
    <main className="cx-app cx-page">
      <header>
        <h1 className="cx-title">
          {project.name} <span className="cx-muted">({project.key})</span>
        </h1>
        <p className="cx-subtitle">{t('page.subtitle')}</p>
      </header>
      <div className="cx-layout">
        <nav className="cx-nav" aria-label={t('project.nav.label')}>
          <div role="tablist" aria-orientation="vertical" onKeyDown={onKey}>
            {SECTIONS.map((s) => (
              <button
                key={s.id}
                id={`${base}-tab-${s.id}`}
                type="button"
                role="tab"
                className="cx-nav-item"
                aria-selected={s.id === active.id}
                aria-controls={`${base}-panel`}
                tabIndex={s.id === active.id ? 0 : -1}
                data-section={s.id}
                onClick={() => select(s.id)}
              >
                {t(s.label)}
              </button>
            ))}
          </div>
        </nav>
        <div
          id={`${base}-panel`}
          role="tabpanel"
          className="cx-layout-main"
          aria-labelledby={`${base}-tab-${active.id}`}
          data-section={active.id}
        >
          <Suspense fallback={<Loading />}>
            <View {...props} />
          </Suspense>
        </div>
      </div>
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
        {' · '}
        {overview.verifiedAt
          ? t.rich('page.figuresVerified', {
              time: (
                <time dateTime={overview.verifiedAt} title={fmt.dateTimeLong(overview.verifiedAt)}>
                  {fmt.dateTime(overview.verifiedAt)}
                </time>
              ),
            })
          : t('page.figuresNotVerified')}
      </p>
    </main>
  );
}

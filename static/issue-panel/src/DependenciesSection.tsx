import Lozenge from '@atlaskit/lozenge';
import type { DependencyView, IssuePanelView } from '@contract';
import { useFormat, useT } from '../../shared/i18n';
import { EmptyState } from '../../shared/components/EmptyState';
import { Section } from '../../shared/components/Section';
import { DependencyStatusLozenge } from '../../shared/components/StatusLozenge';
import { DateTime } from '../../shared/components/DateTime';
import { IssueLink } from './IssueLink';

/** Statuses in which the other side still owes something, so a need-by date can still be missed. */
const OPEN = new Set<DependencyView['status']>(['requested', 'acknowledged', 'countered', 'committed']);

function NeedBy({ dep, asOf }: { dep: DependencyView; asOf: string }) {
  const t = useT();
  const fmt = useFormat();
  if (!dep.needBy) return <>{t('common.noDate')}</>;
  const open = OPEN.has(dep.status);
  return (
    <>
      <time dateTime={dep.needBy}>{fmt.date(dep.needBy)}</time>
      {open && (
        <span className={fmt.daysUntil(dep.needBy, asOf) < 0 ? 'cx-danger-text' : undefined}>
          {' · '}
          {fmt.untilDate(dep.needBy, asOf)}
        </span>
      )}
    </>
  );
}

function ResponseDeadline({ dep, asOf }: { dep: DependencyView; asOf: string }) {
  const t = useT();
  const fmt = useFormat();
  if (!dep.responseDueAt) return null;
  const time = <DateTime iso={dep.responseDueAt} />;
  if (dep.late) {
    return (
      <p className="cx-late">
        <Lozenge appearance="removed">{t('panel.deps.lateResponse')}</Lozenge>
        <span>{t.rich('panel.deps.responseWasDue', { time })}</span>
      </p>
    );
  }
  // Only an unanswered request has a running response clock.
  if (dep.status !== 'requested') return null;
  return (
    <p className="cx-late">
      <span>
        {t.rich('panel.deps.responseDue', { time })} · {fmt.untilInstant(dep.responseDueAt, asOf)}
      </span>
    </p>
  );
}

function DependencyRow({ dep, asOf, siteUrl }: { dep: DependencyView; asOf: string; siteUrl: string | null }) {
  const t = useT();
  const { other } = dep;
  return (
    <li className="cx-row">
      <div className="cx-row-head">
        <p className="cx-row-title">
          {other ? (
            <>
              <IssueLink issueKey={other.key} summary={other.summary} siteUrl={siteUrl} /> {other.summary}
            </>
          ) : (
            <span className="cx-hidden-issue">{t('panel.deps.hiddenIssue')}</span>
          )}
        </p>
        <div className="cx-row-lozenges">
          <DependencyStatusLozenge status={dep.status} />
        </div>
      </div>
      <dl className="cx-facts">
        <div>
          <dt>{t('panel.deps.deliverable')}</dt>
          <dd>{dep.deliverable || <span className="cx-muted">{t('panel.deps.noDeliverable')}</span>}</dd>
        </div>
        <div>
          <dt>{t('panel.deps.needBy')}</dt>
          <dd>
            <NeedBy dep={dep} asOf={asOf} />
          </dd>
        </div>
      </dl>
      <ResponseDeadline dep={dep} asOf={asOf} />
    </li>
  );
}

function DependencyList(props: {
  title: string;
  empty: string;
  items: readonly DependencyView[];
  asOf: string;
  siteUrl: string | null;
}) {
  const { title, empty, items, asOf, siteUrl } = props;
  return (
    <Section title={title} level={3} aside={<span className="cx-count">{items.length}</span>}>
      {items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul className="cx-rows">
          {items.map((dep) => (
            <DependencyRow key={dep.id} dep={dep} asOf={asOf} siteUrl={siteUrl} />
          ))}
        </ul>
      )}
    </Section>
  );
}

export function DependenciesSection(props: {
  dependencies: IssuePanelView['dependencies'];
  asOf: string;
  siteUrl: string | null;
}) {
  const { dependencies, asOf, siteUrl } = props;
  const t = useT();
  return (
    <Section title={t('panel.deps.heading')}>
      <DependencyList
        title={t('panel.deps.upstream')}
        empty={t('panel.deps.emptyUpstream')}
        items={dependencies.upstream}
        asOf={asOf}
        siteUrl={siteUrl}
      />
      <DependencyList
        title={t('panel.deps.downstream')}
        empty={t('panel.deps.emptyDownstream')}
        items={dependencies.downstream}
        asOf={asOf}
        siteUrl={siteUrl}
      />
    </Section>
  );
}

import { lazy, Suspense, useState } from 'react';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import Button from '@atlaskit/button/default/button';
import type {
  ISSUE_PANEL_FUNCTIONS,
  DependencyActionName,
  DependencyHealthValue,
  DependencyView,
  IssuePanelView,
} from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { PersonChip } from '../../../shared/components/PersonChip';
import { DependencyActions, type RunAction } from './DependencyActions';
import { Loading } from '../../../shared/components/Loading';

// Loaded when the user opens it, so the panel's first load stays within its budget.
const AddDependencyForm = lazy(() => import('./AddDependencyForm').then((m) => ({ default: m.AddDependencyForm })));
import { EmptyState } from '../../../shared/components/EmptyState';
import { Section } from '../../../shared/components/Section';
import { DependencyStatusLozenge } from '../../../shared/components/StatusLozenge';
import { DateTime } from '../../../shared/components/DateTime';
import { IssueLink } from './IssueLink';
import { healthReasonText } from '../../../shared/dependency-reason';

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
  if (dep.approval.state !== 'none') return <ApprovalDeadline dep={dep} asOf={asOf} />;
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

/** The approval step (审批) of a delivery: due, late, or done (late or not), as the server judged it. */
function ApprovalDeadline({ dep, asOf }: { dep: DependencyView; asOf: string }) {
  const t = useT();
  const fmt = useFormat();
  const { state, dueAt, approvedAt } = dep.approval;
  if (!dueAt) return null;
  const time = <DateTime iso={dueAt} />;
  if (state === 'approved' && approvedAt)
    return <p>{t.rich('dependencies.approved', { time: <DateTime iso={approvedAt} /> })}</p>;
  if (state === 'late' || state === 'approvedLate')
    return (
      <p className="cx-late">
        <Lozenge appearance="removed">{t('dependencies.approvalLate')}</Lozenge>
        <span>
          {t.rich('dependencies.approvalWasDue', { time })}
          {approvedAt && <> · {t.rich('dependencies.approved', { time: <DateTime iso={approvedAt} /> })}</>}
        </span>
      </p>
    );
  return (
    <p className="cx-late">
      <span>
        {t.rich('dependencies.approvalDue', { time })} · {fmt.untilInstant(dueAt, asOf)}
      </span>
    </p>
  );
}

const HEALTH_APPEARANCE: Record<DependencyHealthValue, ThemeAppearance> = {
  onTrack: 'success',
  atRisk: 'moved',
  overdue: 'removed',
  blocked: 'removed',
  done: 'default',
};

function Departments({ dep }: { dep: DependencyView }) {
  const t = useT();
  const name = (d: DependencyView['requestingDept']) => departmentName(d, t.locale, t('dependencies.noDept'));
  return <>{t('dependencies.deptArrow', { from: name(dep.requestingDept), to: name(dep.providingDept) })}</>;
}

/** Why the health is what it is, the provider's answers and the delay warning: what a reader acts on. */
function Story({ dep }: { dep: DependencyView }) {
  const t = useT();
  const fmt = useFormat();
  const lines: string[] = [];
  const reason = healthReasonText(t, dep.healthReason, dep.healthDays);
  if (reason) lines.push(reason);
  if (dep.status === 'countered' && dep.proposedDate)
    lines.push(t('dependencies.proposed', { date: fmt.date(dep.proposedDate) }));
  if (dep.note)
    lines.push(t(dep.status === 'declined' ? 'dependencies.declineReason' : 'dependencies.note', { text: dep.note }));
  if (dep.delay.answeredAt)
    lines.push(t('dependencies.delayAnswered', { reason: dep.delay.reason, remedy: dep.delay.remedy }));
  else if (dep.delay.askedAt) lines.push(t('dependencies.delayAsked', { time: fmt.dateTime(dep.delay.askedAt) }));
  return (
    <>
      {lines.map((l) => (
        <p key={l} className="cx-dep-reason">
          {l}
        </p>
      ))}
    </>
  );
}

function DependencyRow({
  dep,
  asOf,
  siteUrl,
  run,
}: {
  dep: DependencyView;
  asOf: string;
  siteUrl: string | null;
  run?: RunAction | undefined;
}) {
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
          {dep.health !== 'done' && (
            <Lozenge appearance={HEALTH_APPEARANCE[dep.health]}>{t(`dependencies.health.${dep.health}`)}</Lozenge>
          )}
          {dep.urgency !== 'routine' && (
            <Lozenge appearance={dep.urgency === 'urgent' ? 'removed' : 'moved'}>
              {t(`escalations.urgency.${dep.urgency}`)}
            </Lozenge>
          )}
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
        <div>
          <dt>{t('dependencies.departments')}</dt>
          <dd>
            <Departments dep={dep} />
          </dd>
        </div>
        <div>
          <dt>{t('dependencies.owner')}</dt>
          <dd>
            {dep.owner ? (
              <PersonChip person={dep.owner} />
            ) : (
              <span className="cx-muted">{t('dependencies.noOwner')}</span>
            )}
          </dd>
        </div>
      </dl>
      <Story dep={dep} />
      <ResponseDeadline dep={dep} asOf={asOf} />
      {run && <DependencyActions dep={dep} otherKey={other?.key ?? dep.otherIssueId} run={run} />}
    </li>
  );
}

/** Rows shown at first and added per "Show more": a long list starts with what needs attention. */
export const DEPENDENCY_PAGE = 10;

const HEALTH_RANK: Record<DependencyHealthValue, number> = { blocked: 0, overdue: 1, atRisk: 2, onTrack: 3, done: 4 };

/** Worst health first, then the earliest need-by; dependencies without a need-by last within their health. */
export function byAttention(a: DependencyView, b: DependencyView): number {
  return (
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || (a.needBy ?? '9999-12-31').localeCompare(b.needBy ?? '9999-12-31')
  );
}

function DependencyList(props: {
  title: string;
  empty: string;
  items: readonly DependencyView[];
  /** How many there are in all; more than `items` when the server has more pages. */
  total: number;
  asOf: string;
  siteUrl: string | null;
  run?: RunAction | undefined;
  /** Fetches the next page from the server; null when every one is here. */
  loadMore: (() => Promise<string | null>) | null;
}) {
  const { title, empty, items, total, asOf, siteUrl, run, loadMore } = props;
  const t = useT();
  const [shown, setShown] = useState(DEPENDENCY_PAGE);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sorted = [...items].sort(byAttention);
  const more = Math.min(DEPENDENCY_PAGE, Math.max(total, sorted.length) - shown);
  const showMore = async () => {
    if (shown + DEPENDENCY_PAGE > sorted.length && loadMore) {
      setLoading(true);
      const problem = await loadMore();
      setLoading(false);
      setError(problem);
      if (problem) return;
    }
    setShown((n) => n + DEPENDENCY_PAGE);
  };
  return (
    <Section title={title} level={3} aside={<span className="cx-count">{Math.max(total, items.length)}</span>}>
      {items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <>
          <ul className="cx-rows">
            {sorted.slice(0, shown).map((dep) => (
              <DependencyRow key={dep.id} dep={dep} asOf={asOf} siteUrl={siteUrl} run={run} />
            ))}
          </ul>
          {error && <p className="cx-error-message">{error}</p>}
          {more > 0 && (
            <Button appearance="subtle" spacing="compact" isDisabled={loading} onClick={() => void showMore()}>
              {t('panel.deps.showMore', { n: more })}
            </Button>
          )}
        </>
      )}
    </Section>
  );
}

/**
 * Upstream (what this issue waits for) and downstream (who waits on it), with what the viewer may do on each,
 * and a form to add one. Answers replace the row they changed; the panel is not reloaded.
 */
export function DependenciesSection(props: {
  dependencies: IssuePanelView['dependencies'];
  asOf: string;
  siteUrl: string | null;
  /** The panel's resolver client; null in static renders (no bridge), which leaves actions out. */
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS> | null;
}) {
  const { asOf, siteUrl, client } = props;
  const t = useT();
  const [lists, setLists] = useState(props.dependencies);
  const [adding, setAdding] = useState(false);
  // Where the server's next page starts, each way: dependencies added here since do not move it.
  const [offsets, setOffsets] = useState({
    upstream: props.dependencies.upstream.length,
    downstream: props.dependencies.downstream.length,
  });
  const totals = props.dependencies.totals ?? {
    upstream: props.dependencies.upstream.length,
    downstream: props.dependencies.downstream.length,
  };
  const added = {
    upstream: lists.upstream.length - offsets.upstream,
    downstream: lists.downstream.length - offsets.downstream,
  };
  const loadMore = (direction: 'upstream' | 'downstream') =>
    client && offsets[direction] < totals[direction]
      ? async (): Promise<string | null> => {
          const r = await client.call('getIssueDependencies', { direction, offset: offsets[direction] });
          if (!r.ok) return r.error.message;
          setLists((l) => {
            const have = new Set(l[direction].map((d) => d.id));
            return { ...l, [direction]: [...l[direction], ...r.data.items.filter((d) => !have.has(d.id))] };
          });
          setOffsets((o) => ({ ...o, [direction]: r.data.nextOffset ?? r.data.total }));
          return null;
        }
      : null;

  const replace = (dep: DependencyView) => {
    const swap = (list: DependencyView[]) => list.map((d) => (d.id === dep.id ? dep : d));
    setLists((l) => ({ upstream: swap(l.upstream), downstream: swap(l.downstream) }));
  };

  const run: RunAction | undefined = client
    ? async (dep: DependencyView, action: DependencyActionName, extra) => {
        const r = await client.call('actOnDependency', {
          dependencyId: dep.id,
          action,
          version: dep.version,
          ...extra,
        });
        if (!r.ok) return r.error;
        replace(r.data.dependency);
        return null;
      }
    : undefined;

  return (
    <Section
      title={t('panel.deps.heading')}
      aside={
        client && !adding ? (
          <Button spacing="compact" onClick={() => setAdding(true)}>
            {t('dependencies.add')}
          </Button>
        ) : undefined
      }
    >
      {client && adding && (
        <Suspense fallback={<Loading />}>
          <AddDependencyForm
            today={asOf.slice(0, 10)}
            search={(query) => client.call('searchIssuesForDependency', { query })}
            onClose={() => setAdding(false)}
            create={async (input) => {
              const r = await client.call('createDependency', input);
              if (!r.ok) return r.error;
              setLists((l) =>
                input.direction === 'upstream'
                  ? { ...l, upstream: [...l.upstream, r.data.dependency] }
                  : { ...l, downstream: [...l.downstream, r.data.dependency] },
              );
              setAdding(false);
              return null;
            }}
          />
        </Suspense>
      )}
      <DependencyList
        title={t('panel.deps.upstream')}
        empty={t('panel.deps.emptyUpstream')}
        items={lists.upstream}
        total={totals.upstream + added.upstream}
        asOf={asOf}
        siteUrl={siteUrl}
        run={run}
        loadMore={loadMore('upstream')}
      />
      <DependencyList
        title={t('panel.deps.downstream')}
        empty={t('panel.deps.emptyDownstream')}
        items={lists.downstream}
        total={totals.downstream + added.downstream}
        asOf={asOf}
        siteUrl={siteUrl}
        run={run}
        loadMore={loadMore('downstream')}
      />
    </Section>
  );
}

import { lazy, Suspense, useEffect, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { DependencyView, ISSUE_PANEL_FUNCTIONS, IssueEscalations, Person } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { Section } from '../../../shared/components/Section';
import { EscalationCard } from './EscalationCard';
import { Loading } from '../../../shared/components/Loading';

// Loaded when the user opens it, so the panel's first load stays within its budget.
const RaiseEscalationForm = lazy(() =>
  import('./RaiseEscalationForm').then((m) => ({ default: m.RaiseEscalationForm })),
);
import './escalations.css';

/**
 * Escalations of the issue: raise one (问题申请单), act on it as the holder of its level, and read its timeline.
 * Everything comes with the panel's one invocation; a raise or an action answers with the section anew.
 */
export function EscalationsSection(props: {
  section: IssueEscalations;
  lateDependencies?: readonly DependencyView[];
  /** People on the issue (its RACI), to name an urgent escalation's temporary owner from. */
  people?: readonly Person[];
  /** The panel's resolver client; null in static renders (no bridge): raising and acting are left out. */
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS> | null;
}) {
  const { lateDependencies = [], people = [], client } = props;
  const t = useT();
  const [detail, setDetail] = useState<IssueEscalations>(props.section);
  const [raising, setRaising] = useState(false);
  // A reload of the whole panel brings a newer section.
  useEffect(() => setDetail(props.section), [props.section]);

  const canRaise = !!client && detail.canRaise && detail.departments.length > 0;
  return (
    <Section
      title={t('panel.esc.heading')}
      aside={
        canRaise && !raising ? (
          <Button appearance="default" spacing="compact" onClick={() => setRaising(true)}>
            {t('escalations.raise')}
          </Button>
        ) : undefined
      }
    >
      {detail.departments.length === 0 && <p className="cx-muted">{t('escalations.noDepartments')}</p>}
      {raising && client && (
        <Suspense fallback={<Loading />}>
          <RaiseEscalationForm
            departments={detail.departments}
            lateDependencies={lateDependencies}
            people={people}
            onCancel={() => setRaising(false)}
            onSubmit={async (input) => {
              const r = await client.call('raiseEscalation', input as never);
              if (!r.ok) return r.error;
              setDetail(r.data);
              setRaising(false);
              return null;
            }}
          />
        </Suspense>
      )}
      {detail.escalations.length === 0 ? (
        <EmptyState>{t('panel.esc.empty')}</EmptyState>
      ) : (
        <ul className="cx-rows">
          {detail.escalations.map((esc) => (
            <EscalationCard
              key={esc.id}
              esc={client ? esc : { ...esc, actions: [] }}
              asOf={detail.asOf}
              onAct={async (action, text) => {
                if (!client) return null;
                const r = await client.call('actOnEscalation', { id: esc.id, action, text, version: esc.version });
                if (!r.ok) return r.error;
                setDetail(r.data);
                return null;
              }}
              loadTimeline={async () => {
                if (!client) return { ok: true, events: [] };
                const r = await client.call('getEscalationTimeline', { id: esc.id });
                return r.ok ? { ok: true, events: r.data.events } : { ok: false, error: r.error };
              }}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}

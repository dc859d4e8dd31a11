import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { DependencyView, EscalationSummary, ISSUE_PANEL_FUNCTIONS, IssueEscalations } from '@contract';
import type { BridgeClient } from '../../shared/bridge-client';
import { useT } from '../../shared/i18n';
import { DateTime } from '../../shared/components/DateTime';
import { EmptyState } from '../../shared/components/EmptyState';
import { Section } from '../../shared/components/Section';
import { Due, EscalationCard, EscalationHead } from './escalations/EscalationCard';
import { RaiseEscalationForm } from './escalations/RaiseEscalationForm';
import './escalations/escalations.css';

/** The first paint, from the panel's own view, before the escalation details arrive. */
function EscalationRow({ esc, asOf }: { esc: EscalationSummary; asOf: string }) {
  const t = useT();
  const open = esc.status === 'open' || esc.status === 'acknowledged';
  return (
    <li className="cx-row">
      <EscalationHead esc={esc} />
      <dl className="cx-facts">
        <div>
          <dt>{t('panel.esc.raised')}</dt>
          <dd>
            <DateTime iso={esc.raisedAt} />
          </dd>
        </div>
        {open && <Due iso={esc.dueAt} asOf={asOf} />}
      </dl>
    </li>
  );
}

/**
 * Escalations of the issue: raise one (问题申请单), act on it as the holder of its level, and read its timeline.
 * Shows the panel's summaries at once, then the details with what the viewer may do.
 */
export function EscalationsSection(props: {
  escalations: readonly EscalationSummary[];
  asOf: string;
  lateDependencies?: readonly DependencyView[];
  /** The panel's resolver client. */
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS>;
}) {
  const { escalations, asOf, lateDependencies = [], client } = props;
  const t = useT();
  const [detail, setDetail] = useState<IssueEscalations | null>(null);
  const [raising, setRaising] = useState(false);

  useEffect(() => {
    let current = true;
    void client.call('getIssueEscalations', {}).then((r) => {
      if (current && r.ok) setDetail(r.data);
    });
    return () => {
      current = false;
    };
  }, [client]);

  const canRaise = !!detail?.canRaise && detail.departments.length > 0;
  const list = detail?.escalations;
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
      {detail && detail.departments.length === 0 && <p className="cx-muted">{t('escalations.noDepartments')}</p>}
      {raising && detail && (
        <RaiseEscalationForm
          departments={detail.departments}
          lateDependencies={lateDependencies}
          onCancel={() => setRaising(false)}
          onSubmit={async (input) => {
            const r = await client.call('raiseEscalation', input as never);
            if (!r.ok) return r.error;
            setDetail(r.data);
            setRaising(false);
            return null;
          }}
        />
      )}
      {(list ?? escalations).length === 0 ? (
        <EmptyState>{t('panel.esc.empty')}</EmptyState>
      ) : list ? (
        <ul className="cx-rows">
          {list.map((esc) => (
            <EscalationCard
              key={esc.id}
              esc={esc}
              asOf={detail.asOf}
              onAct={async (action, text) => {
                const r = await client.call('actOnEscalation', { id: esc.id, action, text, version: esc.version });
                if (!r.ok) return r.error;
                setDetail(r.data);
                return null;
              }}
              loadTimeline={async () => {
                const r = await client.call('getEscalationTimeline', { id: esc.id });
                return r.ok ? { ok: true, events: r.data.events } : { ok: false, error: r.error };
              }}
            />
          ))}
        </ul>
      ) : (
        <ul className="cx-rows">
          {escalations.map((esc) => (
            <EscalationRow key={esc.id} esc={esc} asOf={asOf} />
          ))}
        </ul>
      )}
    </Section>
  );
}

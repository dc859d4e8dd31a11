import { lazy, Suspense, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import type { AppErrorBody, AuditEventView, EscalationAction, EscalationView } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT, type MessageKey } from '../../../shared/i18n';
import { ErrorNotice } from '../../../shared/ui/notice';
import { useSave } from '../../../shared/ui/save';
import { DateTime } from '../../../shared/components/DateTime';
import { PersonChip } from '../../../shared/components/PersonChip';
import { EscalationLevelLozenge, EscalationStatusLozenge } from '../../../shared/components/StatusLozenge';

// Loaded when the user opens a timeline, so the panel's first load stays within its budget.
const EscalationTimeline = lazy(() => import('./EscalationTimeline').then((m) => ({ default: m.EscalationTimeline })));

/** Actions that put words on the record; `true` where the words are required. */
const TEXT_ACTIONS: Partial<Record<EscalationAction, boolean>> = {
  resolve: true,
  reject: true,
  decide: true,
  climb: false,
  withdraw: false,
};

export interface CardProps {
  esc: EscalationView;
  asOf: string;
  onAct(action: EscalationAction, text: string): Promise<AppErrorBody | null>;
  loadTimeline(): Promise<{ ok: true; events: AuditEventView[] } | { ok: false; error: AppErrorBody }>;
}

function Outcome({ esc }: { esc: EscalationView }) {
  const t = useT();
  if (!esc.outcome) return null;
  const label: MessageKey = esc.binding
    ? 'escalations.outcome.decision'
    : esc.status === 'rejected'
      ? 'escalations.outcome.rejected'
      : esc.status === 'withdrawn'
        ? 'escalations.outcome.withdrawn'
        : 'escalations.outcome.resolved';
  return (
    <div className={esc.binding ? 'cx-esc-outcome cx-esc-binding' : 'cx-esc-outcome'}>
      <span className="cx-label">{t(label)}</span>
      <p>{esc.outcome}</p>
    </div>
  );
}

/** Level and state lozenges, then the one-line summary: the top of every escalation row. */
function EscalationHead({
  esc,
  extra,
}: {
  esc: Pick<EscalationView, 'level' | 'status' | 'summary'>;
  extra?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <div className="cx-row-head">
        <div className="cx-row-lozenges cx-row-lozenges-start">
          <EscalationLevelLozenge level={esc.level} />
          {extra}
        </div>
        <div className="cx-row-lozenges">
          <EscalationStatusLozenge status={esc.status} />
        </div>
      </div>
      <p className="cx-row-title">{esc.summary || <span className="cx-muted">{t('panel.esc.noSummary')}</span>}</p>
    </>
  );
}

/** A deadline in the viewer's time zone with how far it is, red once passed. */
function Due({ iso, asOf }: { iso: string; asOf: string }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div>
      <dt>{t('panel.esc.due')}</dt>
      <dd>
        <DateTime iso={iso} />
        <span className={Date.parse(iso) < Date.parse(asOf) ? 'cx-danger-text' : undefined}>
          {' · '}
          {fmt.untilInstant(iso, asOf)}
        </span>
      </dd>
    </div>
  );
}

export function EscalationCard({ esc, asOf, onAct, loadTimeline }: CardProps) {
  const t = useT();
  const [pending, setPending] = useState<EscalationAction | null>(null);
  const [text, setText] = useState('');
  const acting = useSave();
  const { busy, error } = acting;
  const [timeline, setTimeline] = useState<AuditEventView[] | null>(null);
  const [timelineOpen, setTimelineOpen] = useState(false);
  const dept = esc.departmentAsked ? departmentName(esc.departmentAsked, t.locale) : null;

  async function act(action: EscalationAction, words: string) {
    const failure = await acting.submit(() => onAct(action, words));
    if (!failure) {
      setPending(null);
      setText('');
      setTimeline(null);
      setTimelineOpen(false);
    }
  }

  async function toggleTimeline() {
    if (timelineOpen) return setTimelineOpen(false);
    setTimelineOpen(true);
    const r = await loadTimeline();
    if (r.ok) setTimeline(r.events);
    else acting.fail(r.error);
  }

  return (
    <li className="cx-row cx-esc" data-escalation={esc.id}>
      <EscalationHead
        esc={esc}
        extra={
          <>
            {esc.urgency !== 'routine' && (
              <Lozenge appearance={esc.urgency === 'urgent' ? 'removed' : 'moved'}>
                {t(`escalations.urgency.${esc.urgency}`)}
              </Lozenge>
            )}
            {esc.binding && <Lozenge appearance="success">{t('escalations.binding')}</Lozenge>}
            {esc.breached && <Lozenge appearance="removed">{t('escalations.breached')}</Lozenge>}
          </>
        }
      />
      <dl className="cx-facts">
        {dept && (
          <div>
            <dt>{t('escalations.askedOf')}</dt>
            <dd>{dept}</dd>
          </div>
        )}
        <div>
          <dt>{t('escalations.raisedBy')}</dt>
          <dd>
            {esc.raisedBy ? esc.raisedBy.displayName : t('escalations.webRequest')} · <DateTime iso={esc.raisedAt} />
          </dd>
        </div>
        {esc.dueAt && <Due iso={esc.dueAt} asOf={asOf} />}
        {esc.decisionDueAt && (esc.status === 'open' || esc.status === 'acknowledged') && (
          <div>
            <dt>{t('escalations.urgency')}</dt>
            <dd>
              {t(`escalations.urgency.${esc.urgency}`)} ·{' '}
              {t.rich('escalations.decisionDue', { time: <DateTime iso={esc.decisionDueAt} /> })}
            </dd>
          </div>
        )}
        {esc.temporaryOwner && (
          <div>
            <dt>{t('escalations.temporaryOwner')}</dt>
            <dd>
              <PersonChip person={esc.temporaryOwner} />
            </dd>
          </div>
        )}
      </dl>
      {esc.status === 'open' || esc.status === 'acknowledged' ? (
        <div className="cx-esc-holders">
          <span className="cx-label">{t('escalations.holders')}</span>
          {esc.holders.length ? (
            <ul className="cx-inline-list">
              {esc.holders.map((p) => (
                <li key={p.accountId}>
                  <PersonChip person={p} />
                </li>
              ))}
            </ul>
          ) : (
            <span className="cx-muted">{t('escalations.noHolders')}</span>
          )}
        </div>
      ) : null}
      <details className="cx-esc-details">
        <summary>{t('escalations.details')}</summary>
        <p className="cx-esc-description">{esc.description}</p>
        <dl className="cx-facts">
          {esc.impact && (
            <div>
              <dt>{t('escalations.impact')}</dt>
              <dd>{esc.impact}</dd>
            </div>
          )}
          {esc.supportNeeded && (
            <div>
              <dt>{t('escalations.support')}</dt>
              <dd>{esc.supportNeeded}</dd>
            </div>
          )}
          {esc.requestedDeadline && (
            <div>
              <dt>{t('escalations.requestedBy')}</dt>
              <dd>
                <DateTime iso={esc.requestedDeadline} />
              </dd>
            </div>
          )}
        </dl>
      </details>
      <Outcome esc={esc} />
      <ErrorNotice error={error} />
      {pending ? (
        <div className="cx-inline-form">
          <label className="cx-field">
            <span className="cx-label">{t(`escalations.text.${pending}` as MessageKey)}</span>
            <textarea
              className="cx-input"
              rows={2}
              value={text}
              onChange={(e) => setText(e.target.value)}
              required={TEXT_ACTIONS[pending]}
              // biome-ignore lint/a11y/noAutofocus: the user just chose an action that needs a text; focus moves into the inline form they opened, as keyboard users expect.
              autoFocus
            />
          </label>
          <div className="cx-action-bar">
            <Button
              appearance="primary"
              isDisabled={busy || (TEXT_ACTIONS[pending] && !text.trim())}
              onClick={() => void act(pending, text)}
            >
              {t('escalations.confirm')}
            </Button>
            <Button appearance="subtle" isDisabled={busy} onClick={() => setPending(null)}>
              {t('escalations.form.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        esc.actions.length > 0 && (
          <div className="cx-action-bar">
            {esc.actions.map((a) => (
              <Button
                key={a}
                appearance={a === 'decide' || a === 'acknowledge' ? 'primary' : 'default'}
                isDisabled={busy}
                onClick={() => (a in TEXT_ACTIONS ? setPending(a) : void act(a, ''))}
              >
                {t(`escalations.action.${a}`)}
              </Button>
            ))}
          </div>
        )
      )}
      <div className="cx-esc-timeline-toggle">
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={timelineOpen}
          onClick={() => void toggleTimeline()}
        >
          {t(timelineOpen ? 'escalations.timeline.hide' : 'escalations.timeline.show')}
        </Button>
      </div>
      {timelineOpen && timeline && (
        <Suspense fallback={null}>
          <EscalationTimeline events={timeline} />
        </Suspense>
      )}
    </li>
  );
}

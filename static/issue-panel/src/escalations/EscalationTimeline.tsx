import type { AuditEventView } from '@contract';
import { useT, type MessageKey } from '../../../shared/i18n';
import { DateTime } from '../../../shared/components/DateTime';
import { PersonChip } from '../../../shared/components/PersonChip';

const SOURCES = ['panel', 'dependency', 'automation', 'webtrigger'] as const;

/** The escalation's record, oldest first: who did what, when, and who was told. Append-only on the server. */
export function EscalationTimeline({ events }: { events: readonly AuditEventView[] }) {
  const t = useT();
  return (
    <ol className="cx-esc-timeline" aria-label={t('escalations.timeline.title')}>
      {events.map((e, i) => {
        const byDeadline = e.kind === 'escalation.climbed' && e.source === 'deadline';
        const key = (
          byDeadline ? 'escalations.event.escalation.climbedDeadline' : `escalations.event.${e.kind}`
        ) as MessageKey;
        const source = SOURCES.find((s) => s === e.source);
        const params = {
          from: e.fromLevel ?? '',
          to: e.toLevel ?? '',
          source: source ? t(`escalations.source.${source}`) : (e.source ?? ''),
        };
        const platform =
          !e.actor && e.kind !== 'escalation.notified' && !byDeadline && e.kind !== 'escalation.breached';
        return (
          <li key={`${e.at}-${i}`} className={`cx-esc-event cx-esc-event-${e.kind.split('.')[1]}`}>
            <DateTime iso={e.at} />
            <div className="cx-esc-event-body">
              {e.actor && <PersonChip person={e.actor} />}
              {platform && (
                <span className="cx-muted">
                  {e.source === 'webtrigger'
                    ? t('escalations.webRequest')
                    : e.source === 'automation'
                      ? t('escalations.source.automation')
                      : t('escalations.timeline.platform')}
                </span>
              )}
              <span> {t(key, params)}</span>
              {e.notified && (
                <ul className="cx-inline-list">
                  {e.notified.map((p) => (
                    <li key={p.accountId}>
                      <PersonChip person={p} />
                    </li>
                  ))}
                </ul>
              )}
              {e.text && <q className="cx-esc-quote">{e.text}</q>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

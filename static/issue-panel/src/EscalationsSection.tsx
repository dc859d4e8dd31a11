import type { EscalationSummary } from '@contract';
import { useFormat, useT } from '../../shared/i18n';
import { DateTime } from '../../shared/components/DateTime';
import { EmptyState } from '../../shared/components/EmptyState';
import { Section } from '../../shared/components/Section';
import { EscalationLevelLozenge, EscalationStatusLozenge } from '../../shared/components/StatusLozenge';

function EscalationRow({ esc, asOf }: { esc: EscalationSummary; asOf: string }) {
  const t = useT();
  const fmt = useFormat();
  const open = esc.status === 'open' || esc.status === 'acknowledged';
  const overdue = open && Date.parse(esc.dueAt) < Date.parse(asOf);
  return (
    <li className="cx-row">
      <div className="cx-row-head">
        <div className="cx-row-lozenges cx-row-lozenges-start">
          <EscalationLevelLozenge level={esc.level} />
        </div>
        <div className="cx-row-lozenges">
          <EscalationStatusLozenge status={esc.status} />
        </div>
      </div>
      <p className="cx-row-title">{esc.summary || <span className="cx-muted">{t('panel.esc.noSummary')}</span>}</p>
      <dl className="cx-facts">
        <div>
          <dt>{t('panel.esc.raised')}</dt>
          <dd>
            <DateTime iso={esc.raisedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('panel.esc.due')}</dt>
          <dd>
            <DateTime iso={esc.dueAt} />
            {open && (
              <span className={overdue ? 'cx-danger-text' : undefined}>
                {' · '}
                {fmt.untilInstant(esc.dueAt, asOf)}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}

export function EscalationsSection({ escalations, asOf }: { escalations: readonly EscalationSummary[]; asOf: string }) {
  const t = useT();
  return (
    <Section title={t('panel.esc.heading')}>
      {escalations.length === 0 ? (
        <EmptyState>{t('panel.esc.empty')}</EmptyState>
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

import {
  LIMIT_UNITS,
  URGENCY_TIERS,
  URGENT_UNIT_NAME,
  type AppErrorBody,
  type EscalationTiers,
  type LimitUnit,
} from '@contract';
import { useT } from '../../../shared/i18n';

type Translate = ReturnType<typeof useT>;

/**
 * The first share that is not a whole number of hours from 1 to 720, as an error naming the field as the page
 * shows it ("Urgent · Level 2 (hours)"), so the admin sees what to fix before anything is sent.
 */
export function tierProblem(tiers: EscalationTiers, t: Translate): AppErrorBody | null {
  for (const tier of URGENCY_TIERS) {
    for (const [i, h] of tiers[tier].levelHours.entries()) {
      if (Number.isInteger(h) && h >= 1 && h <= 720) continue;
      const field = `${t(`escalations.urgency.${tier}`)} · ${t('escalations.ladder.levelHours', { level: i + 1 })}`;
      return {
        code: 'VALIDATION',
        message: t('escalations.limits.bad', { field }),
        field: `tiers.${tier}.levelHours.${i}`,
      };
    }
  }
  return null;
}

/** Per urgency tier: the unit and each level's share of the end-to-end limit, with the total. */
export function TierLimits(props: {
  tiers: EscalationTiers;
  disabled: boolean;
  fieldError: (path: string) => string | undefined;
  onChange: (tiers: EscalationTiers) => void;
}) {
  const t = useT();
  const { tiers } = props;
  const set = (tier: (typeof URGENCY_TIERS)[number], patch: Partial<EscalationTiers['routine']>) =>
    props.onChange({ ...tiers, [tier]: { ...tiers[tier], ...patch } });
  return (
    <>
      <h2 className="cx-heading-3">{t('escalations.ladder.tiers')}</h2>
      <p className="cx-help">{t('escalations.ladder.tiersHelp')}</p>
      {URGENCY_TIERS.map((tier) => {
        const tl = tiers[tier];
        const total = tl.levelHours.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
        return (
          <fieldset key={tier} className="cx-form-grid" disabled={props.disabled} data-tier={tier}>
            <legend className="cx-label">
              {t(`escalations.urgency.${tier}`)} · {t('escalations.ladder.total', { n: total })}
            </legend>
            <label className="cx-field">
              <span className="cx-label">{t('escalations.ladder.unit')}</span>
              <select
                className="cx-input"
                value={tl.unit}
                disabled={tier === 'urgent'}
                onChange={(e) => set(tier, { unit: e.target.value as LimitUnit })}
              >
                {(tier === 'urgent' ? ([URGENT_UNIT_NAME] as const) : LIMIT_UNITS).map((u: LimitUnit) => (
                  <option key={u} value={u}>
                    {t(`escalations.unit.${u}`)}
                  </option>
                ))}
              </select>
              {tier === 'urgent' && <span className="cx-help">{t('escalations.ladder.urgentClock')}</span>}
            </label>
            {tl.levelHours.map((h, i) => (
              <label className="cx-field" key={i}>
                <span className="cx-label">{t('escalations.ladder.levelHours', { level: i + 1 })}</span>
                <input
                  className="cx-input"
                  type="number"
                  min={1}
                  max={720}
                  value={Number.isFinite(h) ? h : ''}
                  aria-invalid={props.fieldError(`tiers.${tier}.levelHours.${i}`) ? true : undefined}
                  onChange={(e) => {
                    const levelHours = [...tl.levelHours] as EscalationTiers['routine']['levelHours'];
                    levelHours[i] = e.target.value === '' ? Number.NaN : Number(e.target.value);
                    set(tier, { levelHours });
                  }}
                />
              </label>
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

import {
  LIMIT_UNITS,
  URGENCY_TIERS,
  URGENT_UNIT_NAME,
  type DependencyLimits,
  type Limit,
  type LimitUnit,
} from '@contract';
import { useT } from '../../../shared/i18n';

type Translate = ReturnType<typeof useT>;
const STEPS = ['response', 'approval'] as const;
const stepLabel = (step: (typeof STEPS)[number], t: Translate) =>
  t(step === 'response' ? 'escalations.admin.response' : 'escalations.admin.approval');

/**
 * The first amount that is not a whole number of hours from 1 to 720, as a message naming the field as the page
 * shows it ("Approve a delivery, Urgent (hours)"), so nothing half-valid is sent.
 */
export function limitsProblem(limits: DependencyLimits, t: Translate): string | null {
  for (const step of STEPS)
    for (const tier of URGENCY_TIERS) {
      const { amount } = limits[step][tier];
      if (Number.isInteger(amount) && amount >= 1 && amount <= 720) continue;
      const field = t('escalations.admin.amount', { what: stepLabel(step, t), tier: t(`escalations.urgency.${tier}`) });
      return t('escalations.limits.bad', { field });
    }
  return null;
}

/** Answer and approval limits per urgency tier: a number of hours and the unit they count in. */
export function DependencyLimitsFields(props: {
  limits: DependencyLimits;
  disabled: boolean;
  onChange: (limits: DependencyLimits) => void;
}) {
  const t = useT();
  const { limits } = props;
  const set = (step: (typeof STEPS)[number], tier: (typeof URGENCY_TIERS)[number], patch: Partial<Limit>) =>
    props.onChange({ ...limits, [step]: { ...limits[step], [tier]: { ...limits[step][tier], ...patch } } });
  return (
    <>
      <h3 className="cx-heading-3">{t('escalations.admin.limits')}</h3>
      <p className="cx-meta">{t('escalations.admin.limitsHelp')}</p>
      {STEPS.map((step) => (
        <fieldset key={step} className="cx-form-grid" disabled={props.disabled} data-limits={step}>
          <legend className="cx-label">{stepLabel(step, t)}</legend>
          {URGENCY_TIERS.map((tier) => {
            const l = limits[step][tier];
            const words = { what: stepLabel(step, t), tier: t(`escalations.urgency.${tier}`) };
            return (
              <div className="cx-field" key={tier}>
                <label className="cx-field">
                  <span className="cx-label">{t('escalations.admin.amount', words)}</span>
                  <input
                    className="cx-input"
                    type="number"
                    min={1}
                    max={720}
                    value={Number.isFinite(l.amount) ? l.amount : ''}
                    onChange={(e) =>
                      set(step, tier, { amount: e.target.value === '' ? Number.NaN : Number(e.target.value) })
                    }
                  />
                </label>
                <label className="cx-field">
                  <span className="cx-label">{t('escalations.admin.unitOf', words)}</span>
                  <select
                    className="cx-input"
                    value={l.unit}
                    disabled={tier === 'urgent'}
                    onChange={(e) => set(step, tier, { unit: e.target.value as LimitUnit })}
                  >
                    {(tier === 'urgent' ? ([URGENT_UNIT_NAME] as const) : LIMIT_UNITS).map((u: LimitUnit) => (
                      <option key={u} value={u}>
                        {t(`escalations.unit.${u}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import type { DependencyStatus, EscalationView } from '@contract';
import { useT } from '../i18n';

type EscalationStatus = EscalationView['status'];

const DEPENDENCY_APPEARANCE: Record<DependencyStatus, ThemeAppearance> = {
  requested: 'new',
  acknowledged: 'inprogress',
  declined: 'removed',
  countered: 'moved',
  committed: 'inprogress',
  delivered: 'success',
  cancelled: 'default',
};

const ESCALATION_APPEARANCE: Record<EscalationStatus, ThemeAppearance> = {
  open: 'moved',
  acknowledged: 'inprogress',
  resolved: 'success',
  rejected: 'removed',
  withdrawn: 'default',
};

/** Higher levels look more urgent: the ladder ends with the PMO. */
const LEVEL_APPEARANCE: Record<1 | 2 | 3, ThemeAppearance> = { 1: 'default', 2: 'moved', 3: 'removed' };

export function DependencyStatusLozenge({ status }: { status: DependencyStatus }) {
  const t = useT();
  return <Lozenge appearance={DEPENDENCY_APPEARANCE[status]}>{t(`dependency.status.${status}`)}</Lozenge>;
}

export function EscalationStatusLozenge({ status }: { status: EscalationStatus }) {
  const t = useT();
  return <Lozenge appearance={ESCALATION_APPEARANCE[status]}>{t(`escalation.status.${status}`)}</Lozenge>;
}

export function EscalationLevelLozenge({ level }: { level: number }) {
  const t = useT();
  const lvl = Math.min(Math.max(Math.round(level), 1), 3) as 1 | 2 | 3;
  const name = t(`escalation.level.${lvl}`);
  const full = t('escalation.levelFull', { n: lvl, name });
  // The lozenge shows the short form; assistive technology reads the full one.
  return (
    <span title={full}>
      <Lozenge appearance={LEVEL_APPEARANCE[lvl]} maxWidth="100%">
        <span aria-hidden="true">{t('escalation.levelLabel', { n: lvl, name })}</span>
        <span className="cx-visually-hidden">{full}</span>
      </Lozenge>
    </span>
  );
}

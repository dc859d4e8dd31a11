import Lozenge from '@atlaskit/lozenge';
import type { Health, MilestoneHealth } from '@contract';
import { useT, type Translator } from '../../../shared/i18n';
import type { Formatter } from '../../../shared/format';

const HEALTH_APPEARANCE = {
  released: 'success',
  'on-track': 'success',
  'at-risk': 'moved',
  'off-track': 'removed',
  'no-issues': 'default',
} as const;

export function HealthLozenge({ health }: { health: Health }) {
  const t = useT();
  return <Lozenge appearance={HEALTH_APPEARANCE[health]}>{t(`project.ms.health.${health}`)}</Lozenge>;
}

/** One reason a milestone's health is what it is, with its number in the right plural form. */
export function milestoneReason(t: Translator, fmt: Formatter, r: MilestoneHealth['reasons'][number]): string {
  return t.plural(`project.ms.reason.${r.code}`, r.n, { n: fmt.number(r.n) });
}

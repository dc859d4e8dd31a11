import Lozenge from '@atlaskit/lozenge';
import type { Health } from '@contract';
import { useT } from '../../shared/i18n';

const HEALTH_APPEARANCE = { released: 'success', 'on-track': 'success', 'at-risk': 'moved', 'off-track': 'removed', 'no-issues': 'default' } as const;

export function HealthLozenge({ health }: { health: Health }) {
  const t = useT();
  return <Lozenge appearance={HEALTH_APPEARANCE[health]}>{t(`project.ms.health.${health}`)}</Lozenge>;
}

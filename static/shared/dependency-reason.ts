import type { DEPENDENCY_HEALTH_REASONS } from '@contract';
import type { Translator } from './translator';

type Reason = (typeof DEPENDENCY_HEALTH_REASONS)[number];

/** Reasons that come with a count of the providing department's working days. */
const COUNTED = new Set<Reason>(['needByPassed', 'upstreamDueAfterNeedBy', 'upstreamPastDue', 'counterAfterNeedBy']);

/**
 * Why a dependency's health is what it is, in words; null when there is nothing to say (on track, closed).
 * Day counts are working days of the providing department, so over a holiday or a weekend the count can be 0:
 * then the sentence says so instead of "0 working days".
 */
export function healthReasonText(t: Translator, reason: Reason, days: number): string | null {
  if (reason === 'none' || reason === 'closed') return null;
  if (!COUNTED.has(reason))
    return t(`dependencies.reason.${reason as 'declined' | 'responseLate' | 'upstreamBlocked'}`);
  const key = reason as 'needByPassed' | 'upstreamDueAfterNeedBy' | 'upstreamPastDue' | 'counterAfterNeedBy';
  return days > 0 ? t.plural(`dependencies.reason.${key}`, days) : t(`dependencies.reason.${key}.none`);
}

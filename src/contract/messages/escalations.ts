import type { Locale } from '../locale';

/** Error and notification messages: Escalations, calendars, the audit trail (issue 5). */
export const ESCALATION_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;

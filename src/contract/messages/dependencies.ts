import type { Locale } from '../locale';

/** Error and notification messages: Cross-department dependencies (issue 4). */
export const DEPENDENCY_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;

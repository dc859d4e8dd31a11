import type { Locale } from '../locale';

/** Error and notification messages: RACI roles, departments on the panel, scenario templates, the RACI matrix (issue 3). */
export const RACI_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;

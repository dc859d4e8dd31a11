import type { Locale } from '../locale';

/** Error and notification messages: The project page: charter, milestones, risks, retrospectives, figures (issue 6). */
export const PROJECT_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;

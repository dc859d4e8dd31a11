/**
 * The resolver functions of escalations, calendars and the audit trail (issue 5), per surface. `functions.ts` merges them into the surface tables.
 */
export const ESCALATION_PANEL_FUNCTIONS = {} as const;

export const ESCALATION_PROJECT_FUNCTIONS = {} as const;

/**
 * The resolver functions of the project page: charter, milestones, risks, retrospectives, figures (issue 6), per surface. `functions.ts` merges them into the surface tables.
 */
export const PROJECT_PANEL_FUNCTIONS = {} as const;

export const PROJECT_PROJECT_FUNCTIONS = {} as const;

/**
 * The resolver functions of cross-department dependencies (issue 4), per surface. `functions.ts` merges them into the surface tables.
 */
export const DEPENDENCY_PANEL_FUNCTIONS = {} as const;

export const DEPENDENCY_PROJECT_FUNCTIONS = {} as const;

/**
 * The resolver functions of RACI roles, departments, scenario templates and the RACI matrix (issue 3), per surface. `functions.ts` merges them into the surface tables.
 */
export const RACI_PANEL_FUNCTIONS = {} as const;

export const RACI_PROJECT_FUNCTIONS = {} as const;

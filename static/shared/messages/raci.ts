/** UI strings: RACI roles, departments on the panel, scenario templates, the RACI matrix (issue 3). English defines the keys; Chinese must have exactly the same ones. */
export const en = {
} as const;

export const zh: { readonly [K in keyof typeof en]: string } = {
};

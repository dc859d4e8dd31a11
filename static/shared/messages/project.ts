/** UI strings: The project page: charter, milestones, risks, retrospectives, figures (issue 6). English defines the keys; Chinese must have exactly the same ones. */
export const en = {
  'project.nav.label': 'Project sections',
} as const;

export const zh: { readonly [K in keyof typeof en]: string } = {
  'project.nav.label': '项目页面分区',
};

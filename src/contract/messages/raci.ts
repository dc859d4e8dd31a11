import type { Locale } from '../locale';

/** Error and notification messages: RACI roles, departments on the panel, scenario templates, the RACI matrix (issue 3). */
export const RACI_MESSAGES = {
  'raci.validation.twoAccountables': {
    en: 'An issue has exactly one Accountable, but {count} were given ({names}). Keep one and make the others Responsible or Consulted.',
    zh: '每个工作项只能有一位 Accountable（审批人），但提交了 {count} 位（{names}）。请保留一位，其余改为执行人（Responsible）或咨询人（Consulted）。',
  },
  'raci.validation.unknownUsers': {
    en: 'Jira has no active user with the account id {ids}. Pick people with the search box.',
    zh: 'Jira 中没有账号 ID 为 {ids} 的有效用户。请通过搜索框选择人员。',
  },
  'raci.validation.unknownDepartments': {
    en: 'The department directory has no department {ids}. Reload the panel; a Jira admin may have changed the directory.',
    zh: '部门目录中没有部门 {ids}。请刷新面板；Jira 管理员可能已修改部门目录。',
  },
  'raci.validation.jiraRefused': {
    en: 'Jira refused the change: {detail}',
    zh: 'Jira 拒绝了此修改：{detail}',
  },
  'raci.conflict.edited': {
    en: 'Someone else changed the RACI of this issue while you were editing. The panel shows their version now; make your change again.',
    zh: '在您编辑期间，他人修改了此工作项的 RACI。面板已显示最新内容，请重新修改。',
  },
  'raci.conflict.busy': {
    en: 'Someone else is saving the RACI of this issue right now. The panel shows the latest version; make your change again.',
    zh: '他人正在保存此工作项的 RACI。面板已显示最新内容，请重新修改。',
  },
  'raci.notFound.template': {
    en: 'There is no scenario template "{id}" in this project. Reload the panel.',
    zh: '此空间中没有场景模板“{id}”。请刷新面板。',
  },
  // What is wrong with one template on the settings page (the {detail} of 'validation.field').
  'raci.detail.duplicateTemplate': { en: 'another template has the same id', zh: '另一个模板使用了相同的 ID' },
  'raci.detail.oneAccountableRule': {
    en: 'must give the Accountable role by exactly one rule',
    zh: '必须有且只有一条规则指定审批人（Accountable）',
  },
  'raci.forbidden.templates': {
    en: 'Only administrators of this project can change its scenario templates.',
    zh: '只有此空间的管理员可以修改其场景模板。',
  },
  'raci.conflict.templates': {
    en: 'Someone else saved this project’s templates while you were editing. Reload to see their version.',
    zh: '在您编辑期间，他人保存了此空间的模板。请刷新后查看最新内容。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

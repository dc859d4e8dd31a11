import type { Locale } from '../locale';

/** Error and notification messages: The project page: charter, milestones, risks, retrospectives, figures (issue 6). */
export const PROJECT_MESSAGES = {
  'project.validation.retroEmpty': {
    en: 'say what went well or what to improve',
    zh: '请填写做得好的地方或需要改进的地方',
  },
  'project.validation.period': { en: 'must not be before the start date', zh: '不能早于开始日期' },
  'project.validation.tag': {
    en: 'use up to 30 letters, digits or -, starting with a letter or digit',
    zh: '请使用不超过 30 个字母、数字或“-”，并以字母或数字开头',
  },
  'project.validation.issueKey': { en: 'is not an issue key like PAY-12', zh: '不是形如 PAY-12 的工作项键' },
  'project.validation.unknownDepartment': {
    en: 'Field "{field}" is invalid: the department directory has no department "{id}".',
    zh: '字段“{field}”无效：部门目录中没有部门“{id}”。',
  },
  'project.validation.unknownIssue': {
    en: 'Field "{field}" is invalid: issue {key} does not exist or you cannot see it.',
    zh: '字段“{field}”无效：工作项 {key} 不存在，或您没有查看权限。',
  },
  'project.validation.otherProjectIssue': {
    en: 'Field "{field}" is invalid: issue {key} is not in this project.',
    zh: '字段“{field}”无效：工作项 {key} 不属于此空间。',
  },
  'project.validation.unknownDependency': {
    en: 'Field "{field}" is invalid: this project has no dependency {id}.',
    zh: '字段“{field}”无效：此空间没有依赖 {id}。',
  },
  'project.validation.unknownVersion': {
    en: 'Field "{field}" is invalid: this project has no version {id}.',
    zh: '字段“{field}”无效：此空间没有版本 {id}。',
  },
  'project.validation.deputyIsOwner': {
    en: 'Field "deputyAccountId" is invalid: the deputy (B角) must be someone other than the owner.',
    zh: '字段“deputyAccountId”无效：B角必须是负责人以外的另一个人。',
  },
  'project.forbidden.edit': {
    en: 'Only people who can edit issues in this project can change its {what}.',
    zh: '只有可以编辑此空间工作项的人才能修改其{what}。',
  },
  'project.forbidden.confirm': {
    en: 'Only the head of {departmentEn} can confirm the goal for that department.',
    zh: '只有{departmentZh}的负责人才能代表该部门确认目标。',
  },
  'project.conflict.noCharter': {
    en: 'This project has no charter yet. Write the charter first, then ask the department heads to confirm it.',
    zh: '此空间还没有项目基本信息表，请先填写，再请各部门负责人确认。',
  },
  'project.conflict.notParticipating': {
    en: 'Department {departmentEn} does not take part in this project, so it has no goal to confirm.',
    zh: '{departmentZh}未参与此空间，无需确认目标。',
  },
  'project.conflict.stale': {
    en: 'Someone else changed this {what} since you opened it. Reload to see their change, then edit again.',
    zh: '自您打开后，他人已修改此{what}。请刷新查看其修改后再编辑。',
  },
  'project.notFound.record': {
    en: 'This {what} does not exist (any more). Reload the page.',
    zh: '此{what}不存在（或已被删除），请刷新页面。',
  },
  'project.action.issueUnderWay': {
    en: 'Someone is creating the Jira issue for this action item right now. Reload the page in a moment.',
    zh: '有人正在为此整改项创建 Jira 工作项，请稍后刷新页面。',
  },
  'project.action.alreadyIssue': {
    en: 'This action item is already tracked as issue {key}.',
    zh: '此整改项已作为工作项 {key} 跟踪。',
  },
  // The first line of the description of the Jira issue made from an action item.
  'project.action.issueIntro': {
    en: 'Action item from a project retrospective (collaboration health page).',
    zh: '整改项，来自项目复盘（协同健康页面）。',
  },
  'project.action.issueRefused': {
    en: 'Jira refused to create the issue: {detail}',
    zh: 'Jira 拒绝创建工作项：{detail}',
  },
} as const satisfies Record<string, Record<Locale, string>>;

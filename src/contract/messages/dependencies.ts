import type { Locale } from '../locale';

/** Error and notification messages: Cross-department dependencies (issue 4). */
export const DEPENDENCY_MESSAGES = {
  'dependency.self': {
    en: 'An issue cannot depend on itself. Pick another issue.',
    zh: '工作项不能依赖自身，请选择其他工作项。',
  },
  'dependency.duplicate': {
    en: '{downstream} already waits for {upstream} (dependency still open). Change that one instead.',
    zh: '{downstream} 已在等待 {upstream}（依赖仍未关闭），请修改已有的依赖。',
  },
  'dependency.needByPast': {
    en: 'The need-by date {date} is in the past. Choose today or a later date.',
    zh: '期望交付日期 {date} 已过去，请选择今天或之后的日期。',
  },
  'dependency.cycle': {
    en: 'This dependency would close a cycle: {cycle}. Nothing was saved.',
    zh: '此依赖会形成循环：{cycle}。未保存任何内容。',
  },
  'dependency.tooDeep': {
    en: 'The dependency chain after {key} is too long to check for cycles ({n} issues). Nothing was saved.',
    zh: '{key} 之后的依赖链过长（{n} 个工作项），无法检查循环。未保存任何内容。',
  },
  'dependency.notFound': {
    en: 'This dependency no longer exists. Reload the panel.',
    zh: '此依赖已不存在，请刷新面板。',
  },
  'dependency.badMove': {
    en: 'A dependency that is {status} cannot be {action}. Reload the panel to see its current state.',
    zh: '状态为“{status}”的依赖不能执行“{action}”，请刷新面板查看当前状态。',
  },
  'dependency.notYourSide': {
    en: 'Only the {what} side (Responsible or Accountable of its issue, or the department’s head or interface person) can do this.',
    zh: '只有{what}方（其工作项的执行人或审批人，或部门负责人、对接人）可以执行此操作。',
  },
  'dependency.textRequired': {
    en: 'Say why: a {what} needs a reason.',
    zh: '请说明原因：{what}需要填写原因。',
  },
  'dependency.dateRequired': {
    en: 'A counter-proposal needs the date you can deliver by.',
    zh: '反提案需要填写可交付的日期。',
  },
  'dependency.remedyRequired': {
    en: 'A delay explanation needs a remedy: what you will do about it.',
    zh: '延期说明需要填写补救措施。',
  },
  'dependency.linkTypeUnknown': {
    en: 'Jira has no issue link type named "{name}".',
    zh: 'Jira 中没有名为“{name}”的工作项链接类型。',
  },
  'dependency.linkFailed': {
    en: 'Jira did not create the link between {from} and {to}: {detail}. Nothing was saved.',
    zh: 'Jira 未能在 {from} 和 {to} 之间创建链接：{detail}。未保存任何内容。',
  },
  'dependency.noLinkPermission': {
    en: 'Jira does not let you link these issues (the Link issues permission). Nothing was saved.',
    zh: 'Jira 不允许您链接这些工作项（缺少“链接工作项”权限）。未保存任何内容。',
  },
  'dependency.forbiddenAdmin': {
    en: 'Only Jira administrators can change the dependency settings.',
    zh: '只有 Jira 管理员可以修改依赖设置。',
  },
  'dependency.unknownDept': {
    en: 'Department "{id}" is not in the department directory.',
    zh: '部门“{id}”不在部门目录中。',
  },
  'dependency.delayAsked.subject': {
    en: '[{key}] Delay warning: {downstream} needs "{deliverable}" by {needBy}',
    zh: '[{key}] 延期预警：{downstream} 需要在 {needBy} 前获得“{deliverable}”',
  },
  'dependency.delayAsked.body': {
    en: '{actor} asks for the reason of the delay and your remedy. Open {key} and answer in the Collaboration panel.',
    zh: '{actor} 请您说明延期原因和补救措施。请打开 {key}，在协作面板中答复。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

import type { Locale } from '../locale';

/** Error and notification messages: Escalations, calendars, the audit trail (issue 5). */
export const ESCALATION_MESSAGES = {
  'notConfigured.escalationField': {
    en: 'The app’s “Escalation level” field is missing on this Jira site. Reinstall or upgrade the app.',
    zh: '此 Jira 站点缺少应用的“升级级别”字段，请重新安装或升级应用。',
  },
  'escalation.closed': {
    en: 'This escalation is already closed; nothing more can be done with it.',
    zh: '此问题升级已关闭，无法再做任何操作。',
  },
  'escalation.alreadyAcknowledged': {
    en: 'This escalation has already been acknowledged at this level.',
    zh: '此问题升级在当前级别已被确认。',
  },
  'escalation.notAllowed': {
    en: 'You cannot {action} this escalation: only the people who hold level {level} (or a higher level) can, and only the person who raised it can withdraw it.',
    zh: '您不能{action}此问题升级：只有第 {level} 级（或更高级别）的处理人可以操作，撤回只能由发起人进行。',
  },
  'escalation.textRequired': {
    en: 'Write the {what} first: it goes on the record.',
    zh: '请先填写{what}：它将记录在案。',
  },
  'escalation.atTop': {
    en: 'This escalation is already at level 3 (PMO / management); it cannot climb further.',
    zh: '此问题升级已在第 3 级（PMO / 管理层），无法继续升级。',
  },
  'escalation.notDue': {
    en: 'The time limit of this level has not run out yet.',
    zh: '当前级别的时限尚未到期。',
  },
  'escalation.notAtTop': {
    en: 'Only an escalation at level 3 gets an arbiter’s decision; this one is at level {level}.',
    zh: '只有第 3 级的问题升级才由仲裁人裁决；此问题升级目前在第 {level} 级。',
  },
  'escalation.unknownDepartment': {
    en: 'Field "departmentAsked" is invalid: there is no department "{id}" in the directory.',
    zh: '字段“departmentAsked”无效：部门目录中没有“{id}”。',
  },
  'escalation.notFound': {
    en: 'Escalation {id} does not exist on this issue.',
    zh: '此工作项上不存在问题升级 {id}。',
  },
  'escalation.noOpen': {
    en: 'Issue {key} has no open escalation to climb.',
    zh: '工作项 {key} 没有可升级的未关闭问题升级。',
  },
  'escalation.dependencyNotLate': {
    en: 'Dependency {id} is not waiting for an overdue response on this issue, so it cannot raise an escalation.',
    zh: '依赖 {id} 并非此工作项上超时未响应的依赖，不能据此发起问题升级。',
  },
  'forbidden.projectAdmin': {
    en: 'Only administrators of project {key} can change its escalation ladder.',
    zh: '只有空间 {key} 的管理员可以修改其问题升级阶梯。',
  },
  'forbidden.calendars': {
    en: 'Only Jira administrators can change working-time calendars and the web trigger secret.',
    zh: '只有 Jira 管理员可以修改工作日历和 Web 触发器密钥。',
  },
  'escalation.deadlinePast': {
    en: 'Field "deadline" is invalid: the answer cannot be needed by a time already past.',
    zh: '字段“deadline”无效：期望答复时间不能早于现在。',
  },
  'calendar.unknown': {
    en: 'Field "{field}" is invalid: there is no calendar "{id}".',
    zh: '字段“{field}”无效：没有日历“{id}”。',
  },
  'calendar.duplicate': {
    en: 'Two calendars have the id "{id}".',
    zh: '有两个日历的 ID 都是“{id}”。',
  },
  'validation.detail.timeZone': {
    en: 'is not a time zone Jira knows (e.g. Asia/Shanghai)',
    zh: '不是有效的时区（例如 Asia/Shanghai）',
  },
  'validation.detail.endAfterStart': { en: 'must be after the start of the working day', zh: '必须晚于上班时间' },
  'validation.detail.lunchBoth': {
    en: 'give both ends of the lunch break, or neither',
    zh: '午休开始和结束时间须同时填写或同时留空',
  },
  'validation.detail.lunchInside': {
    en: 'the lunch break must lie inside the working hours',
    zh: '午休时间必须在工作时间之内',
  },
  'validation.detail.repeatedDay': { en: 'a day is listed twice', zh: '有日期被重复列出' },
  'validation.detail.holidayAndWorkday': {
    en: 'a day cannot be both a holiday and a make-up working day',
    zh: '同一天不能既是节假日又是调休上班日',
  },
  'validation.detail.levelHolder': { en: 'somebody must hold every level', zh: '每一级都必须有处理人' },
  'validation.detail.temporaryOwner': {
    en: 'an urgent escalation names a temporary owner',
    zh: '紧急事项必须指定临时负责人',
  },
  'validation.detail.urgentClock': {
    en: 'urgent limits count clock hours, every day',
    zh: '紧急事项的时限按自然小时计算（每天都计）',
  },
  // Notifications to the people who hold a level: one email to several people, so both languages.
  'notify.escalation.raised.subject': {
    en: '[{key}] Escalation raised to you (level {level})',
    zh: '[{key}] 有问题升级提交给您（第 {level} 级）',
  },
  'notify.escalation.climbed.subject': {
    en: '[{key}] Escalation climbed to level {level}',
    zh: '[{key}] 问题升级已升至第 {level} 级',
  },
  'notify.escalation.breached.subject': {
    en: '[{key}] Escalation past its last time limit',
    zh: '[{key}] 问题升级已超过最后时限',
  },
  'notify.escalation.body': {
    en: 'Escalation on {key} "{summary}": {description}\nImpact: {impact}\nSupport needed: {support}\nLevel {level}; answer by {due}. Open the issue’s Collaboration panel to acknowledge, resolve or reject it.',
    zh: '工作项 {key}“{summary}”的问题升级：{description}\n影响：{impact}\n所需支持：{support}\n第 {level} 级；请于 {due} 前处理。打开工作项的协作面板进行确认、解决或驳回。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

import type { ErrorCode } from './errors';
import type { Locale } from './locale';
import { RACI_MESSAGES } from './messages/raci';
import { DEPENDENCY_MESSAGES } from './messages/dependencies';
import { ESCALATION_MESSAGES } from './messages/escalations';
import { PROJECT_MESSAGES } from './messages/project';

/**
 * User-facing error messages, keyed by a stable message id. Errors are translated once, at the
 * boundary (resolver envelope or web-trigger response), in the language of the acting user.
 */
const CORE_MESSAGES = {
  'validation.invalid': {
    en: 'The request is invalid: {detail}',
    zh: '请求无效：{detail}',
  },
  'validation.field': {
    en: 'Field "{field}" is invalid: {detail}',
    zh: '字段“{field}”无效：{detail}',
  },
  'forbidden.browse': {
    en: 'You do not have permission to see this {what}.',
    zh: '您没有查看此{what}的权限。',
  },
  'forbidden.edit': {
    en: 'You do not have permission to edit this issue.',
    zh: '您没有编辑此工作项的权限。',
  },
  'notFound.issue': {
    en: 'Issue {key} does not exist or you do not have permission to see it.',
    zh: '工作项 {key} 不存在，或您没有查看权限。',
  },
  'notFound.project': {
    en: 'Project {key} does not exist or you do not have permission to see it.',
    zh: '项目 {key} 不存在，或您没有查看权限。',
  },
  'notFound.user': {
    en: 'Jira has no user with the account id {accountId}, or you may not see them.',
    zh: 'Jira 中没有账号 ID 为 {accountId} 的用户，或您无权查看。',
  },
  'notFound.context': {
    en: 'This view must be opened from {what}.',
    zh: '此视图必须从{what}中打开。',
  },
  'conflict.version': {
    en: 'Someone else changed this {what} at the same time. Reload and try again.',
    zh: '他人同时修改了此{what}，请刷新后重试。',
  },
  'rateLimited.jira': {
    en: 'Jira is busy. Try again in a moment.',
    zh: 'Jira 繁忙，请稍后重试。',
  },
  'upstream.jira': {
    en: 'Jira answered with an error ({status}). Try again later.',
    zh: 'Jira 返回错误（{status}），请稍后重试。',
  },
  'notConfigured.webhookSecret': {
    en: 'The web trigger has no signing secret yet. A Jira admin must generate one on the app’s admin page.',
    zh: 'Web 触发器尚未配置签名密钥，请由 Jira 管理员在应用管理页面生成。',
  },
  'webhook.signature': {
    en: 'Signature missing or wrong: {detail}',
    zh: '签名缺失或错误：{detail}',
  },
  'webhook.replay': {
    en: 'Request refused: {detail}',
    zh: '请求被拒绝：{detail}',
  },
  'webhook.projectNotAllowed': {
    en: 'Project {key} does not accept escalations by web request. A Jira admin can list it on the app’s admin page (Escalation web trigger → Projects).',
    zh: '项目 {key} 不接受通过 Web 请求提交的升级。Jira 管理员可在应用管理页面（升级 Web 触发器 → 项目）中添加该项目。',
  },
  'webhook.unknownProject': {
    en: 'Jira has no project with the key {key}.',
    zh: 'Jira 中没有键为 {key} 的项目。',
  },
  'internal.unexpected': {
    en: 'Something went wrong on our side. Try again; if it persists, contact your Jira admin.',
    zh: '服务出现意外错误，请重试；如仍失败，请联系 Jira 管理员。',
  },
  // The department directory and its admin page.
  'forbidden.admin': {
    en: 'Only Jira administrators can change the department directory.',
    zh: '只有 Jira 管理员可以修改部门目录。',
  },
  'notFound.department': {
    en: 'Department "{id}" does not exist. Someone may have deleted it; reload the page.',
    zh: '部门“{id}”不存在，可能已被他人删除，请刷新页面。',
  },
  'conflict.departmentExists': {
    en: 'A department with the id "{id}" already exists.',
    zh: 'ID 为“{id}”的部门已存在。',
  },
  'validation.unknownUser': {
    en: 'Field "{field}" is invalid: Jira has no user with the account id {accountId}.',
    zh: '字段“{field}”无效：Jira 中没有账号 ID 为 {accountId} 的用户。',
  },
  'validation.unknownGroup': {
    en: 'Field "{field}" is invalid: Jira has no group named "{group}".',
    zh: '字段“{field}”无效：Jira 中没有名为“{group}”的用户组。',
  },
  'validation.tooLarge': {
    en: 'The {what} would be too large to store ({size} KB; at most {limit} KB). Use Jira groups instead of listing people one by one.',
    zh: '{what}过大，无法保存（{size} KB，上限 {limit} KB）。请使用 Jira 用户组，而不是逐个列出人员。',
  },
  // What is wrong with one field (the {detail} of 'validation.field'), by zod issue; see contract/validation.ts.
  'validation.detail.required': { en: 'is required', zh: '必填' },
  'validation.detail.type': { en: 'has the wrong type', zh: '类型不正确' },
  'validation.detail.number': { en: 'must be a number', zh: '必须是数字' },
  'validation.detail.int': { en: 'must be a whole number', zh: '必须是整数' },
  'validation.detail.empty': { en: 'must not be empty', zh: '不能为空' },
  'validation.detail.minChars': { en: 'must have at least {n} characters', zh: '至少需要 {n} 个字符' },
  'validation.detail.maxChars': { en: 'must have at most {n} characters', zh: '不能超过 {n} 个字符' },
  'validation.detail.minNumber': { en: 'must be at least {n}', zh: '不能小于 {n}' },
  'validation.detail.maxNumber': { en: 'must be at most {n}', zh: '不能大于 {n}' },
  'validation.detail.minItems': { en: 'must list at least {n}', zh: '至少需要 {n} 项' },
  'validation.detail.maxItems': { en: 'must list at most {n}', zh: '不能超过 {n} 项' },
  'validation.detail.format': { en: 'has the wrong format', zh: '格式不正确' },
  'validation.detail.date': { en: 'is not a real date (use yyyy-mm-dd)', zh: '不是有效日期（请使用 yyyy-mm-dd）' },
  'validation.detail.departmentId': {
    en: 'use 2-32 lower-case letters, digits or -, starting with a letter',
    zh: '请使用 2-32 个小写字母、数字或“-”，并以字母开头',
  },
  'validation.detail.issueKey': { en: 'expected an issue key such as PAY-12', zh: '应为工作项键，例如 PAY-12' },
  'validation.detail.unknownKeys': { en: 'unknown field(s) {keys}', zh: '未知字段 {keys}' },
  'validation.detail.duplicate': { en: 'this person is listed twice', zh: '此人被重复列出' },
  'validation.detail.invalid': { en: 'is not valid', zh: '无效' },
  // The "RACI complete" workflow validator's refusals, in the language of the person making the transition.
  'workflow.raci.noAccountable': {
    en: 'This issue has no Accountable. Set the one person who answers for the result in the Accountable field, then try again.',
    zh: '此工作项没有 Accountable（审批人）。请在 Accountable 字段中指定对结果负责的人，然后重试。',
  },
  'workflow.raci.noResponsible': {
    en: 'This issue has no Responsible. Add at least one person who does the work in the Responsible field, then try again.',
    zh: '此工作项没有 Responsible（执行人）。请在 Responsible 字段中至少添加一位执行人，然后重试。',
  },
  'workflow.raci.noAccountableNoResponsible': {
    en: 'This issue has no Accountable and no Responsible. Set the Accountable (who answers for the result) and at least one Responsible (who does the work), then try again.',
    zh: '此工作项既没有 Accountable（审批人）也没有 Responsible（执行人）。请指定对结果负责的审批人和至少一位执行人，然后重试。',
  },
  'workflow.raci.unavailable': {
    en: 'The RACI check could not read this issue from Jira just now. Try again in a moment.',
    zh: '暂时无法从 Jira 读取此工作项以检查 RACI，请稍后重试。',
  },
  // Notifications to RACI people through Jira's notify API: one email to several people, so both languages.
  'notify.status.subject': { en: '[{key}] Status changed to {to}', zh: '[{key}] 状态已变更为 {to}' },
  'notify.status.body': {
    en: 'The status of {key} "{summary}" changed from {from} to {to}. You receive this because you are Informed on this issue.',
    zh: '工作项 {key}“{summary}”的状态已从 {from} 变更为 {to}。您是此工作项的知悉人（Informed），因此收到此通知。',
  },
  'notify.consulted.subject': { en: '[{key}] Your input is needed', zh: '[{key}] 需要您的意见' },
  'notify.consulted.body': {
    en: 'You were added as Consulted on {key} "{summary}" (status: {status}). Your input is needed before the work is done.',
    zh: '您已被添加为工作项 {key}“{summary}”的咨询人（Consulted）（当前状态：{status}）。工作完成前需要您的意见。',
  },
} as const satisfies Record<string, Record<Locale, string>>;

// Each feature keeps its messages in its own file; ids carry the feature's prefix, so they never collide.
export const ERROR_MESSAGES = {
  ...CORE_MESSAGES,
  ...RACI_MESSAGES,
  ...DEPENDENCY_MESSAGES,
  ...ESCALATION_MESSAGES,
  ...PROJECT_MESSAGES,
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageId = keyof typeof ERROR_MESSAGES;

/** Default message id per error code, used when an error carries no more specific one. */
export const DEFAULT_MESSAGE: Record<ErrorCode, MessageId> = {
  VALIDATION: 'validation.invalid',
  FORBIDDEN: 'forbidden.edit',
  NOT_FOUND: 'notFound.issue',
  CONFLICT: 'conflict.version',
  RATE_LIMITED: 'rateLimited.jira',
  UPSTREAM: 'upstream.jira',
  NOT_CONFIGURED: 'notConfigured.webhookSecret',
  INTERNAL: 'internal.unexpected',
};

/** Words substituted into messages ({what}), in both languages. */
export const NOUNS = {
  issue: { en: 'issue', zh: '工作项' },
  project: { en: 'project', zh: '项目' },
  'issue view': { en: 'an issue view', zh: '工作项视图' },
  'project page': { en: 'a project page', zh: '空间页面' },
  'RACI roles': { en: 'RACI roles', zh: 'RACI 角色' },
  dependency: { en: 'dependency', zh: '依赖' },
  escalation: { en: 'escalation', zh: '升级' },
  department: { en: 'department', zh: '部门' },
  'department directory': { en: 'department directory', zh: '部门目录' },
  charter: { en: 'project charter', zh: '项目基本信息表' },
  'milestone plan': { en: 'milestone plan', zh: '里程碑计划' },
  risk: { en: 'risk', zh: '风险' },
  retrospective: { en: 'retrospective', zh: '复盘' },
  'action item': { en: 'action item', zh: '整改项' },
  requester: { en: 'requesting', zh: '需求' },
  provider: { en: 'providing', zh: '提供' },
  decline: { en: 'decline', zh: '拒绝' },
  'delay explanation': { en: 'delay explanation', zh: '延期说明' },
  // An escalation refusal's {action}, and the text ({what}) an action needs on record.
  'escalation.acknowledge': { en: 'acknowledge', zh: '受理' },
  'escalation.resolve': { en: 'resolve', zh: '解决' },
  'escalation.reject': { en: 'reject', zh: '驳回' },
  'escalation.withdraw': { en: 'withdraw', zh: '撤回' },
  'escalation.escalate': { en: 'escalate', zh: '升级' },
  'escalation.decideOn': { en: 'decide on', zh: '裁决' },
  'escalation.climb': { en: 'climb', zh: '升级' },
  'escalation.resolution': { en: 'resolution', zh: '解决方案' },
  'escalation.reason': { en: 'reason', zh: '驳回理由' },
  'escalation.decision': { en: 'decision', zh: '裁决' },
} as const satisfies Record<string, Record<Locale, string>>;
export type Noun = keyof typeof NOUNS;

/**
 * A param the app passes as a word of NOUNS rather than as text, so the app never picks a language: {what}
 * always; {action} when it names a feature's word ("escalation.resolve"), since other {action}s are codes shown as they are.
 */
const isWord = (name: string, value: string) =>
  value in NOUNS && (name === 'what' || (name === 'action' && value.includes('.')));

export function formatMessage(id: MessageId, locale: Locale, params: Record<string, string | number> = {}): string {
  return ERROR_MESSAGES[id][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'string' && isWord(name, value)) return NOUNS[value as Noun][locale];
    return String(value);
  });
}

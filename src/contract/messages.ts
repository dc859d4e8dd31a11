import type { ErrorCode } from './errors';
import type { Locale } from './locale';

/**
 * User-facing error messages, keyed by a stable message id. Errors are translated once, at the
 * boundary (resolver envelope or web-trigger response), in the language of the acting user.
 */
export const ERROR_MESSAGES = {
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
    zh: '您没有编辑此事务的权限。',
  },
  'notFound.issue': {
    en: 'Issue {key} does not exist or you do not have permission to see it.',
    zh: '事务 {key} 不存在，或您没有查看权限。',
  },
  'notFound.project': {
    en: 'Project {key} does not exist or you do not have permission to see it.',
    zh: '项目 {key} 不存在，或您没有查看权限。',
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
  'internal.unexpected': {
    en: 'Something went wrong on our side. Try again; if it persists, contact your Jira admin.',
    zh: '服务出现意外错误，请重试；如仍失败，请联系 Jira 管理员。',
  },
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
  issue: { en: 'issue', zh: '事务' },
  project: { en: 'project', zh: '项目' },
  'issue view': { en: 'an issue view', zh: '事务视图' },
  'project page': { en: 'a project page', zh: '项目页面' },
  'RACI roles': { en: 'RACI roles', zh: 'RACI 角色' },
  dependency: { en: 'dependency', zh: '依赖' },
  escalation: { en: 'escalation', zh: '升级' },
} as const satisfies Record<string, Record<Locale, string>>;
export type Noun = keyof typeof NOUNS;

export function formatMessage(
  id: MessageId,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return ERROR_MESSAGES[id][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (name === 'what' && typeof value === 'string' && value in NOUNS) return NOUNS[value as Noun][locale];
    return String(value);
  });
}

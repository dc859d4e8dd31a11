import { formatMessage, LOCALES, type MessageId } from '../../contract';
import type { JiraIssue, JiraNotification } from './ports';

/**
 * A message in every language the app ships, for text that reaches people whose language the app does not
 * know (one email to several people, or a person whose Jira hides their language): English first.
 */
export function inEveryLanguage(id: MessageId, params: Record<string, string | number> = {}): string[] {
  return LOCALES.map((locale) => formatMessage(id, locale, params));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** One email about an issue to people of different languages: every language the app ships, English first. */
export function issueNotification(
  issue: Pick<JiraIssue, 'key' | 'summary'>,
  subject: MessageId,
  body: MessageId,
  extra: Record<string, string>,
  to: string[],
): JiraNotification {
  const params = { key: issue.key, summary: issue.summary, ...extra };
  const texts = inEveryLanguage(body, params);
  return {
    subject: inEveryLanguage(subject, params).join(' / '),
    textBody: texts.join('\n\n'),
    htmlBody: texts.map((t) => `<p>${escapeHtml(t)}</p>`).join(''),
    toAccountIds: to,
  };
}

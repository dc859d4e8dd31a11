import { formatMessage, LOCALES, type MessageId } from '../../contract';

/**
 * A message in every language the app ships, for text that reaches people whose language the app does not
 * know (one email to several people, or a person whose Jira hides their language): English first.
 */
export function inEveryLanguage(id: MessageId, params: Record<string, string | number> = {}): string[] {
  return LOCALES.map((locale) => formatMessage(id, locale, params));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

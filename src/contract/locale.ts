/** The two languages the app ships; everything else falls back to English. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a Forge/Jira locale such as `zh_CN`, `zh-CN` or `en_US` to one the app ships. */
export function toLocale(raw: string | undefined | null): Locale {
  return raw?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

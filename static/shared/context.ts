import { view } from '@forge/bridge';
import { toLocale, type Locale } from '@contract';
import { safeTimeZone } from './format';

/** The parts of the Forge context the UI uses, normalised. Identity and scope for data come from the backend. */
export interface AppContext {
  locale: Locale;
  /** BCP 47 tag for `Intl`, in the app's language (a German user reads English UI with English dates). */
  intlLocale: string;
  timeZone: string;
  accountId: string | null;
  siteUrl: string | null;
  issueKey: string | null;
  projectKey: string | null;
}

/** The fields of Forge's `FullContext` read here; everything is optional because nothing is guaranteed. */
export interface RawContext {
  locale?: string | null;
  timezone?: string | null;
  accountId?: string | null;
  siteUrl?: string | null;
  extension?: { issue?: { key?: unknown }; project?: { key?: unknown } } | null;
}

function intlLocaleOf(raw: string | null | undefined, locale: Locale): string {
  if (locale === 'zh') return 'zh-CN';
  const tag = (raw ?? '').replace('_', '-');
  if (tag.toLowerCase().startsWith('en')) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
    } catch {
      return 'en-US';
    }
  }
  return 'en-US';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function toAppContext(raw: RawContext | null | undefined): AppContext {
  const locale = toLocale(raw?.locale);
  return {
    locale,
    intlLocale: intlLocaleOf(raw?.locale, locale),
    timeZone: safeTimeZone(raw?.timezone),
    accountId: str(raw?.accountId),
    siteUrl: str(raw?.siteUrl),
    issueKey: str(raw?.extension?.issue?.key),
    projectKey: str(raw?.extension?.project?.key),
  };
}

let pending: Promise<AppContext> | undefined;

/** Reads the Forge context once per page; without one (a failed bridge) the UI still renders, in the browser's language and zone. */
export function loadContext(): Promise<AppContext> {
  pending ??= view.getContext().then(
    (raw) => toAppContext(raw as RawContext),
    (error: unknown) => {
      console.error('Forge context unavailable', error);
      return toAppContext({ locale: navigator.language, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    },
  );
  return pending;
}

import { createContext, createElement, Fragment, useContext, type ReactNode } from 'react';
import type { Locale } from '@contract';
import type { MessageKey, SurfaceMessages } from './messages';
import { createFormatter, type Formatter } from './format';

export type { MessageKey, SurfaceMessages } from './messages';
export type { Params, PluralKey, Translator } from './translator';
import type { Params, Translator } from './translator';

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A translator over the strings a surface ships (`messages`, see static/<app>/src/messages.ts). */
export function createTranslator(locale: Locale, messages: SurfaceMessages): Translator {
  const catalogue = messages[locale];
  const text = (key: MessageKey): string => {
    const found = catalogue[key];
    if (found !== undefined) return found;
    // test/static/surface-messages.test.tsx keeps this from shipping; should it, the view shows the key rather than break.
    console.error(`i18n: "${key}" is not among this surface's strings`);
    return key;
  };
  const rules = new Intl.PluralRules(locale === 'zh' ? 'zh-CN' : 'en-US');
  const t = ((key: MessageKey, params?: Params) => interpolate(text(key), params)) as Translator;
  t.plural = (key, n, params) => {
    const form = rules.select(n) === 'one' ? 'one' : 'other';
    return interpolate(text(`${key}.${form}` as MessageKey), { n, ...params });
  };
  t.rich = (key, nodes) =>
    text(key)
      .split(/(\{\w+\})/)
      .map((part, i) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        const node = name !== undefined && name in nodes ? nodes[name] : part;
        return createElement(Fragment, { key: i }, node);
      });
  return Object.defineProperty(t, 'locale', { value: locale });
}

/** What the UI needs to speak the viewer's language: strings, and dates in their locale and time zone. */
export interface I18n {
  t: Translator;
  fmt: Formatter;
}

export function createI18n(locale: Locale, intlLocale: string, timeZone: string, messages: SurfaceMessages): I18n {
  const t = createTranslator(locale, messages);
  return { t, fmt: createFormatter({ t, intlLocale, timeZone }) };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ value, children }: { value: I18n; children?: ReactNode }) {
  return createElement(I18nContext.Provider, { value }, children);
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() needs an <I18nProvider> above it');
  return value;
}

export function useT(): Translator {
  return useI18n().t;
}

export function useFormat(): Formatter {
  return useI18n().fmt;
}

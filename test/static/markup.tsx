import { createRequire } from 'node:module';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { vi } from 'vitest';
import type { Locale } from '@contract';
import { CATALOGUES } from '../../static/shared/messages';

type I18n = typeof import('../../static/shared/i18n');

/**
 * Readies Node to render the Custom UI views to markup (no DOM library is installed; markup is what the view
 * tests check) and returns the i18n module to render them with. Call in `beforeAll`, before importing a view.
 */
export async function prepareMarkup(): Promise<I18n> {
  // Atlaskit's CommonJS build requires its extracted `.compiled.css`; Node cannot load CSS, and styles do not matter here.
  const cjs = createRequire(import.meta.url) as NodeJS.Require & {
    extensions: Record<string, (m: { exports: unknown }) => void>;
  };
  cjs.extensions['.css'] = (module) => {
    module.exports = {};
  };
  (globalThis as { __bridge?: unknown }).__bridge = { callBridge: async () => undefined };
  // Outside Forge, Atlaskit's feature-gate client warns once that nobody initialised it.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  return import('../../static/shared/i18n');
}

/** The element's markup in the locale (Shanghai time), inside the app's i18n provider. */
export function renderMarkup(i18n: I18n, locale: Locale, element: ReactElement): string {
  const value = i18n.createI18n(locale, locale === 'zh' ? 'zh-CN' : 'en-US', 'Asia/Shanghai', CATALOGUES);
  return renderToStaticMarkup(<i18n.I18nProvider value={value}>{element}</i18n.I18nProvider>);
}

/** The markup's text, tags as spaces, whitespace collapsed. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

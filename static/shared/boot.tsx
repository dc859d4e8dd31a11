import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadContext, type AppContext } from './context';
import { enableTheme } from './theme';
import { createI18n, I18nProvider, type SurfaceMessages } from './i18n';

/**
 * Starts a surface: theme and context first (both are bridge round trips, so in parallel), then the first
 * render in the viewer's language, from the strings the surface ships (`messages`). Shared by every app so
 * they start identically.
 */
export async function boot(
  container: HTMLElement,
  messages: SurfaceMessages,
  render: (ctx: AppContext) => ReactNode,
): Promise<void> {
  const [ctx] = await Promise.all([loadContext(), enableTheme()]);
  document.documentElement.lang = ctx.intlLocale;
  const i18n = createI18n(ctx.locale, ctx.intlLocale, ctx.timeZone, messages);
  createRoot(container).render(
    <StrictMode>
      <I18nProvider value={i18n}>{render(ctx)}</I18nProvider>
    </StrictMode>,
  );
}

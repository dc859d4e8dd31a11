/// <reference types="vite/client" />
import type { SettingsPage } from './settings-page';

/** Every `<feature>/*Page.tsx` that exports `page`, in their order: the settings pages this app serves. */
export const PAGES: readonly SettingsPage[] = Object.values(
  import.meta.glob<{ page: SettingsPage }>('./*/*Page.tsx', { eager: true }),
)
  .map((m) => m.page)
  .sort((a, b) => a.order - b.order);

/** The page for a route as Jira's history gives it ("/raci-templates", "raci-templates", ""): the first page by default. */
export function pageFor(pathname: string | undefined): SettingsPage | undefined {
  const route = (pathname ?? '').replace(/^\/+|\/+$/g, '');
  return PAGES.find((p) => p.route === route) ?? PAGES[0];
}

import type { ComponentType } from 'react';
import type { AppContext } from '../../shared/context';
import type { MessageKey } from '../../shared/i18n';

/**
 * One page of the app's project settings: the route Jira's sidebar opens (a `pages` entry of the
 * `jira:projectSettingsPage` module in manifest.yml) and what it shows. Each page is one `*Page.tsx` file in its feature's folder
 * exporting `page`; the app finds them all (see pages.ts), so adding a page touches no other UI file.
 */
export interface SettingsPage {
  route: string;
  title: MessageKey;
  /** Where the page sits in the list when no route is given (lowest first). */
  order: number;
  Component: ComponentType<{ ctx: AppContext }>;
}

import type { Locale } from '@contract';
import { surfaceMessages, type KeysOf, type Messages, type SHARED_MESSAGES } from './messages/surface';
import * as raci from './messages/raci';
import * as dependencies from './messages/dependencies';
import * as escalations from './messages/escalations';
import * as escalationSettings from './messages/escalation-settings';
import * as escalationPage from './messages/escalation-page';
import { PANEL_MESSAGES } from '../issue-panel/src/messages';
import { PAGE_MESSAGES, PROJECT_MESSAGES } from '../project-page/src/messages';
import { ADMIN_MESSAGES } from '../admin-page/src/messages';
import { COLLAB_MESSAGES } from '../collab-page/src/messages';

/**
 * The UI's strings in both shipped languages, in parts: the shared components' strings (messages/common.ts),
 * each surface's own (in static/<app>/src/messages.ts) and one part per feature the surfaces share
 * (messages/<feature>.ts). English defines the keys; each Chinese part is typed from its English one, so a key
 * missing from (or extra in) either language is a type error. `{name}` is a parameter; keys ending in `.one` /
 * `.other` are plural forms picked by `Intl.PluralRules`.
 *
 * A surface ships only the parts it renders (`surfaceMessages`, called in static/<app>/src/messages.ts), so
 * the issue panel does not download the project page's strings; test/static/surface-messages.test.tsx checks
 * that every key a surface's code uses is among them. This module only types the keys and gathers every
 * string for the tests: no surface imports it at run time.
 */
export { surfaceMessages, SHARED_MESSAGES, type MessagePart, type Messages } from './messages/surface';
export { PANEL_MESSAGES, PAGE_MESSAGES, ADMIN_MESSAGES, COLLAB_MESSAGES };

// Keys never collide: each part's keys carry its prefix.
type AllParts =
  | typeof SHARED_MESSAGES
  | typeof PANEL_MESSAGES
  | typeof PAGE_MESSAGES
  | typeof PROJECT_MESSAGES
  | typeof ADMIN_MESSAGES
  | typeof COLLAB_MESSAGES
  | typeof raci
  | typeof dependencies
  | typeof escalations
  | typeof escalationSettings
  | typeof escalationPage;

export type MessageKey = KeysOf<AllParts>;
export type Catalogue = { readonly [K in MessageKey]: string };

/** What a translator is given: the strings one surface ships, some of the keys. */
export type SurfaceMessages = { readonly [L in Locale]: Partial<Catalogue> };

/**
 * Every string of every surface, which tests check both languages of. No surface ships this whole: unused in a
 * bundle, the annotated call is left out of it.
 */
export const CATALOGUES: Messages<MessageKey> = /* @__PURE__ */ surfaceMessages(
  PANEL_MESSAGES,
  PAGE_MESSAGES,
  PROJECT_MESSAGES,
  ADMIN_MESSAGES,
  COLLAB_MESSAGES,
  raci,
  dependencies,
  escalations,
  escalationSettings,
  escalationPage,
);

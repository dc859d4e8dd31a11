import { PROJECT_SETTINGS_FUNCTIONS } from '../contract';
import { defineSurface } from './resolver-kit';
import { productionDeps } from './deps';
import { raciSettingsHandlers } from './handlers/raci';
import { escalationsSettingsHandlers } from './handlers/escalations';

/**
 * Resolver of the `jira:projectSettingsPage` module: one for all of its pages. Each feature adds its page's
 * handlers here and its functions to PROJECT_SETTINGS_FUNCTIONS.
 */
export const projectSettingsResolver = defineSurface(
  PROJECT_SETTINGS_FUNCTIONS,
  { ...raciSettingsHandlers, ...escalationsSettingsHandlers },
  productionDeps,
);

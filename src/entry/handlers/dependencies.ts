import { DEPENDENCY_PANEL_FUNCTIONS, DEPENDENCY_PROJECT_FUNCTIONS } from '../../contract';
import type { Handlers } from '../resolver-kit';

/** Issue panel handlers of cross-department dependencies (issue 4). */
export const dependenciesPanelHandlers: Handlers<typeof DEPENDENCY_PANEL_FUNCTIONS> = {};

/** Project page handlers of cross-department dependencies (issue 4). */
export const dependenciesProjectHandlers: Handlers<typeof DEPENDENCY_PROJECT_FUNCTIONS> = {};

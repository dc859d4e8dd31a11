import { RACI_PANEL_FUNCTIONS, RACI_PROJECT_FUNCTIONS } from '../../contract';
import type { Handlers } from '../resolver-kit';

/** Issue panel handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciPanelHandlers: Handlers<typeof RACI_PANEL_FUNCTIONS> = {};

/** Project page handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciProjectHandlers: Handlers<typeof RACI_PROJECT_FUNCTIONS> = {};

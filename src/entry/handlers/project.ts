import { PROJECT_PANEL_FUNCTIONS, PROJECT_PROJECT_FUNCTIONS } from '../../contract';
import type { Handlers } from '../resolver-kit';

/** Issue panel handlers of the project page: charter, milestones, risks, retrospectives, figures (issue 6). */
export const projectPanelHandlers: Handlers<typeof PROJECT_PANEL_FUNCTIONS> = {};

/** Project page handlers of the project page: charter, milestones, risks, retrospectives, figures (issue 6). */
export const projectProjectHandlers: Handlers<typeof PROJECT_PROJECT_FUNCTIONS> = {};

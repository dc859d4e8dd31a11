import { ESCALATION_PANEL_FUNCTIONS, ESCALATION_PROJECT_FUNCTIONS } from '../../contract';
import type { Handlers } from '../resolver-kit';

/** Issue panel handlers of escalations, calendars and the audit trail (issue 5). */
export const escalationsPanelHandlers: Handlers<typeof ESCALATION_PANEL_FUNCTIONS> = {};

/** Project page handlers of escalations, calendars and the audit trail (issue 5). */
export const escalationsProjectHandlers: Handlers<typeof ESCALATION_PROJECT_FUNCTIONS> = {};

import { PANEL_MESSAGES, surfaceMessages } from '../../shared/messages';
import * as raci from '../../shared/messages/raci';
import * as dependencies from '../../shared/messages/dependencies';
import * as escalations from '../../shared/messages/escalations';

/** The strings the issue panel ships: its own and those of the features it shows (checked by test/static/surface-messages.test.tsx). */
export const MESSAGES = surfaceMessages(PANEL_MESSAGES, raci, dependencies, escalations);

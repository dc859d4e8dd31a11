import { surfaceMessages } from '../../shared/messages/surface';
import * as raci from '../../shared/messages/raci';
import * as escalations from '../../shared/messages/escalations';
import * as escalationSettings from '../../shared/messages/escalation-settings';

/** The strings the project settings ship: those of the features it configures (checked by test/static/surface-messages.test.tsx). */
export const MESSAGES = surfaceMessages(raci, escalations, escalationSettings);

import { ADMIN_MESSAGES, surfaceMessages } from '../../shared/messages';
import * as dependencies from '../../shared/messages/dependencies';
import * as escalations from '../../shared/messages/escalations';

/** The strings the admin page ships: its own and those of the features it configures (checked by test/static/surface-messages.test.tsx). */
export const MESSAGES = surfaceMessages(ADMIN_MESSAGES, dependencies, escalations);

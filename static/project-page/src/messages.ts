import { PAGE_MESSAGES, surfaceMessages } from '../../shared/messages';
import * as raci from '../../shared/messages/raci';
import * as dependencies from '../../shared/messages/dependencies';
import * as escalations from '../../shared/messages/escalations';
import * as project from '../../shared/messages/project';

/** The strings the project page ships: its own and those of the features it shows (checked by test/static/surface-messages.test.tsx). */
export const MESSAGES = surfaceMessages(PAGE_MESSAGES, raci, dependencies, escalations, project);

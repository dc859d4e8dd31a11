// Only the handlers that manifest.yml names.
export { issuePanelResolver } from './entry/issue-panel';
export { projectPageResolver } from './entry/project-page';
export { adminPageResolver } from './entry/admin-page';
export { projectSettingsResolver } from './entry/project-settings';
export { collabPageResolver } from './entry/collab-page';
export { onIssueEvent, onLinkEvent } from './entry/events';
export { reconcileRollups, sweepDeadlines } from './entry/schedules';
export { escalationWebhook } from './entry/webtriggers';
export { validateRaciComplete } from './entry/workflow';
export { automationRaiseEscalation, automationClimbEscalation } from './entry/automation';

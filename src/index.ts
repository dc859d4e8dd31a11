// Only the handlers that manifest.yml names.
export { issuePanelResolver } from './entry/issue-panel';
export { projectPageResolver } from './entry/project-page';
export { adminPageResolver } from './entry/admin-page';
export { projectSettingsResolver } from './entry/project-settings';
export { collabPageResolver } from './entry/collab-page';
export { onIssueEvent, onLinkEvent } from './entry/events';
export { reconcileRollups, repairOutbox, sweepDeadlines } from './entry/schedules';
export { onQueueWork } from './entry/queue-consumer';
export { escalationWebhook } from './entry/webtriggers';
export { validateRaciComplete } from './entry/workflow';
export { automationRaiseEscalation, automationClimbEscalation } from './entry/automation';

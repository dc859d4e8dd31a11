export { JiraSandbox, type SandboxNotification } from './jira-sandbox';
export { withJiraFaults, type JiraFaultModel } from './faults';
export { JiraAdmin, type AdminIssue, type AdminUser } from './admin';
export { loadAppFields } from './app-fields';
export { JiraWorkflow, loadAppWorkflowModules, type TransitionRule } from './workflow';
export { JiraExpressionError, evaluateJiraExpression, parseJiraExpression } from './jira-expression';
export { appFieldAri } from './fields';
export { parseJql, JqlError } from './jql-parser';
export { ISSUE_TYPE_IDS, LINK_TYPE_IDS, STATUS_IDS } from './schema';
export type {
  AppFieldDef,
  AppWorkflowModule,
  ForgeValidatorPayload,
  ForgeProductEvent,
  JiraActor,
  JiraRequest,
  JiraResponse,
  JiraSandboxOptions,
  PermissionHolder,
  ProjectPermission,
} from './types';

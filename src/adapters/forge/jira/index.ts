import type { Jira } from '../../../app/kernel/ports';
import { createAppFields } from './app-fields';
import { bulkFetchIssues, createIssue, getIssue, mirrorAccountable, setRaci } from './issues';
import { countIssues, searchIssues } from './search';
import { getUserLocale, getUsers, searchUsers } from './users';
import { getGroupMembers } from './groups';
import { createIssueLink, deleteIssueLink, getIssueLink, getIssueLinkTypes } from './links';
import { getProject, getProjectStatuses, getVersions } from './projects';
import { hasPermissions } from './permissions';
import { browsableProjects } from './browsable-projects';
import { notify } from './notifications';
import { getEscalationFieldValues, setEscalationFields } from './escalation-fields';

export {
  RACI_FIELD_KEYS,
  RACI_APPROVER_PROPERTY,
  RACI_DEPARTMENTS_PROPERTY,
  ESCALATION_FIELD_KEYS,
} from './app-fields';

/**
 * The Jira port over `@forge/api`, one module per Jira resource. `asUser` calls carry the invoking user's
 * permissions; `asApp` is used only where no user acts (events, schedules, web triggers) and for the app's own
 * fields. The one piece of state is the app's field ids on the site, looked up once per warm function instance.
 */
export function createJiraClient(): Jira {
  const fields = createAppFields();
  return {
    browsableProjects,
    getIssue: (as, issueIdOrKey, opts) => getIssue(fields, as, issueIdOrKey, opts),
    bulkFetchIssues: (as, issueIds) => bulkFetchIssues(fields, as, issueIds),
    createIssue,
    mirrorAccountable,
    setRaci: (as, issueIdOrKey, raci, departments) => setRaci(fields, as, issueIdOrKey, raci, departments),
    searchIssues: (as, jql, page) => searchIssues(fields, as, jql, page),
    countIssues: (as, jql) => countIssues(as, jql),
    getUsers,
    searchUsers,
    getUserLocale,
    getGroupMembers,
    createIssueLink,
    deleteIssueLink,
    getIssueLink,
    getIssueLinkTypes,
    getProject,
    getVersions,
    getProjectStatuses,
    hasPermissions,
    notify,
    raciFieldIds: () => fields.raci(),
    setEscalationFields: (updates) => setEscalationFields(fields, updates),
    getEscalationFieldValues: (issueIds) => getEscalationFieldValues(fields, issueIds),
  };
}

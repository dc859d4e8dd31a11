/** Who calls Jira: the app itself (`api.asApp()`) or a user (`api.asUser()`, or a person in the sandbox shell). */
export type JiraActor = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface JiraRequest {
  method: string;
  /** Path under the site, e.g. `/rest/api/3/issue/AICS-1?fields=summary`; may include the query string. */
  path: string;
  body?: string;
  actor: JiraActor;
}

export interface JiraResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A Forge product event as a `trigger` module receives it: `payload` is the handler's event argument. */
export interface ForgeProductEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

/** One `jira:customField` module of the manifest. */
export interface AppFieldDef {
  moduleKey: string;
  name: string;
  description?: string;
  type: 'user' | 'string' | 'number' | 'date' | 'datetime' | 'group';
  collection?: 'list' | 'none';
  /**
   * `readOnly: true`: only the app sets the values (PUT /app/field/{id}/value, POST /app/field/value); users
   * cannot, neither in the issue view nor through the issue create, edit or transition REST calls.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field-type/#read-only-fields
   */
  readOnly?: boolean;
}

/** A Forge workflow rule module of the app (`jira:workflowCondition` / `jira:workflowValidator`). */
export type WorkflowRuleKind = 'condition' | 'validator';
export interface AppWorkflowModule {
  kind: WorkflowRuleKind;
  moduleKey: string;
  /** A Jira expression (every condition; a validator has this or `function`). */
  expression?: string;
  /** The manifest `function` key a validator runs. */
  function?: string;
}

/**
 * What Jira passes a Forge function validator: the issue, the rule's configuration and the transition with the
 * fields changed on it (users as `{ accountId }`, emptied lists as `null`).
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#validating-with-lambda-functions
 */
export interface ForgeValidatorPayload {
  issue: { key: string };
  configuration: Record<string, unknown>;
  transition: { from: { id: string }; to: { id: string }; modifiedFields: Record<string, unknown> };
}

export type TransitionCheck = (
  t: {
    issueKey: string;
    transitionId: string;
    actorAccountId: string;
  },
  /** The function validators the workflow attaches to this transition, each with the payload Jira would send. */
  workflow: { validators: Array<{ moduleKey: string; payload: ForgeValidatorPayload }> },
) => Promise<{ ok: true } | { ok: false; message: string }>;

export interface JiraSandboxOptions {
  /** The sandbox clock. */
  now: () => Date;
  /** Called after each committed mutation. */
  emit: (event: ForgeProductEvent) => void;
  /** For the app fields' `schema.custom` ARI. */
  appId: string;
  environmentId: string;
  /** The manifest's `jira:customField` modules. */
  appFields: AppFieldDef[];
  /** e.g. `http://localhost:5173`; used in every `self` link. */
  siteUrl: string;
  /** Called before a transition is applied; the lead wires workflow validators here. */
  beforeTransition?: TransitionCheck;
  /** The manifest's `jira:workflowCondition` / `jira:workflowValidator` modules, for rules attached to transitions. */
  workflowModules?: AppWorkflowModule[];
  /**
   * The read path of JQL search, which may lag behind writes under production conditions ("recent updates might
   * not be immediately visible"); by default search reads the current state. Reads by key stay current.
   */
  searchView?: { read<T>(read: () => T): T };
}

/** Project permissions the sandbox's simplified permission schemes grant. */
export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'LINK_ISSUES',
  'ADMINISTER_PROJECTS',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
  'DELETE_ISSUES',
] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

/** A permission grant in a project's scheme: to a group, a user, or every signed-in user. */
export type PermissionHolder =
  | { type: 'group'; group: string }
  | { type: 'user'; accountId: string }
  | { type: 'projectLead' }
  | { type: 'anyone' };

/** Global permissions; `ADMINISTER` is held by the `site-admins` group. */
export const GLOBAL_PERMISSIONS = ['ADMINISTER', 'USER_PICKER'] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

/** The group whose members administer the site. */
export const SITE_ADMINS_GROUP = 'site-admins';
/**
 * The group Jira's global permission *Browse users and groups* is granted to on the demo site: the staff with
 * product access (Jira grants it to its product access groups), not outside contractors.
 */
export const BROWSE_USERS_GROUP = 'jira-users';

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

import type { StatusCategory } from '../../contract';
import type { RaciAssignment, RaciDepartmentAssignment } from '../../domain/raci/raci';

/** Who a Jira call acts as: the invoking user (their permissions) or the app (no user present). */
export type Actor = 'user' | 'app';

export interface EntityQuery {
  entity: string;
  index: string;
  partition: ReadonlyArray<string | number | boolean>;
  range?:
    | {
        op: 'equalTo' | 'beginsWith' | 'greaterThan' | 'greaterThanEqualTo' | 'lessThan' | 'lessThanEqualTo';
        value: string | number;
      }
    | { op: 'between'; from: string | number; to: string | number };
  sort?: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: Array<{ key: string; value: T }>;
  cursor?: string;
}

export type TransactionOp =
  | { kind: 'set'; key: string; value: unknown; entity?: string; ifVersion?: number | 'absent' }
  | { kind: 'delete'; key: string; entity?: string; ifVersion?: number };

/**
 * The app's storage: Forge's Key-Value Store and Custom Entity Store.
 * `ifVersion` conditions compare the stored entity's `version` attribute, which is how every
 * read-modify-write in the app avoids lost updates.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/storage-api/
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  getEntity<T>(entity: string, key: string): Promise<T | undefined>;
  /** Several keys and entities in ONE remote call (a KVS batch get), in the order asked; undefined where absent. */
  getMany(items: ReadonlyArray<{ key: string; entity?: string }>): Promise<unknown[]>;
  set(key: string, value: unknown): Promise<void>;
  setEntity(entity: string, key: string, value: unknown): Promise<void>;
  /** All-or-nothing; rejects with a CONFLICT AppError when a condition fails. At most 25 operations. */
  transact(ops: TransactionOp[]): Promise<void>;
  queryEntity<T>(q: EntityQuery): Promise<Page<T>>;
  getSecret<T>(key: string): Promise<T | undefined>;
  setSecret(key: string, value: unknown): Promise<void>;
  /**
   * Writes `key` only if it does not exist yet, expiring after `ttlSeconds`: true for the one caller that
   * wrote it, false for everyone else, also under concurrency. For "do this once" markers.
   */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  avatarUrl?: string;
  active: boolean;
}

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategory;
  dueDate: string | null;
  fixVersionIds: string[];
  /** When the issue was created and last changed status category, as Jira wrote them (ISO, with Jira's offset). */
  createdAt?: string | null;
  statusCategoryChangedAt?: string | null;
  raci: { responsible: string[]; accountable: string | null; consulted: string[]; informed: string[] };
  /**
   * The people Jira returned with the issue (no extra lookup): those named in the RACI fields, and on a full
   * read (`getIssue`) those in the "Escalation holders" and "Escalation raised by" fields.
   */
  people: JiraUser[];
  /**
   * Who the "Escalation holders" and "Escalation raised by" fields show now, on a full read (`getIssue`);
   * absent where the site does not have both fields yet.
   */
  escalationPeople?: { holders: string[]; raisers: string[] };
  /** Whether the acting user may edit the issue; known only when asked for with `withEditMeta`. */
  editable?: boolean;
  /** Departments assigned per RACI role (issue 3), from the issue's entity property; absent when never set. */
  raciDepartments?: RaciDepartmentAssignment;
  /** The Accountable as the app last mirrored it into the issue's entity property (read by getIssue; null when absent). */
  mirroredAccountable?: string | null;
  /** The issue's links to issues the actor may see; only when asked for with `withLinks`. */
  links?: JiraLinkedIssue[];
}

/** One page of a JQL search, and the token of the next (null on the last page). */
export interface JiraSearchPage {
  issues: JiraIssue[];
  nextPageToken: string | null;
}

/** One link as an issue lists it: the link, its type, and the other issue as Jira summarises it. */
export interface JiraLinkedIssue {
  linkId: string;
  typeName: string;
  /** `outward`: this issue is the link's `from` side (for "Blocks": this issue blocks the other). */
  direction: 'outward' | 'inward';
  other: { id: string; key: string; summary: string; statusName: string; statusCategory: StatusCategory };
}

export interface JiraLinkType {
  name: string;
  outward: string;
  inward: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

export interface JiraVersion {
  id: string;
  name: string;
  startDate?: string | null;
  releaseDate: string | null;
  released: boolean;
  archived: boolean;
}

/**
 * A link read as a sentence: `from` <type's outward phrase> `to`, e.g. for "Blocks": from blocks to.
 * (Jira's REST names these the other way round: `inwardIssue` is the one that blocks.)
 */
export interface JiraIssueLink {
  id: string;
  typeName: string;
  fromIssueId: string;
  toIssueId: string;
}

/** Project permissions, and `ADMINISTER` (Jira admin: a global permission, asked without a project or issue). */
export type JiraPermission =
  | 'BROWSE_PROJECTS'
  | 'EDIT_ISSUES'
  | 'LINK_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ADMINISTER_PROJECTS'
  | 'ADMINISTER';

/**
 * What the app needs from Jira, shaped to the app. Every method parses Jira's answer and throws
 * AppError NOT_FOUND / FORBIDDEN / RATE_LIMITED / UPSTREAM for the failures a user can meet.
 */
export interface Jira {
  getIssue(as: Actor, issueIdOrKey: string, opts?: { withEditMeta?: boolean; withLinks?: boolean }): Promise<JiraIssue>;
  /** Creates a link `from` <outward phrase> `to` (for "Blocks": from blocks to). Jira answers without the link's id. */
  createIssueLink(as: Actor, typeName: string, fromIssueId: string, toIssueId: string): Promise<void>;
  deleteIssueLink(as: Actor, linkId: string): Promise<void>;
  getIssueLinkTypes(as: Actor): Promise<JiraLinkType[]>;
  /** Keeps the issue's Accountable entity property (read by the "only the Accountable" condition) equal to the field. */
  mirrorAccountable(as: Actor, issueIdOrKey: string, accountable: string | null): Promise<void>;
  /** Returns the issues the actor may see, in no particular order; unknown or hidden ids are left out. */
  bulkFetchIssues(as: Actor, issueIds: readonly string[]): Promise<JiraIssue[]>;
  getUsers(as: Actor, accountIds: readonly string[]): Promise<JiraUser[]>;
  getProject(as: Actor, projectIdOrKey: string): Promise<JiraProject>;
  /** Which of `projectKeys` the actor may browse (one project search per 50 keys); unknown keys are left out. */
  browsableProjects(as: Actor, projectKeys: readonly string[]): Promise<Set<string>>;
  getVersions(as: Actor, projectIdOrKey: string): Promise<JiraVersion[]>;
  /** The statuses the project's workflows use, each once, in Jira's order. */
  getProjectStatuses(
    as: Actor,
    projectIdOrKey: string,
  ): Promise<Array<{ id: string; name: string; category: StatusCategory }>>;
  getIssueLink(as: Actor, linkId: string): Promise<JiraIssueLink | null>;
  hasPermissions(
    as: Actor,
    scope: { projectKey?: string; issueKey?: string },
    permissions: readonly JiraPermission[],
  ): Promise<Record<JiraPermission, boolean>>;
  /** People whose name or email matches `query`, as Jira's user search finds them for the actor; apps left out. */
  searchUsers(as: Actor, query: string, maxResults: number): Promise<JiraUser[]>;
  /** Account ids of a group's active members (every page); null when Jira has no group of that name. */
  getGroupMembers(as: Actor, groupName: string): Promise<string[] | null>;
  /** The ids (`customfield_N`) this site gave the app's RACI fields; a role is missing if its field is not there. */
  raciFieldIds(): Promise<RaciFieldIds>;
  /** A person's Jira language (e.g. `zh_CN`), or null when Jira does not say (privacy settings) or has no such user. */
  getUserLocale(as: Actor, accountId: string): Promise<string | null>;
  /**
   * Sets the app's escalation fields on issues in ONE request, as the app, with a changelog so Jira
   * Automation's "Field value changed" trigger fires: "Escalation level" (number), "Escalation state" (text),
   * "Escalation holders" and "Escalation raised by" (people); null or [] clears a field, undefined leaves it.
   */
  setEscalationFields(updates: ReadonlyArray<EscalationFieldUpdate>): Promise<void>;
  /** The level and holders each issue's fields show now; issues Jira does not return are left out. */
  getEscalationFieldValues(issueIds: readonly string[]): Promise<Map<string, EscalationFieldValues>>;
  /**
   * Creates an issue of the named type in a project; a field Jira refuses (e.g. an assignee who may not be
   * assigned) throws VALIDATION with Jira's own words.
   */
  createIssue(as: Actor, draft: JiraIssueDraft): Promise<{ id: string; key: string }>;
  /** Queues one email about an issue to the listed people; Jira leaves out those who may not see the issue. */
  notify(as: Actor, issueIdOrKey: string, n: JiraNotification): Promise<void>;
  /**
   * Writes the four RACI fields and the explicit department assignments in ONE issue edit (fields and entity
   * property together), so Jira applies both or neither. FORBIDDEN when the actor may not edit the issue.
   */
  setRaci(as: Actor, issueIdOrKey: string, raci: RaciAssignment, departments: RaciDepartmentAssignment): Promise<void>;
  /** How many issues match a bounded `jql`, as Jira estimates it (recent edits may not show yet): one request. */
  countIssues(as: Actor, jql: string): Promise<number>;
  /** One page of issues matching `jql` (enhanced search: at most `maxResults`, then `nextPageToken`). */
  searchIssues(
    as: Actor,
    jql: string,
    page: { maxResults: number; nextPageToken?: string | undefined },
  ): Promise<JiraSearchPage>;
}

export type RaciRole = 'responsible' | 'accountable' | 'consulted' | 'informed';
export type RaciFieldIds = Partial<Record<RaciRole, string>>;

/** New values of the app's escalation fields for some issues; a field left undefined is not touched. */
export interface EscalationFieldUpdate {
  issueIds: readonly string[];
  level?: number | null;
  state?: string | null;
  /** "Escalation holders": who holds the current level of the issue's open escalations ([] clears it). */
  holders?: readonly string[];
  /** "Escalation raised by": who raised the issue's escalations, open or closed ([] clears it). */
  raisers?: readonly string[];
}

/** What the escalation fields of one issue show now. */
export interface EscalationFieldValues {
  level: number | null;
  holders: string[];
}

export interface JiraIssueDraft {
  projectKey: string;
  issueTypeName: string;
  summary: string;
  /** Plain text; sent as one Atlassian Document paragraph per line. */
  description: string;
  dueDate: string | null;
  assigneeAccountId: string | null;
  /** Jira labels to set; the app marks issues it must find again with one. */
  labels?: readonly string[];
}

export interface JiraNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  toAccountIds: readonly string[];
}

export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** One unit of background work: a small JSON body, delivered to the app's queue consumer at least once. */
export interface QueuedWork {
  body: Record<string, unknown>;
  /** Deliver no sooner than this (0-900 s). */
  delayInSeconds?: number;
}

/**
 * Background work that outlives the invocation that asked for it: Forge's async events queue. At most 50
 * items and 200 KB a push (pushMany splits); each is delivered at least once, possibly late or twice.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 */
export interface WorkQueue {
  push(work: readonly QueuedWork[]): Promise<void>;
}

/** Everything a use case may touch. Passed in as an argument; nothing is global. */
export interface Deps {
  store: Store;
  jira: Jira;
  clock: Clock;
  log: Logger;
  /**
   * Forge's async events queue. Absent only where a test builds Deps by hand: work that would be queued is
   * then left to the outbox repair sweep.
   */
  queue?: WorkQueue;
}

/** Who is acting and where, taken from the Forge context, never from the payload. */
export interface ActingContext {
  accountId: string | null;
  locale: string;
  timezone: string;
}

/**
 * Every KVS key and entity name the app uses, in one place. Keys are namespaced and versioned by
 * prefix so a later schema change can live beside the old one during a migration.
 */
export const ENTITY = {
  dependency: 'dependency',
  /** A dependency as one of its two issues sees it; written with the dependency, read by the issue panel. */
  dependencySide: 'dependency-side',
  escalation: 'escalation',
  auditEvent: 'audit-event',
  projectRollup: 'project-rollup',
  /** A project's dependency graph, compact, in shards by upstream issue (issue 14): the cycle check and the critical path. */
  dependencyGraph: 'dependency-graph',
  /** Where a project's reconcile pass stands and when its figures were last verified against Jira (issue 14). */
  rollupCheck: 'rollup-check',
  webhookNonce: 'webhook-nonce',
  /** One record: every department, with a record-level version that serialises directory writes. */
  departmentDirectory: 'department-directory',
  // The project page (issue 6).
  projectCharter: 'project-charter',
  milestonePlan: 'milestone-plan',
  risk: 'project-risk',
  retrospective: 'retrospective',
  actionItem: 'action-item',
  /** A project's scenario templates (权责清单), one record per project with a version for concurrent saves. */
  raciTemplates: 'raci-templates',
  /** Escalation settings (issue 5): the calendars record and one ladder record per project. */
  escalationSettings: 'esc-settings',
  /** Side effects written with a state change and removed once delivered (kernel/outbox.ts). */
  outbox: 'outbox',
  /** The collaboration queue (issue 16): what each person and department has to answer, across projects. */
  queueItem: 'queue-item',
} as const;

export const INDEX = {
  dependencyByDownstream: 'by-downstream',
  dependencyByUpstream: 'by-upstream',
  dependencyByProjectStatus: 'by-project-status',
  dependencyByResponseDue: 'by-response-due',
  dependencySideByIssue: 'by-issue',
  escalationByIssue: 'by-issue',
  escalationByStatusDue: 'by-status-due',
  escalationByProject: 'by-project',
  auditBySubject: 'by-subject',
  rollupByProject: 'by-project',
  graphByProject: 'by-project',
  rollupCheckByVerified: 'by-verified',
  milestonePlanByProject: 'by-project',
  riskByProject: 'by-project',
  retrospectiveByProject: 'by-project',
  actionByProject: 'by-project',
  /** Risks and action items worst or most urgent first (their `rank`): the lists page on it. */
  riskByProjectRank: 'by-project-rank',
  actionByProjectRank: 'by-project-rank',
  /** Outbox rows by state, oldest `nextAt` first: the repair job's query. */
  outboxByState: 'by-state',
  /** A person's or a department's queue, most urgent first. */
  queueByOwner: 'by-owner-rank',
} as const;

export const KEY = {
  rollupShard: (projectKey: string, shard: number) => `${projectKey}:${shard}`,
  graphShard: (projectKey: string, shard: number) => `${projectKey}:${shard}`,
  rollupCheck: (projectKey: string) => `${projectKey}`,
  issueSnapshot: (issueId: string) => `issue-snap:v1:${issueId}`,
  auditEvent: (subjectId: string, at: number, suffix: string) =>
    `${subjectId}:${String(at).padStart(15, '0')}:${suffix}`,
  /** The key of the one `department-directory` record. */
  departmentDirectory: 'directory:v1',
  /** accountId -> department, compact, in one plain KVS key: one read resolves every person's department. */
  peopleIndex: 'people-index:v1',
  /** The people index's head: departments, routing and counts, no people; the people are in the shards. */
  peopleIndexHead: 'people-index:v2',
  /** One shard of the people index by account (domain/directory/people-shards): accountId -> department. */
  peopleShard: (shard: number) => `people-index:v2:${shard}`,
  /** The dependency settings (which Jira link type stands for "waits on"), one small record. */
  dependencySettings: 'dependency-settings:v1',
  /** A dependency's record as seen from its downstream (`down`) or upstream (`up`) issue. */
  dependencySide: (dependencyId: string, side: 'down' | 'up') => `${dependencyId}:${side}`,
  /** "This change's notification went out": one per issue, changelog and kind, with a TTL (events repeat for days at most). */
  notified: (issueId: string, changelogId: string, kind: string) => `notified:v1:${issueId}:${changelogId}:${kind}`,
  /** The project page's records: the charter is one per project; the others by project and their own id. */
  charter: (projectKey: string) => `${projectKey}`,
  milestonePlan: (projectKey: string, versionId: string) => `${projectKey}:${versionId}`,
  projectRecord: (projectKey: string, id: string) => `${projectKey}:${id}`,
  /** The project's weekly figures (the trend), newest last, a bounded list in one plain KVS key. */
  figureHistory: (projectKey: string) => `figure-history:v1:${projectKey}`,
  /** "A RACI edit of this issue is being written": a short lease, so two edits cannot both pass the version check. */
  raciEditLease: (issueId: string) => `raci-lease:v1:${issueId}`,
  /** "A Jira issue is being made for this action item": a short lease, so two clicks cannot make two issues. */
  actionIssueLease: (recordKey: string) => `action-issue-lease:v1:${recordKey}`,
  /** The action item a Jira work item was made for (by the work item's id): the issue trigger follows it with one read. */
  actionOfIssue: (issueId: string) => `action-of-issue:v1:${issueId}`,
  /** "Jira was asked for this action item's issue": lets a retry adopt an issue whose key was never recorded. */
  actionIssueIntent: (recordKey: string) => `action-issue-intent:v1:${recordKey}`,
  /** The `raci-templates` record of a project; absent until edited, the defaults apply. */
  raciTemplates: (projectKey: string) => `raci-templates:v1:${projectKey}`,
  /** The `esc-settings` record of the working-time calendars and which department uses which. */
  calendars: 'calendars:v1',
  /** The `esc-settings` record of one project's escalation ladder. */
  ladder: (projectKey: string) => `ladder:v1:${projectKey}`,
  /** When the web trigger's secret was made, by whom, and its fingerprint (never the secret). */
  webhookSecretMeta: 'webhook-secret-meta:v1',
  /** The projects whose issues the web trigger may escalate, as a Jira admin listed them on the admin page. */
  webhookProjects: 'webhook-projects:v1',
  /** A queue entry: one per record and slot (a dependency has one; an escalation one per holder). */
  queueItem: (subjectId: string, slot: string) => `${subjectId}:q:${slot}`,
} as const;

export const SECRET = {
  webhookSigningKey: 'webhook-signing-key:v1',
} as const;

/** Forge caps transactions and batches at 25 operations. */
export const MAX_TRANSACTION_OPS = 25;
/** Forge returns at most 100 entities per query page. */
export const MAX_QUERY_LIMIT = 100;
/** Forge stores values of at most 240 KiB (KVS keys and entities alike). */
export const MAX_VALUE_BYTES = 240 * 1024;

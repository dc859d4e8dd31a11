import api, { route, type APIResponse } from '@forge/api';
import { z } from 'zod';
import type { Actor, EscalationFieldValues, Jira, JiraIssue, JiraIssueLink, JiraLinkedIssue, JiraPermission, JiraProject, JiraUser, JiraVersion } from '../../app/kernel/ports';
import { AppError } from '../../app/kernel/errors';
import type { StatusCategory } from '../../contract';

/** Module keys of the app's own custom fields, as declared in manifest.yml. */
export const RACI_FIELD_KEYS = {
  responsible: 'raci-responsible',
  accountable: 'raci-accountable',
  consulted: 'raci-consulted',
  informed: 'raci-informed',
} as const;
type RaciRole = keyof typeof RACI_FIELD_KEYS;

/** The issue entity property holding the departments assigned per RACI role (issue 3). */
export const RACI_DEPARTMENTS_PROPERTY = 'collab-raci-departments';
/**
 * The issue's Accountable, mirrored into an entity property the app keeps in step with the field. The
 * "only the Accountable" workflow condition reads it (`issue.properties['collab-raci']`): a Jira expression
 * can name a custom field only by its per-site id, but an entity property by a key the manifest can hold.
 */
export const RACI_APPROVER_PROPERTY = 'collab-raci';
const RaciDepartmentsPropertySchema = z.object({
  responsible: z.array(z.string()).default([]),
  accountable: z.array(z.string()).default([]),
  consulted: z.array(z.string()).default([]),
  informed: z.array(z.string()).default([]),
});
/**
 * Module keys of the app's escalation fields (manifest.yml): the level (number), the state (text), who holds the
 * current level and who raised (people). An install from before the two people fields has only level and state.
 */
export const ESCALATION_FIELD_KEYS = {
  level: 'escalation-level',
  state: 'escalation-state',
  holders: 'escalation-holders',
  raisers: 'escalation-raisers',
} as const;
type EscalationField = keyof typeof ESCALATION_FIELD_KEYS;
/** The site's ids of the escalation fields; the people fields are optional until the app is upgraded there. */
type EscalationPeopleFieldIds = Partial<Record<'holders' | 'raisers', string>>;
type EscalationFieldIds = { level: string; state: string } & EscalationPeopleFieldIds;

const UserRefSchema = z.object({ accountId: z.string() }).passthrough();
const UserSchema = z.object({
  accountId: z.string(),
  displayName: z.string().default(''),
  active: z.boolean().default(true),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
const StatusSchema = z.object({
  name: z.string(),
  statusCategory: z.object({ key: z.string() }),
});
const IssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().default(''),
      status: StatusSchema,
      duedate: z.string().nullable().optional(),
      project: z.object({ id: z.string(), key: z.string() }),
      fixVersions: z.array(z.object({ id: z.string() })).default([]),
      created: z.string().nullable().optional(),
      statuscategorychangedate: z.string().nullable().optional(),
    })
    .passthrough(),
  editmeta: z.object({ fields: z.record(z.string(), z.unknown()) }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const LinkedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ summary: z.string().default(''), status: StatusSchema }).passthrough(),
});
const IssueLinksSchema = z.array(
  z
    .object({
      id: z.string(),
      type: z.object({ name: z.string() }).passthrough(),
      inwardIssue: LinkedIssueSchema.optional(),
      outwardIssue: LinkedIssueSchema.optional(),
    })
    .passthrough(),
);
const LinkTypesSchema = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() }).passthrough()),
});

/** `issuelinks` as the app reads it; Jira lists only links to issues the caller may see. */
function mapLinks(raw: unknown): JiraLinkedIssue[] {
  const parsed = IssueLinksSchema.safeParse(raw ?? []);
  if (!parsed.success) throw new Error(`Unexpected Jira response for issue links: ${parsed.error.message}`);
  return parsed.data.flatMap((l) => {
    // Jira names the *other* issue: `outwardIssue` when this issue is the link's outward (from) side.
    const other = l.outwardIssue ?? l.inwardIssue;
    if (!other) return [];
    return [
      {
        linkId: l.id,
        typeName: l.type.name,
        direction: l.outwardIssue ? ('outward' as const) : ('inward' as const),
        other: {
          id: other.id,
          key: other.key,
          summary: other.fields.summary,
          statusName: other.fields.status.name,
          statusCategory: toCategory(other.fields.status.statusCategory.key),
        },
      },
    ];
  });
}
const FieldSchema = z.object({
  id: z.string(),
  schema: z.object({ custom: z.string().optional() }).passthrough().optional(),
});
const ProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
const VersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string().optional(),
  releaseDate: z.string().optional(),
  released: z.boolean().default(false),
  archived: z.boolean().default(false),
});
const LinkSchema = z.object({
  id: z.string(),
  type: z.object({ name: z.string() }),
  inwardIssue: z.object({ id: z.string() }),
  outwardIssue: z.object({ id: z.string() }),
});
const PermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});
const CreateErrorSchema = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});
const GroupMembersSchema = z.object({
  values: z.array(z.object({ accountId: z.string() })).default([]),
  isLast: z.boolean().default(true),
});

function toCategory(key: string): StatusCategory {
  return key === 'done' ? 'done' : key === 'new' ? 'new' : 'indeterminate';
}

const requester = (as: Actor) => (as === 'app' ? api.asApp() : api.asUser());

async function readJson<T>(res: APIResponse, schema: z.ZodType<T>, what: string): Promise<T> {
  const text = await res.text();
  const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
  if (!parsed.success) throw new Error(`Unexpected Jira response for ${what}: ${parsed.error.message}`);
  return parsed.data;
}

/** Turns Jira's failure statuses into the app's error codes; returns the response when it is a success. */
function check(res: APIResponse, notFound: AppError): APIResponse {
  if (res.ok) return res;
  if (res.status === 404) throw notFound;
  if (res.status === 401 || res.status === 403) throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'issue' });
  if (res.status === 429) throw new AppError('RATE_LIMITED', 'rateLimited.jira');
  throw new AppError('UPSTREAM', 'upstream.jira', { status: res.status });
}

/** `escalationPeople`: the ids of the escalation people fields, when asked for; their people join `people` after the RACI ones. */
function mapIssue(raw: z.infer<typeof IssueSchema>, fieldIds: Record<RaciRole, string | undefined>, escalationPeople?: EscalationPeopleFieldIds): JiraIssue {
  const f = raw.fields as Record<string, unknown> & z.infer<typeof IssueSchema>['fields'];
  const people = new Map<string, JiraUser>();
  const users = (id: string | undefined): string[] => {
    const v = id ? f[id] : undefined;
    const list = Array.isArray(v) ? v : v ? [v] : [];
    return list.flatMap((u) => {
      const p = UserSchema.safeParse(u);
      if (p.success) people.set(p.data.accountId, toUser(p.data));
      const ref = UserRefSchema.safeParse(u);
      return ref.success ? [ref.data.accountId] : [];
    });
  };
  const raci = {
    responsible: users(fieldIds.responsible),
    accountable: users(fieldIds.accountable)[0] ?? null,
    consulted: users(fieldIds.consulted),
    informed: users(fieldIds.informed),
  };
  const [holders, raisers] = [escalationPeople?.holders, escalationPeople?.raisers].map((id) => (id ? users(id) : null));
  const shown = holders && raisers ? { holders, raisers } : undefined;
  return {
    id: raw.id,
    key: raw.key,
    projectId: f.project.id,
    projectKey: f.project.key,
    summary: f.summary,
    statusName: f.status.name,
    statusCategory: toCategory(f.status.statusCategory.key),
    dueDate: f.duedate ?? null,
    fixVersionIds: f.fixVersions.map((v) => v.id),
    createdAt: f.created ?? null,
    statusCategoryChangedAt: f.statuscategorychangedate ?? null,
    raci,
    people: [...people.values()],
    ...(shown ? { escalationPeople: shown } : {}),
    ...(raw.editmeta ? { editable: Object.keys(raw.editmeta.fields).length > 0 } : {}),
    ...('issuelinks' in f ? { links: mapLinks(f.issuelinks) } : {}),
    ...raciDepartmentsOf(raw.properties?.[RACI_DEPARTMENTS_PROPERTY]),
    ...(raw.properties ? { mirroredAccountable: mirroredAccountableOf(raw.properties[RACI_APPROVER_PROPERTY]) } : {}),
  };
}

/** A property someone else wrote in another shape is ignored rather than trusted. */
function mirroredAccountableOf(value: unknown): string | null {
  const parsed = z.object({ accountable: z.string().nullable() }).safeParse(value);
  return parsed.success ? parsed.data.accountable : null;
}

function raciDepartmentsOf(value: unknown): Pick<JiraIssue, 'raciDepartments'> {
  if (value === undefined) return {};
  const parsed = RaciDepartmentsPropertySchema.safeParse(value);
  return parsed.success ? { raciDepartments: parsed.data } : {};
}

function toUser(u: z.infer<typeof UserSchema>): JiraUser {
  return {
    accountId: u.accountId,
    displayName: u.displayName,
    active: u.active,
    ...(u.avatarUrls?.['48x48'] ? { avatarUrl: u.avatarUrls['48x48'] } : {}),
  };
}

/**
 * The Jira port over `@forge/api`. `asUser` calls carry the invoking user's permissions; `asApp`
 * is used only where no user acts (events, schedules, web triggers).
 */
export function createJiraClient(): Jira {
  let appFieldsPromise: Promise<(moduleKey: string) => string | undefined> | null = null;

  /**
   * The ids (customfield_N) Jira gave the app's fields on this site, found by their module key (the end of
   * `schema.custom`). Stable for the life of an installation, so one lookup per warm function instance serves
   * the RACI and the escalation fields alike.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
   */
  function appFieldIds(): Promise<(moduleKey: string) => string | undefined> {
    appFieldsPromise ??= (async () => {
      const res = check(await api.asApp().requestJira(route`/rest/api/3/field`), new AppError('UPSTREAM', 'upstream.jira', { status: 404 }));
      const fields = await readJson(res, z.array(FieldSchema), 'fields');
      return (moduleKey: string) => fields.find((fl) => fl.schema?.custom?.endsWith(`/static/${moduleKey}`))?.id;
    })().catch((e: unknown) => {
      appFieldsPromise = null;
      throw e;
    });
    return appFieldsPromise;
  }

  async function raciFieldIds(): Promise<Record<RaciRole, string | undefined>> {
    const idOf = await appFieldIds();
    return {
      responsible: idOf(RACI_FIELD_KEYS.responsible),
      accountable: idOf(RACI_FIELD_KEYS.accountable),
      consulted: idOf(RACI_FIELD_KEYS.consulted),
      informed: idOf(RACI_FIELD_KEYS.informed),
    };
  }

  /**
   * Level and state must exist (NOT_CONFIGURED otherwise). The people fields arrive with an app upgrade: until
   * Jira has created them on the site they are left out of reads and writes rather than failing the rest.
   */
  async function escalationFieldIds(): Promise<EscalationFieldIds> {
    const idOf = await appFieldIds();
    const [level, state, holders, raisers] = [idOf(ESCALATION_FIELD_KEYS.level), idOf(ESCALATION_FIELD_KEYS.state), idOf(ESCALATION_FIELD_KEYS.holders), idOf(ESCALATION_FIELD_KEYS.raisers)];
    if (!level || !state) throw new AppError('NOT_CONFIGURED', 'notConfigured.escalationField');
    return { level, state, ...(holders ? { holders } : {}), ...(raisers ? { raisers } : {}) };
  }

  /** The escalation people fields present on the site (either may be missing before the app's upgrade there). */
  async function escalationPeopleFieldIds(): Promise<EscalationPeopleFieldIds> {
    const idOf = await appFieldIds();
    const [holders, raisers] = [idOf(ESCALATION_FIELD_KEYS.holders), idOf(ESCALATION_FIELD_KEYS.raisers)];
    return { ...(holders ? { holders } : {}), ...(raisers ? { raisers } : {}) };
  }

  async function issueFields(): Promise<string[]> {
    const ids = await raciFieldIds();
    return ['summary', 'status', 'duedate', 'project', 'fixVersions', 'created', 'statuscategorychangedate', ...Object.values(ids).filter((x): x is string => !!x)];
  }

  return {
    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get */
    async getIssue(as, issueIdOrKey, opts) {
      const peopleFieldIds = await escalationPeopleFieldIds();
      const [fields, fieldIds] = [[...(await issueFields()), ...Object.values(peopleFieldIds), ...(opts?.withLinks ? ['issuelinks'] : [])], await raciFieldIds()];
      const query = new URLSearchParams({ fields: fields.join(','), properties: `${RACI_DEPARTMENTS_PROPERTY},${RACI_APPROVER_PROPERTY}` });
      if (opts?.withEditMeta) query.set('expand', 'editmeta');
      const res = await requester(as).requestJira(route`/rest/api/3/issue/${issueIdOrKey}?${query}`);
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: issueIdOrKey }));
      return mapIssue(await readJson(res, IssueSchema, 'issue'), fieldIds, peopleFieldIds);
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post */
    async bulkFetchIssues(as, issueIds) {
      if (issueIds.length === 0) return [];
      const [fields, fieldIds] = [await issueFields(), await raciFieldIds()];
      const out: JiraIssue[] = [];
      for (let i = 0; i < issueIds.length; i += 100) {
        const res = await requester(as).requestJira(route`/rest/api/3/issue/bulkfetch`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ issueIdsOrKeys: issueIds.slice(i, i + 100), fields, properties: [RACI_DEPARTMENTS_PROPERTY] }),
        });
        check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: issueIds.join(', ') }));
        const body = await readJson(res, z.object({ issues: z.array(IssueSchema).default([]) }), 'bulkfetch');
        out.push(...body.issues.map((r) => mapIssue(r, fieldIds)));
      }
      return out;
    },

    /**
     * Jira's REST names the sides the other way round: `inwardIssue` is the one the outward phrase starts
     * with ("inwardIssue blocks outwardIssue"). Answers 201 with no body.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post
     */
    async createIssueLink(as, typeName, fromIssueId, toIssueId) {
      const res = await requester(as).requestJira(route`/rest/api/3/issueLink`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ type: { name: typeName }, inwardIssue: { id: fromIssueId }, outwardIssue: { id: toIssueId } }),
      });
      if (res.ok) return;
      const detail = ((await res.text().catch(() => '')) || String(res.status)).slice(0, 300);
      if (res.status === 400 || res.status === 413) throw new AppError('VALIDATION', 'dependency.linkFailed', { from: fromIssueId, to: toIssueId, detail });
      if (res.status === 401 || res.status === 403) throw new AppError('FORBIDDEN', 'dependency.noLinkPermission');
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: `${fromIssueId}, ${toIssueId}` }));
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-linkid-delete */
    async deleteIssueLink(as, linkId) {
      const res = await requester(as).requestJira(route`/rest/api/3/issueLink/${linkId}`, { method: 'DELETE' });
      if (res.status === 404) return;
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: linkId }));
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-link-types/#api-rest-api-3-issuelinktype-get */
    async getIssueLinkTypes(as) {
      const res = check(await requester(as).requestJira(route`/rest/api/3/issueLinkType`), new AppError('UPSTREAM', 'upstream.jira', { status: 404 }));
      const body = await readJson(res, LinkTypesSchema, 'issue link types');
      return body.issueLinkTypes.map((t) => ({ name: t.name, outward: t.outward, inward: t.inward }));
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get */
    async getUsers(as, accountIds) {
      const unique = [...new Set(accountIds)];
      const out: JiraUser[] = [];
      for (let i = 0; i < unique.length; i += 90) {
        const chunk = unique.slice(i, i + 90);
        const query = new URLSearchParams(chunk.map((id) => ['accountId', id]));
        query.set('maxResults', String(chunk.length));
        const res = await requester(as).requestJira(route`/rest/api/3/user/bulk?${query}`);
        check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: '' }));
        const body = await readJson(res, z.object({ values: z.array(UserSchema) }), 'users');
        out.push(...body.values.map(toUser));
      }
      return out;
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get */
    async getProject(as, projectIdOrKey): Promise<JiraProject> {
      const res = await requester(as).requestJira(route`/rest/api/3/project/${projectIdOrKey}`);
      check(res, new AppError('NOT_FOUND', 'notFound.project', { key: projectIdOrKey }));
      return readJson(res, ProjectSchema, 'project');
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-project-projectidorkey-versions-get */
    async getVersions(as, projectIdOrKey): Promise<JiraVersion[]> {
      const res = await requester(as).requestJira(route`/rest/api/3/project/${projectIdOrKey}/versions`);
      check(res, new AppError('NOT_FOUND', 'notFound.project', { key: projectIdOrKey }));
      const versions = await readJson(res, z.array(VersionSchema), 'versions');
      return versions.map((v) => ({ id: v.id, name: v.name, startDate: v.startDate ?? null, releaseDate: v.releaseDate ?? null, released: v.released, archived: v.archived }));
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-statuses-get */
    async getProjectStatuses(as, projectIdOrKey) {
      const res = await requester(as).requestJira(route`/rest/api/3/project/${projectIdOrKey}/statuses`);
      check(res, new AppError('NOT_FOUND', 'notFound.project', { key: projectIdOrKey }));
      const types = await readJson(res, z.array(z.object({ statuses: z.array(StatusSchema.extend({ id: z.string() })) })), 'project statuses');
      const seen = new Map<string, { id: string; name: string; category: StatusCategory }>();
      for (const s of types.flatMap((t) => t.statuses)) if (!seen.has(s.id)) seen.set(s.id, { id: s.id, name: s.name, category: toCategory(s.statusCategory.key) });
      return [...seen.values()];
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-linkid-get */
    async getIssueLink(as, linkId): Promise<JiraIssueLink | null> {
      const res = await requester(as).requestJira(route`/rest/api/3/issueLink/${linkId}`);
      if (res.status === 404) return null;
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: linkId }));
      const link = await readJson(res, LinkSchema, 'issue link');
      return { id: link.id, typeName: link.type.name, fromIssueId: link.inwardIssue.id, toIssueId: link.outwardIssue.id };
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get */
    async hasPermissions(as, scope, permissions) {
      const query = new URLSearchParams({ permissions: permissions.join(',') });
      if (scope.projectKey) query.set('projectKey', scope.projectKey);
      if (scope.issueKey) query.set('issueKey', scope.issueKey);
      const res = await requester(as).requestJira(route`/rest/api/3/mypermissions?${query}`);
      if (res.status === 404) return Object.fromEntries(permissions.map((p) => [p, false])) as Record<JiraPermission, boolean>;
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: scope.issueKey ?? scope.projectKey ?? '' }));
      const body = await readJson(res, PermissionsSchema, 'permissions');
      return Object.fromEntries(permissions.map((p) => [p, body.permissions[p]?.havePermission ?? false])) as Record<JiraPermission, boolean>;
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get */
    async searchUsers(as, query, maxResults) {
      const params = new URLSearchParams({ query, maxResults: String(maxResults) });
      const res = await requester(as).requestJira(route`/rest/api/3/user/search?${params}`);
      check(res, new AppError('UPSTREAM', 'upstream.jira', { status: res.status }));
      const users = await readJson(res, z.array(UserSchema.extend({ accountType: z.string().optional() })), 'user search');
      return users.filter((u) => u.accountType !== 'app').map(toUser);
    },

    /**
     * Follows `isLast` page by page (Jira gives at most 50 members a page).
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
     */
    async getGroupMembers(as, groupName) {
      const out: string[] = [];
      for (let startAt = 0; ; ) {
        const params = new URLSearchParams({ groupname: groupName, startAt: String(startAt), maxResults: '50' });
        const res = await requester(as).requestJira(route`/rest/api/3/group/member?${params}`);
        if (res.status === 404) return null;
        check(res, new AppError('UPSTREAM', 'upstream.jira', { status: res.status }));
        const page = await readJson(res, GroupMembersSchema, 'group members');
        out.push(...page.values.map((u) => u.accountId));
        if (page.isLast || page.values.length === 0) return out;
        startAt += page.values.length;
      }
    },

    /** The ids of the app's RACI fields, from the one `/field` lookup the instance already keeps. */
    async raciFieldIds() {
      const ids = await raciFieldIds();
      return Object.fromEntries(Object.entries(ids).filter(([, id]) => !!id)) as Partial<Record<RaciRole, string>>;
    },

    /**
     * Jira returns `locale` only as the person's privacy settings allow; null then, and for an unknown account.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
     */
    async getUserLocale(as, accountId) {
      const res = await requester(as).requestJira(route`/rest/api/3/user?${new URLSearchParams({ accountId })}`);
      if (res.status === 404) return null;
      check(res, new AppError('UPSTREAM', 'upstream.jira', { status: res.status }));
      const user = await readJson(res, z.object({ accountId: z.string(), locale: z.string().nullish() }).passthrough(), 'user');
      return user.locale ?? null;
    },

    /**
     * All fields and values in ONE request. Per field, the issues that get the same value share one update;
     * when the updates name an issue twice for a field, the later value wins (Jira wants each field and issue
     * once a request). The people fields go as `[{ accountId }]`; null, or an empty list, clears a field. On a
     * site where the people fields do not exist yet, they are skipped and level and state still go. Only the
     * app may write its own fields, hence asApp.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-value-post
     */
    async setEscalationFields(updates) {
      const ids = await escalationFieldIds();
      const byField = new Map<string, Map<string, string>>(); // field id -> issue id -> value as JSON
      for (const u of updates) {
        for (const field of Object.keys(ESCALATION_FIELD_KEYS) as EscalationField[]) {
          const fieldId = ids[field];
          const value = u[field];
          if (!fieldId || value === undefined) continue;
          const wire = Array.isArray(value) ? (value.length ? [...new Set(value)].map((accountId) => ({ accountId })) : null) : value;
          const issues = byField.get(fieldId) ?? new Map<string, string>();
          for (const issueId of u.issueIds) issues.set(issueId, JSON.stringify(wire));
          byField.set(fieldId, issues);
        }
      }
      const body = {
        updates: [...byField].flatMap(([customField, issues]) => {
          const byValue = new Map<string, number[]>();
          for (const [issueId, value] of issues) byValue.set(value, [...(byValue.get(value) ?? []), Number(issueId)]);
          return [...byValue].map(([value, issueIds]) => ({ customField, issueIds, value: JSON.parse(value) as unknown }));
        }),
      };
      if (body.updates.length === 0) return;
      const res = await api.asApp().requestJira(route`/rest/api/3/app/field/value?generateChangelog=true`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status === 404) {
        // A field is gone (the app was downgraded or the field deleted): look the ids up afresh next time.
        appFieldsPromise = null;
        throw new AppError('NOT_CONFIGURED', 'notConfigured.escalationField');
      }
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: updates.flatMap((u) => u.issueIds).join(', ') }));
    },

    /**
     * Level and holders as the issues' fields show them now, one bulk fetch per 100 issues; holders are empty
     * where the site has no holders field yet.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
     */
    async getEscalationFieldValues(issueIds) {
      const out = new Map<string, EscalationFieldValues>();
      if (issueIds.length === 0) return out;
      const { level, holders } = await escalationFieldIds();
      for (let i = 0; i < issueIds.length; i += 100) {
        const res = await api.asApp().requestJira(route`/rest/api/3/issue/bulkfetch`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ issueIdsOrKeys: issueIds.slice(i, i + 100), fields: holders ? [level, holders] : [level] }),
        });
        check(res, new AppError('UPSTREAM', 'upstream.jira', { status: res.status }));
        const body = await readJson(res, z.object({ issues: z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.unknown()) })).default([]) }), 'issues');
        for (const issue of body.issues) {
          const v = issue.fields[level];
          const people = z.array(UserRefSchema).safeParse(holders ? issue.fields[holders] ?? [] : []);
          out.set(issue.id, { level: typeof v === 'number' ? v : null, holders: people.success ? people.data.map((u) => u.accountId) : [] });
        }
      }
      return out;
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post */
    async createIssue(as, d) {
      const paragraphs = d.description.split('\n').filter((line) => line.trim() !== '');
      const fields = {
        project: { key: d.projectKey },
        issuetype: { name: d.issueTypeName },
        summary: d.summary,
        description: { type: 'doc', version: 1, content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
        ...(d.dueDate ? { duedate: d.dueDate } : {}),
        ...(d.assigneeAccountId ? { assignee: { accountId: d.assigneeAccountId } } : {}),
      };
      const res = await requester(as).requestJira(route`/rest/api/3/issue`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ fields }),
      });
      if (res.status === 400) {
        const body = await readJson(res, CreateErrorSchema, 'create issue');
        const detail = [...body.errorMessages, ...Object.entries(body.errors).map(([k, v]) => `${k}: ${v}`)].join('; ') || 'Bad request';
        throw new AppError('VALIDATION', 'project.action.issueRefused', { detail });
      }
      check(res, new AppError('NOT_FOUND', 'notFound.project', { key: d.projectKey }));
      return readJson(res, z.object({ id: z.string(), key: z.string() }), 'created issue');
    },

    /**
     * One request for all recipients: Jira queues one email each and skips people who cannot see the issue.
     * Reporter, assignee, watchers and voters are switched off explicitly, so only the listed people hear.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
     */
    async notify(as, issueIdOrKey, n) {
      const body = {
        subject: n.subject,
        textBody: n.textBody,
        htmlBody: n.htmlBody,
        to: { reporter: false, assignee: false, watchers: false, voters: false, users: [...new Set(n.toAccountIds)].map((accountId) => ({ accountId })) },
      };
      const res = await requester(as).requestJira(route`/rest/api/3/issue/${issueIdOrKey}/notify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: issueIdOrKey }));
    },

    /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put */
    async mirrorAccountable(as, issueIdOrKey, accountable) {
      const res = await requester(as).requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${RACI_APPROVER_PROPERTY}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ accountable }),
      });
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: issueIdOrKey }));
    },

    /**
     * One edit: the RACI fields (user fields take `{ accountId }`) and the departments' entity property.
     * A 403 here is Jira refusing the edit to this user, so it is reported as such.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
     */
    async setRaci(as, issueIdOrKey, raci, departments) {
      const ids = await raciFieldIds();
      const ref = (accountId: string) => ({ accountId });
      const fields: Record<string, unknown> = {};
      if (ids.responsible) fields[ids.responsible] = raci.responsible.map(ref);
      if (ids.accountable) fields[ids.accountable] = raci.accountable ? ref(raci.accountable) : null;
      if (ids.consulted) fields[ids.consulted] = raci.consulted.map(ref);
      if (ids.informed) fields[ids.informed] = raci.informed.map(ref);
      const res = await requester(as).requestJira(route`/rest/api/3/issue/${issueIdOrKey}?notifyUsers=false`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          fields,
          properties: [
            { key: RACI_DEPARTMENTS_PROPERTY, value: departments },
            { key: RACI_APPROVER_PROPERTY, value: { accountable: raci.accountable } },
          ],
        }),
      });
      if (res.status === 403 || res.status === 401) throw new AppError('FORBIDDEN', 'forbidden.edit');
      if (res.status === 400) {
        const text = await res.text();
        throw new AppError('VALIDATION', 'raci.validation.jiraRefused', { detail: jiraErrorText(text) });
      }
      check(res, new AppError('NOT_FOUND', 'notFound.issue', { key: issueIdOrKey }));
    },

    /**
     * One page, never more: the caller decides whether to ask for the next.
     * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
     */
    async searchIssues(as, jql, page) {
      const [fields, fieldIds] = [await issueFields(), await raciFieldIds()];
      const res = await requester(as).requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          jql,
          fields,
          properties: [RACI_DEPARTMENTS_PROPERTY],
          maxResults: page.maxResults,
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
        }),
      });
      if (res.status === 400) {
        throw new AppError('VALIDATION', 'raci.validation.jiraRefused', { detail: jiraErrorText(await res.text()) });
      }
      check(res, new AppError('NOT_FOUND', 'notFound.project', { key: jql }));
      const body = await readJson(
        res,
        z.object({ issues: z.array(IssueSchema).default([]), nextPageToken: z.string().nullish() }),
        'search',
      );
      return { issues: body.issues.map((r) => mapIssue(r, fieldIds)), nextPageToken: body.nextPageToken ?? null };
    },
  };
}

/** Jira's own words from an error body (`errorMessages` and `errors`), for a 400 the user can act on. */
function jiraErrorText(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    const errors = body.errors && typeof body.errors === 'object' ? Object.values(body.errors as Record<string, unknown>).map(String) : [];
    return [...messages, ...errors].join(' ') || text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { JiraAdmin } from './admin';
import { JiraHttpError, badRequest, fieldErrors, forbidden, invalidPayload, issueNotFound, notFound, ISSUE_NOT_FOUND } from './errors';
import { commentEvent, issueEvent, linkEvent, type ChangeItem, type EventContext } from './events';
import { FieldSelection, SYSTEM_FIELDS, SYSTEM_FIELD_IDS, appFieldSchema } from './fields';
import {
  DraftEditor,
  changeStatus,
  diffDrafts,
  draftOf,
  emptyDraft,
  insertIssue,
  recordChangelog,
  writeAppValues,
  writeDraft,
  type IssueDraft,
} from './issue-draft';
import { JqlError, parseJql } from './jql-parser';
import { compileJql } from './jql-sql';
import { PERMISSION_INFO, JiraPermissions, isProjectPermission } from './permissions';
import { JiraRenderer, adfText, isAdfDoc } from './render';
import { JiraRepo, placeholders, type AppFieldRow, type IssueRow, type NotificationRow, type ProjectRow, type UserRow } from './repo';
import {
  AppFieldValueBody,
  BulkFetchBody,
  CommentBody,
  IssueUpdateBody,
  LinkBody,
  MultipleAppFieldValuesBody,
  NotifyBody,
  SearchBody,
  TransitionBody,
  describeZodError,
} from './request-schemas';
import { Router } from './router';
import { ensureJiraSchema } from './schema';
import type { ForgeProductEvent, ForgeValidatorPayload, JiraActor, JiraRequest, JiraResponse, JiraSandboxOptions } from './types';
import { JiraWorkflow } from './workflow';

type Json = Record<string, unknown>;

interface Ctx {
  actor: JiraActor;
  /** The acting account: the user, or the app's own user for asApp calls. */
  accountId: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: string | undefined;
  now: Date;
}

interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: Ctx) => Result | Promise<Result>;

/** A notification recorded by POST /issue/{issueIdOrKey}/notify, as the sandbox shell shows it. */
export interface SandboxNotification {
  id: number;
  issueId: string;
  issueKey: string;
  senderAccountId: string | null;
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
  recipientAccountIds: string[];
  createdAt: string;
}

const MAX_LINKS_PER_ISSUE = 2000;
const ONLY_OWNING_APP = 'Only the app that owns the custom field can update its values.';
const MAX_PROPERTY_LENGTH = 32768;

const ok = (body: unknown, status = 200): Result => ({ status, body });
const noContent = (status = 204): Result => ({ status });

/**
 * A fake Jira Cloud site answering REST v3 in-process, on the shared SQLite database. The app's real
 * `@forge/api` calls reach {@link JiraSandbox.handle}; responses follow Atlassian's OpenAPI spec and
 * mutations emit Forge product events after their transaction commits.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/
 */
export class JiraSandbox {
  readonly stats: { calls: number; byRoute: Record<string, number> } = { calls: 0, byRoute: {} };
  /** Direct writes for seeding and tests (no events). */
  readonly admin: JiraAdmin;
  /** The workflow's extra transitions and the app's conditions and validators attached to them (an admin's setup). */
  readonly workflow: JiraWorkflow;
  private readonly repo: JiraRepo;
  private readonly perms: JiraPermissions;
  private readonly render: JiraRenderer;
  private readonly router = new Router<Handler>();
  private readonly appUserId: string;

  constructor(
    private readonly db: Database,
    private readonly opts: JiraSandboxOptions,
  ) {
    ensureJiraSchema(db);
    this.repo = new JiraRepo(db);
    this.perms = new JiraPermissions(this.repo);
    this.render = new JiraRenderer(this.repo, opts.siteUrl.replace(/\/$/, ''), opts.appId, opts.environmentId);
    this.admin = new JiraAdmin(this.repo, opts.now);
    this.workflow = new JiraWorkflow(this.repo, opts.workflowModules ?? []);
    this.registerAppFields();
    this.appUserId = this.ensureAppUser();
    this.routes();
  }

  /**
   * Answers one REST call as Jira Cloud would for this actor. Never throws: failures are Jira-shaped
   * error responses (`{ errorMessages, errors }`); an unknown route is a 404, a known path with another
   * method a 405. Each call is counted in {@link JiraSandbox.stats} under its route template.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/
   */
  async handle(req: JiraRequest): Promise<JiraResponse> {
    this.stats.calls += 1;
    const method = req.method.toUpperCase();
    const url = new URL(req.path.startsWith('http') ? req.path : `http://sandbox${req.path.startsWith('/') ? '' : '/'}${req.path}`);
    const match = this.router.match(method, url.pathname);
    if (match.kind !== 'ok') {
      this.count(`${method} (unmatched)`);
      if (match.kind === 'method-not-allowed') {
        return this.respond({ status: 405, body: { errorMessages: [`Method ${method} is not allowed here.`], errors: {} }, headers: { allow: match.allowed.join(', ') } });
      }
      return this.respond({ status: 404, body: { errorMessages: [`No REST resource at ${method} ${url.pathname}`], errors: {} } });
    }
    this.count(`${method} ${match.template}`);
    if (req.actor.kind === 'user') {
      const u = this.repo.user(req.actor.accountId);
      if (!u || u.active !== 1) {
        return this.respond({ status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} } });
      }
    }
    const ctx: Ctx = {
      actor: req.actor,
      accountId: req.actor.kind === 'user' ? req.actor.accountId : this.appUserId,
      query: url.searchParams,
      params: match.params,
      body: req.body,
      now: this.opts.now(),
    };
    try {
      return this.respond(await match.handler(ctx));
    } catch (e) {
      if (e instanceof JiraHttpError) return this.respond({ status: e.status, body: e.body() });
      if (e instanceof JqlError) return this.respond({ status: 400, body: { errorMessages: [e.message], errors: {} } });
      const message = e instanceof Error ? e.message : String(e);
      return this.respond({ status: 500, body: { errorMessages: [`Internal sandbox error: ${message}`], errors: {} } });
    }
  }

  resetStats(): void {
    this.stats.calls = 0;
    for (const k of Object.keys(this.stats.byRoute)) delete this.stats.byRoute[k];
  }

  /**
   * Ids of the app's fields by module key, e.g. `{ 'raci-accountable': 'customfield_10101' }`.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
   */
  appFieldIds(): Record<string, string> {
    return Object.fromEntries(this.repo.appFields().map((f) => [f.module_key, f.id]));
  }

  isSeeded(): boolean {
    return this.repo.meta('seeded') !== undefined;
  }

  /** The account id Jira gives the app's own user (the `atlassianId` of events the app causes). */
  appAccountId(): string {
    return this.appUserId;
  }

  /**
   * Notifications sent through POST /issue/{issueIdOrKey}/notify, oldest first, with recipients resolved.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
   */
  listNotifications(): SandboxNotification[] {
    return this.repo.all<NotificationRow>('SELECT * FROM jira_notifications ORDER BY id').map((n) => ({
      id: n.id,
      issueId: String(n.issue_id),
      issueKey: n.issue_key,
      senderAccountId: n.sender,
      subject: n.subject,
      textBody: n.text_body,
      htmlBody: n.html_body,
      recipientAccountIds: JSON.parse(n.recipients) as string[],
      createdAt: new Date(n.created).toISOString(),
    }));
  }

  // ------------------------------------------------------------------ setup

  private registerAppFields(): void {
    this.db.transaction(() => {
      const existing = new Map(this.repo.all<{ id: string; module_key: string }>('SELECT id, module_key FROM jira_app_fields').map((r) => [r.module_key, r.id]));
      this.opts.appFields.forEach((f, index) => {
        const id = existing.get(f.moduleKey) ?? `customfield_${this.repo.nextId('app-field', 10100)}`;
        this.repo.run(
          `INSERT INTO jira_app_fields (id, module_key, name, description, type, collection, read_only, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, type = excluded.type,
             collection = excluded.collection, read_only = excluded.read_only, sequence = excluded.sequence`,
          id,
          f.moduleKey,
          f.name,
          f.description ?? null,
          f.type,
          f.collection ?? 'none',
          f.readOnly === true ? 1 : 0,
          index,
        );
      });
    })();
    this.repo.forgetAppFields();
  }

  private ensureAppUser(): string {
    const h = createHash('sha1').update(`app-user:${this.opts.appId}`).digest('hex');
    const accountId = `712020:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    if (!this.repo.user(accountId)) {
      this.admin.upsertUser({ accountId, displayName: 'Cross-department Collaboration (app)', accountType: 'app', timeZone: 'UTC', locale: 'en_US' });
    }
    return accountId;
  }

  private count(route: string): void {
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
  }

  private respond(r: Result): JiraResponse {
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    if (r.body === undefined) return { status: r.status, headers, body: '' };
    headers['content-type'] = 'application/json;charset=UTF-8';
    return { status: r.status, headers, body: JSON.stringify(r.body) };
  }

  private routes(): void {
    const api = '/rest/api/3';
    const r = this.router;
    r.add('GET', `${api}/myself`, (c) => this.myself(c));
    r.add('GET', `${api}/field`, (c) => this.fields(c));
    r.add('GET', `${api}/user`, (c) => this.getUser(c));
    r.add('GET', `${api}/user/bulk`, (c) => this.userBulk(c));
    r.add('GET', `${api}/user/search`, (c) => this.userSearch(c));
    r.add('GET', `${api}/user/picker`, (c) => this.userPicker(c));
    r.add('GET', `${api}/group/member`, (c) => this.groupMembers(c));
    r.add('GET', `${api}/project/search`, (c) => this.projectSearch(c));
    r.add('GET', `${api}/project/{projectIdOrKey}`, (c) => this.getProject(c));
    r.add('GET', `${api}/project/{projectIdOrKey}/versions`, (c) => this.projectVersions(c));
    r.add('GET', `${api}/project/{projectIdOrKey}/statuses`, (c) => this.projectStatuses(c));
    r.add('GET', `${api}/mypermissions`, (c) => this.myPermissions(c));
    r.add('POST', `${api}/issue/bulkfetch`, (c) => this.bulkFetch(c));
    r.add('POST', `${api}/issue`, (c) => this.createIssue(c));
    r.add('GET', `${api}/issue/{issueIdOrKey}`, (c) => this.getIssue(c));
    r.add('PUT', `${api}/issue/{issueIdOrKey}`, (c) => this.editIssue(c));
    r.add('DELETE', `${api}/issue/{issueIdOrKey}`, (c) => this.deleteIssue(c));
    r.add('GET', `${api}/issue/{issueIdOrKey}/transitions`, (c) => this.getTransitions(c));
    r.add('POST', `${api}/issue/{issueIdOrKey}/transitions`, (c) => this.doTransition(c));
    r.add('POST', `${api}/issue/{issueIdOrKey}/notify`, (c) => this.notify(c));
    r.add('GET', `${api}/issue/{issueIdOrKey}/properties`, (c) => this.propertyKeys(c));
    r.add('GET', `${api}/issue/{issueIdOrKey}/properties/{propertyKey}`, (c) => this.getProperty(c));
    r.add('PUT', `${api}/issue/{issueIdOrKey}/properties/{propertyKey}`, (c) => this.setProperty(c));
    r.add('DELETE', `${api}/issue/{issueIdOrKey}/properties/{propertyKey}`, (c) => this.deleteProperty(c));
    r.add('GET', `${api}/issue/{issueIdOrKey}/comment`, (c) => this.getComments(c));
    r.add('POST', `${api}/issue/{issueIdOrKey}/comment`, (c) => this.addComment(c));
    r.add('POST', `${api}/search/jql`, (c) => this.searchPost(c));
    r.add('GET', `${api}/search/jql`, (c) => this.searchGet(c));
    r.add('GET', `${api}/issueLinkType`, () => ok({ issueLinkTypes: this.repo.linkTypes().map((t) => this.render.linkType(t)) }));
    r.add('POST', `${api}/issueLink`, (c) => this.createLink(c));
    r.add('GET', `${api}/issueLink/{linkId}`, (c) => this.getLink(c));
    r.add('DELETE', `${api}/issueLink/{linkId}`, (c) => this.deleteLink(c));
    r.add('PUT', `${api}/app/field/{fieldIdOrKey}/value`, (c) => this.setAppFieldValues(c));
    r.add('POST', `${api}/app/field/value`, (c) => this.setManyAppFieldValues(c));
  }

  // ------------------------------------------------------------------ helpers

  private parseBody<S extends z.ZodType>(schema: S, raw: string | undefined): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(raw ?? '');
    } catch {
      throw invalidPayload();
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw badRequest(describeZodError(parsed.error));
    return parsed.data;
  }

  private qInt(ctx: Ctx, name: string, fallback: number): number {
    const raw = ctx.query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw badRequest(`The value '${raw}' is not valid for the parameter '${name}'.`);
    return n;
  }

  /** A query parameter given repeatedly and/or comma-separated. */
  private qList(ctx: Ctx, name: string): string[] {
    return ctx.query
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  private canBrowse(actor: JiraActor, projectId: number): boolean {
    return this.perms.has(actor, projectId, 'BROWSE_PROJECTS');
  }

  /** The issue if it exists and the actor may browse it; otherwise Jira's 404. */
  private visibleIssue(ctx: Ctx, idOrKey: string): IssueRow {
    const issue = this.repo.issue(idOrKey);
    if (!issue || !this.canBrowse(ctx.actor, issue.project_id)) throw issueNotFound();
    return issue;
  }

  private requirePermission(ctx: Ctx, issue: IssueRow, permission: Parameters<JiraPermissions['has']>[2], message: string): void {
    if (!this.perms.has(ctx.actor, issue.project_id, permission)) throw forbidden(message);
  }

  private renderIssues(ctx: Ctx, rows: readonly IssueRow[], fields: FieldSelection, expand: ReadonlySet<string>, properties: readonly string[]): Json[] {
    const browsable = new Map<number, boolean>();
    return this.render.issues(rows, {
      fields,
      expand,
      properties,
      canBrowseProject: (id) => {
        if (!browsable.has(id)) browsable.set(id, this.canBrowse(ctx.actor, id));
        return browsable.get(id) === true;
      },
      transitions: (row) => this.transitionsFor(ctx, row),
    });
  }

  /** The issue as event payloads carry it (all navigable fields, as the app would see it). */
  private eventIssue(row: IssueRow): Json {
    const [rendered] = this.render.issues([row], {
      fields: FieldSelection.parse(['*navigable'], []),
      expand: new Set(),
      properties: [],
      canBrowseProject: () => true,
    });
    const { expand: _expand, ...issue } = rendered ?? {};
    return issue;
  }

  private eventCtx(ctx: Ctx): EventContext {
    return { atlassianId: ctx.accountId, selfGenerated: ctx.actor.kind === 'app', now: ctx.now };
  }

  /** Emits after the transaction committed; a failing listener must not turn a committed write into an error. */
  private emitAll(events: ForgeProductEvent[]): void {
    for (const e of events) {
      try {
        this.opts.emit(e);
      } catch (err) {
        console.error(`[jira-sandbox] event listener failed for ${e.eventType}:`, err);
      }
    }
  }

  private expandSet(raw: string | string[] | null | undefined): Set<string> {
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return new Set(list.flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== ''));
  }

  private userJson(u: UserRow, expand: ReadonlySet<string>): Json {
    const out = this.render.user(u);
    if (expand.has('groups')) {
      const groups = this.repo.groupsOf(u.account_id).flatMap((name) => {
        const g = this.repo.group(name);
        return g ? [this.render.group(g.name, g.group_id)] : [];
      });
      out.groups = { size: groups.length, items: groups, 'max-results': groups.length };
    }
    if (expand.has('applicationRoles')) {
      const roles = u.account_type === 'atlassian' ? [{ key: 'jira-software', name: 'Jira' }] : [];
      out.applicationRoles = { size: roles.length, items: roles, 'max-results': roles.length };
    }
    out.expand = 'groups,applicationRoles';
    return out;
  }

  // ------------------------------------------------------------------ users, groups, fields

  private myself(ctx: Ctx): Result {
    const u = this.repo.user(ctx.accountId);
    if (!u) throw new JiraHttpError(401, ['Client must be authenticated to access this resource.']);
    return ok(this.userJson(u, this.expandSet(ctx.query.get('expand'))));
  }

  private getUser(ctx: Ctx): Result {
    const accountId = ctx.query.get('accountId');
    if (!accountId) throw badRequest("The query parameter 'accountId' is required.");
    const u = this.repo.user(accountId);
    if (!u) throw notFound('Specified user does not exist or you do not have required permissions');
    return ok(this.userJson(u, this.expandSet(ctx.query.get('expand'))));
  }

  private userBulk(ctx: Ctx): Result {
    const ids = ctx.query.getAll('accountId').filter((x) => x !== '');
    if (ids.length === 0) throw badRequest("The query parameter 'accountId' is required.");
    const startAt = Math.max(0, this.qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, this.qInt(ctx, 'maxResults', 10)), 200);
    const found = this.repo.usersByIds(ids);
    const users = [...new Set(ids)].flatMap((id) => {
      const u = found.get(id);
      return u ? [u] : [];
    });
    const page = users.slice(startAt, startAt + maxResults);
    const isLast = startAt + maxResults >= users.length;
    const selfQuery = `startAt=${startAt}&maxResults=${maxResults}&${ids.map((i) => `accountId=${encodeURIComponent(i)}`).join('&')}`;
    return ok({
      self: this.render.self(`/user/bulk?${selfQuery}`),
      ...(isLast ? {} : { nextPage: this.render.self(`/user/bulk?${selfQuery.replace(`startAt=${startAt}`, `startAt=${startAt + maxResults}`)}`) }),
      maxResults,
      startAt,
      total: users.length,
      isLast,
      values: page.map((u) => this.render.user(u)),
    });
  }

  private matchUsers(query: string): UserRow[] {
    const q = query.trim().toLowerCase();
    return this.repo.allUsers().filter((u) => {
      if (u.account_type === 'app') return false;
      if (u.account_id === query) return true;
      const name = u.display_name.toLowerCase();
      const email = (u.email ?? '').toLowerCase();
      return name.includes(q) || email.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    });
  }

  private userSearch(ctx: Ctx): Result {
    const query = ctx.query.get('query');
    const accountId = ctx.query.get('accountId');
    if (!query && !accountId) throw badRequest("One of 'query' or 'accountId' parameters must be provided.");
    const startAt = Math.max(0, this.qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, this.qInt(ctx, 'maxResults', 50)), 1000);
    const users = accountId ? [this.repo.user(accountId)].filter((u): u is UserRow => !!u) : this.matchUsers(query ?? '');
    return ok(users.slice(startAt, startAt + maxResults).map((u) => this.render.user(u)));
  }

  private userPicker(ctx: Ctx): Result {
    const query = ctx.query.get('query');
    if (query === null) throw badRequest("The query parameter 'query' is required.");
    const maxResults = Math.max(1, this.qInt(ctx, 'maxResults', 50));
    const exclude = new Set([...this.qList(ctx, 'excludeAccountIds'), ...this.qList(ctx, 'exclude')]);
    const all = this.matchUsers(query).filter((u) => !exclude.has(u.account_id));
    const shown = all.slice(0, maxResults);
    const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const highlight = (name: string): string => {
      const i = name.toLowerCase().indexOf(query.toLowerCase());
      if (i < 0 || query === '') return escape(name);
      return `${escape(name.slice(0, i))}<strong>${escape(name.slice(i, i + query.length))}</strong>${escape(name.slice(i + query.length))}`;
    };
    return ok({
      users: shown.map((u) => ({
        accountId: u.account_id,
        accountType: u.account_type,
        html: `${highlight(u.display_name)}${u.email ? ` - ${escape(u.email)}` : ''}`,
        displayName: u.display_name,
        avatarUrl: this.render.avatarUrls('user', u.account_id)['16x16'],
      })),
      total: all.length,
      header: `Showing ${shown.length} of ${all.length} matching users`,
    });
  }

  private groupMembers(ctx: Ctx): Result {
    const name = ctx.query.get('groupname');
    const groupId = ctx.query.get('groupId');
    if (!name && !groupId) throw badRequest('You must provide a group name or a group id.');
    if (!this.perms.hasGlobal(ctx.actor, 'USER_PICKER')) throw forbidden('You do not have permission to browse users and groups.');
    const group = groupId ? this.repo.groupById(groupId) : this.repo.group(name ?? '');
    if (!group) throw notFound(`Group '${name ?? groupId ?? ''}' does not exist.`);
    const includeInactive = ctx.query.get('includeInactiveUsers') === 'true';
    const startAt = Math.max(0, this.qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, this.qInt(ctx, 'maxResults', 50)), 50);
    const users = [...this.repo.usersByIds(this.repo.groupMemberIds(group.name)).values()]
      .filter((u) => includeInactive || u.active === 1)
      .sort((a, b) => a.display_name.localeCompare(b.display_name) || a.account_id.localeCompare(b.account_id));
    const page = users.slice(startAt, startAt + maxResults);
    const isLast = startAt + maxResults >= users.length;
    const base = `/group/member?groupId=${encodeURIComponent(group.group_id)}&includeInactiveUsers=${includeInactive}&maxResults=${maxResults}`;
    return ok({
      self: this.render.self(`${base}&startAt=${startAt}`),
      ...(isLast ? {} : { nextPage: this.render.self(`${base}&startAt=${startAt + maxResults}`) }),
      maxResults,
      startAt,
      total: users.length,
      isLast,
      values: page.map((u) => this.render.userDetails(u)),
    });
  }

  private fields(_ctx: Ctx): Result {
    const system = SYSTEM_FIELDS.map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: false,
      orderable: f.orderable,
      navigable: f.navigable,
      searchable: f.searchable,
      clauseNames: f.clauseNames,
      ...(f.schema ? { schema: f.schema } : {}),
    }));
    const app = this.repo.appFields().map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${f.id.replace('customfield_', '')}]`, f.name, `${f.name}[${f.type === 'user' ? 'User Picker' : f.type}]`],
      schema: appFieldSchema(f, this.opts.appId, this.opts.environmentId),
    }));
    return ok([...system, ...app]);
  }

  // ------------------------------------------------------------------ projects and permissions

  private visibleProject(ctx: Ctx, idOrKey: string): ProjectRow {
    const p = this.repo.project(idOrKey);
    const perms = p ? this.perms.projectPermissions(ctx.actor, p.id) : new Set<string>();
    if (!p || !(perms.has('BROWSE_PROJECTS') || perms.has('ADMINISTER_PROJECTS'))) {
      throw notFound(/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`);
    }
    return p;
  }

  private projectSearch(ctx: Ctx): Result {
    const startAt = Math.max(0, this.qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, this.qInt(ctx, 'maxResults', 50)), 100);
    const keys = new Set(this.qList(ctx, 'keys').map((k) => k.toUpperCase()));
    const ids = new Set(this.qList(ctx, 'id'));
    const query = (ctx.query.get('query') ?? '').toLowerCase();
    const orderBy = ctx.query.get('orderBy') ?? 'key';
    const expand = this.expandSet(ctx.query.get('expand'));
    let projects = this.repo.projects().filter((p) => {
      const held = this.perms.projectPermissions(ctx.actor, p.id);
      if (!held.has('BROWSE_PROJECTS') && !held.has('ADMINISTER_PROJECTS')) return false;
      if (keys.size > 0 && !keys.has(p.key)) return false;
      if (ids.size > 0 && !ids.has(String(p.id))) return false;
      return query === '' || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query);
    });
    const desc = orderBy.startsWith('-');
    const by = orderBy.replace(/^[-+]/, '');
    projects = projects.sort((a, b) => (by === 'name' ? a.name.localeCompare(b.name) : by === 'id' ? a.id - b.id : a.key.localeCompare(b.key)));
    if (desc) projects.reverse();
    const page = projects.slice(startAt, startAt + maxResults);
    const isLast = startAt + maxResults >= projects.length;
    const base = `/project/search?maxResults=${maxResults}&orderBy=${encodeURIComponent(orderBy)}`;
    return ok({
      self: this.render.self(`${base}&startAt=${startAt}`),
      ...(isLast ? {} : { nextPage: this.render.self(`${base}&startAt=${startAt + maxResults}`) }),
      maxResults,
      startAt,
      total: projects.length,
      isLast,
      values: page.map((p) => this.render.project(p, expand, false, ctx.now)),
    });
  }

  private getProject(ctx: Ctx): Result {
    const p = this.visibleProject(ctx, ctx.params.projectIdOrKey ?? '');
    return ok(this.render.project(p, this.expandSet(ctx.query.get('expand')), true, ctx.now));
  }

  private projectVersions(ctx: Ctx): Result {
    const p = this.visibleProject(ctx, ctx.params.projectIdOrKey ?? '');
    return ok(this.repo.versions(p.id).map((v) => this.render.version(v, ctx.now)));
  }

  /** Every issue type with the statuses of its workflow; the sandbox has one workflow, shared by all types. */
  private projectStatuses(ctx: Ctx): Result {
    const p = this.visibleProject(ctx, ctx.params.projectIdOrKey ?? '');
    const statuses = this.repo.statuses().map((s) => this.render.status(s));
    return ok(
      this.repo.issueTypes().map((t) => ({
        self: this.render.self(`/project/${p.id}/statuses/${t.id}`),
        id: t.id,
        name: t.name,
        subtask: false,
        statuses,
      })),
    );
  }

  private myPermissions(ctx: Ctx): Result {
    const keys = this.qList(ctx, 'permissions');
    if (keys.length === 0) throw badRequest('The permissions query parameter is required.');
    const unknown = keys.filter((k) => !(k in PERMISSION_INFO));
    if (unknown.length > 0) throw badRequest(`Permission key(s) ${unknown.join(', ')} not found.`);
    const issueRef = ctx.query.get('issueId') ?? ctx.query.get('issueKey');
    const projectRef = ctx.query.get('projectId') ?? ctx.query.get('projectKey');
    let projectId: number | null = null;
    if (issueRef) {
      projectId = this.visibleIssue(ctx, issueRef).project_id;
    } else if (projectRef) {
      const p = this.repo.project(projectRef);
      if (!p) throw notFound(`No project could be found with ${ctx.query.get('projectId') ? 'id' : 'key'} '${projectRef}'.`);
      projectId = p.id;
    }
    const held = projectId === null ? null : this.perms.projectPermissions(ctx.actor, projectId);
    const permissions: Record<string, Json> = {};
    for (const key of keys) {
      const info = PERMISSION_INFO[key as keyof typeof PERMISSION_INFO];
      let have: boolean;
      if (!isProjectPermission(key)) have = this.perms.hasGlobal(ctx.actor, key as 'ADMINISTER' | 'USER_PICKER');
      else if (held) have = held.has(key);
      else have = this.perms.hasAnywhere(ctx.actor, key);
      permissions[key] = { id: info.id, key, name: info.name, type: info.type, description: info.description, havePermission: have };
    }
    return ok({ permissions });
  }

  // ------------------------------------------------------------------ issues

  private getIssue(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const fields = FieldSelection.parse(this.qList(ctx, 'fields'), ['*all']);
    const expand = this.expandSet(ctx.query.get('expand'));
    const [rendered] = this.renderIssues(ctx, [issue], fields, expand, this.qList(ctx, 'properties'));
    if (rendered && expand.has('editmeta')) rendered.editmeta = this.editMeta(ctx, issue);
    return ok(rendered);
  }

  /**
   * The fields the actor may edit on the issue: none without EDIT_ISSUES, as Jira's editmeta says. The app's
   * read-only fields are never among them: only the app's field value endpoints write those.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field-type/#read-only-fields
   */
  private editMeta(ctx: Ctx, issue: IssueRow): Json {
    if (!this.perms.has(ctx.actor, issue.project_id, 'EDIT_ISSUES')) return { fields: {} };
    const ids = ['summary', 'duedate', 'fixVersions', 'assignee', ...this.repo.appFields().filter((f) => f.read_only !== 1).map((f) => f.id)];
    return {
      fields: Object.fromEntries(
        ids.flatMap((id) => {
          const schema = this.render.fieldSchema(id);
          return schema ? [[id, { required: id === 'summary', schema, name: this.render.fieldName(id) ?? id, key: id, operations: ['set'] }]] : [];
        }),
      ),
    };
  }

  private createIssue(ctx: Ctx): Result {
    const body = this.parseBody(IssueUpdateBody, ctx.body);
    const fields = body.fields ?? {};
    const projectRef = fields.project as { id?: unknown; key?: unknown } | undefined;
    const projectKey = projectRef && typeof projectRef === 'object' ? String(projectRef.id ?? projectRef.key ?? '') : '';
    const project = projectKey ? this.repo.project(projectKey) : undefined;
    if (!project || !this.canBrowse(ctx.actor, project.id)) throw fieldErrors({ project: 'Specify a valid project ID or key' });
    if (!this.perms.has(ctx.actor, project.id, 'CREATE_ISSUES')) {
      throw new JiraHttpError(403, [], { project: 'You do not have permission to create issues in this project.' });
    }
    const draft = emptyDraft(project);
    draft.reporter = ctx.accountId;
    const editor = new DraftEditor(this.repo, draft, 'create');
    // The type goes first: the parent check depends on it.
    if ('issuetype' in fields) editor.applyFields({ issuetype: fields.issuetype });
    const { issuetype: _type, ...rest } = fields;
    editor.applyFields(rest);
    if (body.update) editor.applyUpdate(body.update);
    if (!('summary' in fields) && !editor.errors.summary) editor.errors.summary = 'You must specify a summary of the issue.';
    if (!draft.issueTypeId) editor.errors.issuetype = 'Specify an issue type';
    if (!editor.ok()) throw fieldErrors(editor.errors);

    const now = ctx.now.getTime();
    const events: ForgeProductEvent[] = [];
    const row = this.db.transaction(() => {
      const created = insertIssue(this.repo, project, draft, {
        statusId: this.repo.statuses().find((s) => s.category === 'new')?.id ?? '10000',
        creator: ctx.accountId,
        created: now,
        updated: now,
        resolutionDate: null,
      });
      for (const p of body.properties ?? []) this.writeProperty(created.id, p.key, p.value);
      events.push(issueEvent('avi:jira:created:issue', this.eventIssue(created), this.eventCtx(ctx)));
      return created;
    })();
    this.emitAll(events);
    return ok({ id: String(row.id), key: row.key, self: this.render.self(`/issue/${row.id}`) }, 201);
  }

  /** Applies an edit; returns the changelog event, or null when nothing changed. Call inside a transaction. */
  private applyEdit(ctx: Ctx, issue: IssueRow, editor: DraftEditor, before: ReturnType<typeof draftOf>, after: ReturnType<typeof draftOf>, extra: ChangeItem[] = []): ForgeProductEvent | null {
    const items = [...extra, ...diffDrafts(this.repo, before, after)];
    if (items.length === 0 || !editor.ok()) return null;
    const now = ctx.now.getTime();
    writeDraft(this.repo, issue.id, after, now);
    const changelogId = recordChangelog(this.repo, issue.id, ctx.accountId, now, items);
    const row = this.repo.issueById(issue.id) ?? issue;
    return issueEvent('avi:jira:updated:issue', this.eventIssue(row), this.eventCtx(ctx), { id: String(changelogId), items });
  }

  private editIssue(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    this.requirePermission(ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const body = this.parseBody(IssueUpdateBody, ctx.body);
    if (body.transition) throw badRequest('Use POST /rest/api/3/issue/{issueIdOrKey}/transitions to transition an issue.');
    const before = draftOf(this.repo, issue);
    const after = draftOf(this.repo, issue);
    const editor = new DraftEditor(this.repo, after, 'edit');
    editor.applyFields(body.fields ?? {});
    if (body.update) editor.applyUpdate(body.update);
    if (!editor.ok()) throw fieldErrors(editor.errors);
    if (before.assignee !== after.assignee && !this.perms.has(ctx.actor, issue.project_id, 'ASSIGN_ISSUES')) {
      throw fieldErrors({ assignee: 'You do not have permission to assign issues.' });
    }
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      const e = this.applyEdit(ctx, issue, editor, before, after);
      if (e) events.push(e);
      for (const p of body.properties ?? []) this.writeProperty(issue.id, p.key, p.value);
    })();
    this.emitAll(events);
    if (ctx.query.get('returnIssue') === 'true') {
      const row = this.repo.issueById(issue.id) ?? issue;
      const [rendered] = this.renderIssues(ctx, [row], FieldSelection.parse(['*all'], []), this.expandSet(ctx.query.get('expand')), []);
      return ok(rendered);
    }
    return noContent();
  }

  private deleteIssue(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    this.requirePermission(ctx, issue, 'DELETE_ISSUES', 'You do not have permission to delete issues in this project.');
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      const snapshot = this.eventIssue(issue);
      const id = issue.id;
      this.repo.run('UPDATE jira_issues SET parent_id = NULL WHERE parent_id = ?', id);
      this.repo.run('DELETE FROM jira_issue_links WHERE source_id = ? OR destination_id = ?', id, id);
      for (const table of ['jira_issue_versions', 'jira_field_values', 'jira_comments', 'jira_issue_properties', 'jira_changelog']) {
        this.repo.run(`DELETE FROM ${table} WHERE issue_id = ?`, id);
      }
      this.repo.run('DELETE FROM jira_issues WHERE id = ?', id);
      // Only the top-level delete is an event: links and children go silently, as in Jira.
      events.push(issueEvent('avi:jira:deleted:issue', snapshot, this.eventCtx(ctx)));
    })();
    this.emitAll(events);
    return noContent();
  }

  // ------------------------------------------------------------------ transitions

  private transitionsFor(ctx: Ctx, issue: IssueRow): Json[] {
    if (!this.perms.has(ctx.actor, issue.project_id, 'TRANSITION_ISSUES')) return [];
    // A transition whose workflow condition does not hold for this user is not offered at all, as in Jira.
    const offered = this.repo.transitionsFrom(issue.status_id).filter((t) => this.workflow.conditionsAllow(t.id, issue, ctx.accountId));
    return offered.map((t) => ({
      id: t.id,
      name: t.name,
      to: this.render.status(this.repo.status(t.to_status_id)),
      hasScreen: false,
      isGlobal: false,
      isInitial: false,
      isAvailable: true,
      isConditional: this.workflow.hasConditions(t.id),
      isLooped: false,
    }));
  }

  /**
   * The fields a transition request changes, as a Forge validator's `modifiedFields` carries them: the app's
   * user fields as `{ accountId }` (a list of them for list fields, `null` when emptied), other fields as sent.
   */
  private modifiedFields(fields: Record<string, unknown>): Record<string, unknown> {
    const ref = (v: unknown): unknown => {
      const id = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { accountId?: unknown }).accountId : undefined;
      return typeof id === 'string' ? { accountId: id } : null;
    };
    return Object.fromEntries(
      Object.entries(fields).map(([id, value]) => {
        const field = this.repo.appFields().find((f) => f.id === id);
        if (!field || field.type !== 'user') return [id, value];
        if (field.collection === 'list') return [id, Array.isArray(value) && value.length > 0 ? value.map(ref) : null];
        return [id, ref(value)];
      }),
    );
  }

  private getTransitions(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const only = ctx.query.get('transitionId');
    const transitions = this.transitionsFor(ctx, issue).filter((t) => !only || t.id === only);
    return ok({ expand: 'transitions', transitions });
  }

  private async doTransition(ctx: Ctx): Promise<Result> {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const body = this.parseBody(TransitionBody, ctx.body);
    const transitionId = body.transition.id;
    const invalid = (): JiraHttpError => badRequest(`Transition id '${transitionId}' is not valid for this issue.`);
    const available = (row: IssueRow): boolean => this.transitionsFor(ctx, row).some((t) => t.id === transitionId);
    if (!available(issue)) throw invalid();
    // Field errors are reported before any validator runs.
    const check = new DraftEditor(this.repo, draftOf(this.repo, issue), 'edit');
    check.applyFields(body.fields ?? {});
    if (body.update) check.applyUpdate(body.update);
    if (!check.ok()) throw fieldErrors(check.errors);
    const toStatus = this.repo.transitionsFrom(issue.status_id).find((t) => t.id === transitionId)?.to_status_id ?? issue.status_id;
    const payload: ForgeValidatorPayload = {
      issue: { key: issue.key },
      configuration: {},
      transition: { from: { id: issue.status_id }, to: { id: toStatus }, modifiedFields: this.modifiedFields(body.fields ?? {}) },
    };
    const validators = this.workflow.functionValidators(transitionId).map((v) => ({ moduleKey: v.moduleKey, payload }));
    if (this.opts.beforeTransition) {
      const verdict = await this.opts.beforeTransition({ issueKey: issue.key, transitionId, actorAccountId: ctx.accountId }, { validators });
      if (!verdict.ok) throw badRequest(verdict.message);
    } else if (validators.length > 0) {
      // Nothing can run the app's validator: Jira fails the rule, as it does when the providing app is gone.
      throw badRequest(`The workflow validator '${validators[0]!.moduleKey}' could not run: its app is not available.`);
    }
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      // Re-read: the validator awaited, and the issue may have moved meanwhile.
      const current = this.repo.issueById(issue.id);
      if (!current) throw issueNotFound();
      if (!available(current)) throw invalid();
      const target = this.repo.transitionsFrom(current.status_id).find((t) => t.id === transitionId);
      if (!target) throw invalid();
      const before = draftOf(this.repo, current);
      const after = draftOf(this.repo, current);
      const editor = new DraftEditor(this.repo, after, 'edit');
      editor.applyFields(body.fields ?? {});
      if (body.update) editor.applyUpdate(body.update);
      if (!editor.ok()) throw fieldErrors(editor.errors);
      const statusItems = changeStatus(this.repo, current, target.to_status_id, ctx.now.getTime());
      const moved = this.repo.issueById(current.id) ?? current;
      const e = this.applyEdit(ctx, moved, editor, before, after, statusItems);
      if (e) events.push(e);
    })();
    this.emitAll(events);
    return noContent();
  }

  // ------------------------------------------------------------------ search

  private searchPost(ctx: Ctx): Result {
    const body = this.parseBody(SearchBody, ctx.body);
    return this.search(ctx, {
      jql: body.jql ?? '',
      nextPageToken: body.nextPageToken ?? null,
      maxResults: body.maxResults ?? null,
      fields: body.fields ?? [],
      expand: body.expand ?? '',
      properties: body.properties ?? [],
    });
  }

  private searchGet(ctx: Ctx): Result {
    const max = ctx.query.get('maxResults');
    return this.search(ctx, {
      jql: ctx.query.get('jql') ?? '',
      nextPageToken: ctx.query.get('nextPageToken'),
      maxResults: max === null ? null : this.qInt(ctx, 'maxResults', 50),
      fields: this.qList(ctx, 'fields'),
      expand: ctx.query.get('expand') ?? '',
      properties: this.qList(ctx, 'properties'),
    });
  }

  private pageTokenHash(ctx: Ctx, jql: string): string {
    return createHash('sha1').update(`${ctx.accountId}\n${jql}`).digest('hex').slice(0, 12);
  }

  private search(
    ctx: Ctx,
    q: { jql: string; nextPageToken: string | null; maxResults: number | null; fields: string[]; expand: string; properties: string[] },
  ): Result {
    const parsed = parseJql(q.jql);
    const compiled = compileJql(parsed, { repo: this.repo, currentAccountId: ctx.accountId, now: ctx.now });
    if (!compiled.bounded) throw badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    const fields = FieldSelection.parse(q.fields, ['id']);
    const cap = fields.keysOnly() ? 5000 : 100;
    const maxResults = Math.min(Math.max(1, q.maxResults ?? 50), cap);
    let offset = 0;
    const hash = this.pageTokenHash(ctx, q.jql);
    if (q.nextPageToken) {
      try {
        const token = JSON.parse(Buffer.from(q.nextPageToken, 'base64url').toString('utf8')) as { o?: unknown; h?: unknown };
        if (typeof token.o !== 'number' || token.h !== hash) throw new Error('mismatch');
        offset = token.o;
      } catch {
        throw badRequest('The provided next page token is invalid or expired.');
      }
    }
    const browsable = this.perms.browsableProjectIds(ctx.actor);
    const scope = browsable === null ? '1' : browsable.length === 0 ? '0' : `i.project_id IN (${placeholders(browsable.length)})`;
    const sql = `SELECT i.id FROM jira_issues i WHERE ${scope} AND ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`;
    const ids = (this.db.prepare(sql).all(...(browsable ?? []), ...compiled.params, maxResults + 1, offset) as Array<{ id: number }>).map((r) => r.id);
    const pageIds = ids.slice(0, maxResults);
    const isLast = ids.length <= maxResults;
    const byId = new Map(this.repo.issuesByIds(pageIds).map((r) => [r.id, r]));
    const rows = pageIds.map((id) => byId.get(id)).filter((r): r is IssueRow => !!r);
    const expand = this.expandSet(q.expand);
    const issues = this.renderIssues(ctx, rows, fields, expand, q.properties);
    const out: Json = { issues };
    if (!isLast) out.nextPageToken = Buffer.from(JSON.stringify({ o: offset + maxResults, h: hash })).toString('base64url');
    out.isLast = isLast;
    if (expand.has('names') || expand.has('schema')) {
      const fieldIds = new Set(issues.flatMap((i) => Object.keys((i.fields as Json | undefined) ?? {})));
      if (expand.has('names')) out.names = Object.fromEntries([...fieldIds].map((id) => [id, this.render.fieldName(id) ?? id]));
      if (expand.has('schema')) {
        out.schema = Object.fromEntries([...fieldIds].flatMap((id) => {
          const s = this.render.fieldSchema(id);
          return s ? [[id, s]] : [];
        }));
      }
    }
    return ok(out);
  }

  private bulkFetch(ctx: Ctx): Result {
    const body = this.parseBody(BulkFetchBody, ctx.body);
    if (body.issueIdsOrKeys.length > 100) throw badRequest('You can request up to 100 issues at once.');
    const found = new Map<number, IssueRow>();
    const issueErrors: Json[] = [];
    for (const ref of [...new Set(body.issueIdsOrKeys)]) {
      const issue = this.repo.issue(ref);
      if (!issue || !this.canBrowse(ctx.actor, issue.project_id)) issueErrors.push({ id: ref, errorMessage: ISSUE_NOT_FOUND });
      else found.set(issue.id, issue);
    }
    const rows = [...found.values()].sort((a, b) => a.id - b.id);
    const fields = FieldSelection.parse(body.fields, ['*navigable']);
    const issues = this.renderIssues(ctx, rows, fields, this.expandSet(body.expand), body.properties ?? []);
    return ok({ issues, issueErrors });
  }

  // ------------------------------------------------------------------ links

  private createLink(ctx: Ctx): Result {
    const body = this.parseBody(LinkBody, ctx.body);
    const type = this.repo
      .linkTypes()
      .find((t) => (body.type.id !== undefined && t.id === body.type.id) || (body.type.name !== undefined && t.name.toLowerCase() === body.type.name.toLowerCase()));
    if (!type) throw notFound(`No issue link type with name '${body.type.name ?? body.type.id ?? ''}' found.`);
    const resolve = (ref: { id?: string | undefined; key?: string | undefined }): IssueRow => this.visibleIssue(ctx, ref.id ?? ref.key ?? '');
    // Jira stores "inwardIssue <outward description> outwardIssue": { inwardIssue: A, outwardIssue: B, Blocks } is "A blocks B".
    const source = resolve(body.inwardIssue);
    const destination = resolve(body.outwardIssue);
    if (source.id === destination.id) throw badRequest('You cannot link an issue to itself.');
    // The docs name the outward issue as the one whose project needs Link issues.
    if (!this.perms.has(ctx.actor, destination.project_id, 'LINK_ISSUES')) throw forbidden('You do not have the permission to link issues.');
    const existing = this.repo.get<{ id: number }>(
      'SELECT id FROM jira_issue_links WHERE type_id = ? AND source_id = ? AND destination_id = ?',
      type.id,
      source.id,
      destination.id,
    );
    if (existing) return noContent(201);
    const count = (id: number): number =>
      this.repo.get<{ n: number }>('SELECT COUNT(*) AS n FROM jira_issue_links WHERE source_id = ? OR destination_id = ?', id, id)?.n ?? 0;
    if (count(source.id) >= MAX_LINKS_PER_ISSUE || count(destination.id) >= MAX_LINKS_PER_ISSUE) {
      throw new JiraHttpError(413, [`Issue link limit of ${MAX_LINKS_PER_ISSUE} links per issue reached.`]);
    }
    if (body.comment && !isAdfDoc(body.comment.body)) throw badRequest('Comment body is not valid!');
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      const id = this.repo.nextId('link');
      const now = ctx.now.getTime();
      this.repo.run('INSERT INTO jira_issue_links (id, type_id, source_id, destination_id, created) VALUES (?, ?, ?, ?, ?)', id, type.id, source.id, destination.id, now);
      this.repo.run('UPDATE jira_issues SET updated = ? WHERE id IN (?, ?)', now, source.id, destination.id);
      if (body.comment) this.insertComment(destination.id, ctx.accountId, body.comment.body, now);
      events.push(
        linkEvent(
          'avi:jira:created:issuelink',
          {
            id,
            sourceIssueId: source.id,
            destinationIssueId: destination.id,
            sourceProjectId: source.project_id,
            destinationProjectId: destination.project_id,
            issueLinkType: { id: type.id, name: type.name, inward: type.inward, outward: type.outward },
          },
          this.eventCtx(ctx),
        ),
      );
    })();
    this.emitAll(events);
    return noContent(201);
  }

  private visibleLink(ctx: Ctx): { link: NonNullable<ReturnType<JiraRepo['link']>>; source: IssueRow; destination: IssueRow } {
    const raw = ctx.params.linkId ?? '';
    if (!/^\d+$/.test(raw)) throw badRequest(`The issue link id '${raw}' is not valid.`);
    const link = this.repo.link(Number(raw));
    const source = link ? this.repo.issueById(link.source_id) : undefined;
    const destination = link ? this.repo.issueById(link.destination_id) : undefined;
    if (!link || !source || !destination || !this.canBrowse(ctx.actor, source.project_id) || !this.canBrowse(ctx.actor, destination.project_id)) {
      throw notFound(`No issue link with id '${raw}' exists.`);
    }
    return { link, source, destination };
  }

  private getLink(ctx: Ctx): Result {
    const { link, source, destination } = this.visibleLink(ctx);
    return ok(this.render.link(link, source, destination));
  }

  private deleteLink(ctx: Ctx): Result {
    const { link, source, destination } = this.visibleLink(ctx);
    if (!this.perms.has(ctx.actor, source.project_id, 'LINK_ISSUES') && !this.perms.has(ctx.actor, destination.project_id, 'LINK_ISSUES')) {
      throw forbidden('You do not have the permission to delete links of these issues.');
    }
    const type = this.repo.linkType(link.type_id);
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      const now = ctx.now.getTime();
      this.repo.run('DELETE FROM jira_issue_links WHERE id = ?', link.id);
      this.repo.run('UPDATE jira_issues SET updated = ? WHERE id IN (?, ?)', now, source.id, destination.id);
      events.push(
        linkEvent(
          'avi:jira:deleted:issuelink',
          {
            id: link.id,
            sourceIssueId: source.id,
            destinationIssueId: destination.id,
            sourceProjectId: source.project_id,
            destinationProjectId: destination.project_id,
            issueLinkType: type ? { id: type.id, name: type.name, inward: type.inward, outward: type.outward } : { id: link.type_id, name: '', inward: '', outward: '' },
          },
          this.eventCtx(ctx),
        ),
      );
    })();
    this.emitAll(events);
    return noContent();
  }

  // ------------------------------------------------------------------ notify

  private notify(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const body = this.parseBody(NotifyBody, ctx.body);
    const to = body.to ?? {};
    const recipients = new Set<string>();
    if (to.reporter && issue.reporter) recipients.add(issue.reporter);
    if (to.assignee && issue.assignee) recipients.add(issue.assignee);
    // The sandbox has no watch lists: Jira's automatic watchers are the reporter and the creator.
    if (to.watchers) for (const w of [issue.reporter, issue.creator]) if (w) recipients.add(w);
    for (const u of to.users ?? []) {
      if (!this.repo.user(u.accountId)) throw badRequest(`User with accountId '${u.accountId}' does not exist.`);
      recipients.add(u.accountId);
    }
    const groupNames = (refs: Array<{ name?: string | undefined; groupId?: string | undefined }>, ids: string[]): string[] =>
      [...refs.map((g) => (g.groupId ? this.repo.groupById(g.groupId) : this.repo.group(g.name ?? ''))), ...ids.map((id) => this.repo.groupById(id))].map((g, i) => {
        if (!g) throw badRequest(`Group '${JSON.stringify([...refs, ...ids][i])}' does not exist.`);
        return g.name;
      });
    for (const g of groupNames(to.groups ?? [], to.groupIds ?? [])) for (const m of this.repo.groupMemberIds(g)) recipients.add(m);
    let final = [...recipients];
    if (body.restrict) {
      const restrictGroups = groupNames(body.restrict.groups ?? [], body.restrict.groupIds ?? []);
      if (restrictGroups.length > 0) {
        const allowed = new Set(restrictGroups.flatMap((g) => this.repo.groupMemberIds(g)));
        final = final.filter((a) => allowed.has(a));
      }
      for (const p of body.restrict.permissions ?? []) {
        const key = p.key ?? Object.entries(PERMISSION_INFO).find(([, info]) => info.id === p.id)?.[0];
        if (!key || !isProjectPermission(key)) throw badRequest(`Permission '${p.key ?? p.id ?? ''}' is not valid.`);
        final = final.filter((a) => this.perms.has({ kind: 'user', accountId: a }, issue.project_id, key));
      }
    }
    // Jira only mails people who can see the issue.
    final = final.filter((a) => {
      const u = this.repo.user(a);
      return !!u && u.active === 1 && u.account_type === 'atlassian' && this.canBrowse({ kind: 'user', accountId: a }, issue.project_id);
    });
    this.db.transaction(() => {
      this.repo.run(
        `INSERT INTO jira_notifications (id, issue_id, issue_key, sender, subject, text_body, html_body, recipients, request, created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        this.repo.nextId('notification', 1),
        issue.id,
        issue.key,
        ctx.accountId,
        body.subject ?? null,
        body.textBody ?? null,
        body.htmlBody ?? null,
        JSON.stringify(final.sort()),
        ctx.body ?? '',
        ctx.now.getTime(),
      );
    })();
    return noContent();
  }

  // ------------------------------------------------------------------ properties

  private writeProperty(issueId: number, key: string, value: unknown): boolean {
    const existed = this.repo.property(issueId, key) !== undefined;
    this.repo.run(
      'INSERT INTO jira_issue_properties (issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value',
      issueId,
      key,
      JSON.stringify(value),
    );
    return !existed;
  }

  private propertyKeys(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    return ok({
      keys: this.repo.propertyKeys(issue.id).map((key) => ({ key, self: this.render.self(`/issue/${issue.id}/properties/${encodeURIComponent(key)}`) })),
    });
  }

  private getProperty(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const key = ctx.params.propertyKey ?? '';
    const value = this.repo.property(issue.id, key);
    if (value === undefined) throw notFound(`The property with key '${key}' does not exist.`);
    return ok({ key, value: JSON.parse(value) as unknown });
  }

  private setProperty(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    this.requirePermission(ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const key = ctx.params.propertyKey ?? '';
    if (key.length === 0 || key.length > 255) throw badRequest('The property key must be between 1 and 255 characters long.');
    let value: unknown;
    try {
      value = JSON.parse(ctx.body ?? '');
    } catch {
      throw badRequest('The property value must be valid JSON.');
    }
    if (JSON.stringify(value).length > MAX_PROPERTY_LENGTH) throw badRequest(`The property value is too long (maximum ${MAX_PROPERTY_LENGTH} characters).`);
    const created = this.db.transaction(() => this.writeProperty(issue.id, key, value))();
    return created ? noContent(201) : noContent(200);
  }

  private deleteProperty(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    this.requirePermission(ctx, issue, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    const key = ctx.params.propertyKey ?? '';
    if (this.repo.property(issue.id, key) === undefined) throw notFound(`The property with key '${key}' does not exist.`);
    this.repo.run('DELETE FROM jira_issue_properties WHERE issue_id = ? AND key = ?', issue.id, key);
    return noContent();
  }

  // ------------------------------------------------------------------ comments

  private insertComment(issueId: number, author: string, body: unknown, at: number): number {
    const id = this.repo.nextId('comment');
    this.repo.run(
      'INSERT INTO jira_comments (id, issue_id, author, body, body_text, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id,
      issueId,
      author,
      JSON.stringify(body),
      adfText(body),
      at,
      at,
    );
    return id;
  }

  private getComments(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    const startAt = Math.max(0, this.qInt(ctx, 'startAt', 0));
    const maxResults = Math.min(Math.max(1, this.qInt(ctx, 'maxResults', 5000)), 5000);
    const desc = (ctx.query.get('orderBy') ?? 'created').startsWith('-');
    const rows = this.repo.comments(issue.id, startAt, maxResults, desc);
    const users = this.repo.usersByIds(rows.map((c) => c.author));
    return ok({
      startAt,
      maxResults,
      total: this.repo.commentCount(issue.id),
      comments: rows.map((c) => this.render.comment(c, users, issue.id)),
    });
  }

  private addComment(ctx: Ctx): Result {
    const issue = this.visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    this.requirePermission(ctx, issue, 'ADD_COMMENTS', 'You do not have the permission to comment on this issue.');
    const body = this.parseBody(CommentBody, ctx.body);
    if (!isAdfDoc(body.body)) throw fieldErrors({ comment: 'Comment body is not valid! It must be an Atlassian Document.' });
    const events: ForgeProductEvent[] = [];
    const comment = this.db.transaction(() => {
      const now = ctx.now.getTime();
      const id = this.insertComment(issue.id, ctx.accountId, body.body, now);
      this.repo.run('UPDATE jira_issues SET updated = ? WHERE id = ?', now, issue.id);
      const row = this.repo.get<Parameters<JiraRenderer['comment']>[0]>('SELECT * FROM jira_comments WHERE id = ?', id);
      if (!row) throw new Error('comment insert failed');
      const rendered = this.render.comment(row, this.repo.usersByIds([ctx.accountId]), issue.id);
      events.push(commentEvent(this.eventIssue(this.repo.issueById(issue.id) ?? issue), rendered, this.eventCtx(ctx)));
      return rendered;
    })();
    this.emitAll(events);
    return ok(comment, 201);
  }

  // ------------------------------------------------------------------ app field values

  /** The app's own field an update names, by id or module key: 403 for a field of Jira's own, 404 for none. */
  private ownAppField(ref: string): AppFieldRow {
    const field = this.repo.appFields().find((f) => f.id === ref || f.module_key === ref);
    if (field) return field;
    if (SYSTEM_FIELD_IDS.has(ref)) throw forbidden(ONLY_OWNING_APP);
    throw notFound(`The custom field '${ref}' was not found.`);
  }

  /**
   * One field, a value per group of issues.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-fieldidorkey-value-put
   */
  private setAppFieldValues(ctx: Ctx): Result {
    if (ctx.actor.kind !== 'app') throw forbidden(ONLY_OWNING_APP);
    const field = this.ownAppField(ctx.params.fieldIdOrKey ?? '');
    const body = this.parseBody(AppFieldValueBody, ctx.body);
    return this.writeAppFieldValues(ctx, body.updates.map((u) => ({ field, issueIds: u.issueIds, value: u.value })));
  }

  /**
   * Several fields at once, each update naming its field; a field and an issue may be paired once a request.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-value-post
   */
  private setManyAppFieldValues(ctx: Ctx): Result {
    if (ctx.actor.kind !== 'app') throw forbidden(ONLY_OWNING_APP);
    const body = this.parseBody(MultipleAppFieldValuesBody, ctx.body);
    const updates = body.updates.map((u) => ({ field: this.ownAppField(u.customField), issueIds: u.issueIds, value: u.value }));
    const seen = new Set<string>();
    for (const u of updates) {
      for (const issueId of u.issueIds) {
        const pair = `${u.field.id} ${issueId}`;
        if (seen.has(pair)) throw badRequest(`The custom field '${u.field.id}' is given more than once for the issue ${issueId}. Combinations of custom field and issue must be unique within the request.`);
        seen.add(pair);
      }
    }
    return this.writeAppFieldValues(ctx, updates);
  }

  /**
   * Validates every update before writing anything (the request is all-or-nothing), then writes in one
   * transaction: per changed issue the touched fields, a changelog unless `generateChangelog=false`, and an event.
   */
  private writeAppFieldValues(ctx: Ctx, updates: ReadonlyArray<{ field: AppFieldRow; issueIds: readonly number[]; value: unknown }>): Result {
    const generateChangelog = ctx.query.get('generateChangelog') !== 'false';
    const plans = new Map<number, { issue: IssueRow; before: IssueDraft; after: IssueDraft }>();
    const touched = new Set(updates.map((u) => u.field.id));
    const missing = new Set<number>();
    for (const update of updates) {
      for (const issueId of update.issueIds) {
        const issue = this.repo.issueById(issueId);
        if (!issue) {
          missing.add(issueId);
          continue;
        }
        const plan = plans.get(issueId) ?? { issue, before: draftOf(this.repo, issue), after: draftOf(this.repo, issue) };
        plans.set(issueId, plan);
        const editor = new DraftEditor(this.repo, plan.after, 'edit');
        editor.setApp(update.field, update.value);
        if (!editor.ok()) throw fieldErrors(editor.errors);
      }
    }
    if (missing.size > 0) throw badRequest(`Issues with these ids do not exist: ${[...missing].join(', ')}.`);
    const events: ForgeProductEvent[] = [];
    this.db.transaction(() => {
      const now = ctx.now.getTime();
      for (const p of plans.values()) {
        const items = diffDrafts(this.repo, p.before, p.after);
        if (items.length === 0) continue;
        writeAppValues(this.repo, p.issue.id, p.after.app, touched);
        this.repo.run('UPDATE jira_issues SET updated = ? WHERE id = ?', now, p.issue.id);
        const row = this.repo.issueById(p.issue.id) ?? p.issue;
        if (generateChangelog) {
          const changelogId = recordChangelog(this.repo, p.issue.id, ctx.accountId, now, items);
          events.push(issueEvent('avi:jira:updated:issue', this.eventIssue(row), this.eventCtx(ctx), { id: String(changelogId), items }));
        } else {
          events.push(issueEvent('avi:jira:updated:issue', this.eventIssue(row), this.eventCtx(ctx)));
        }
      }
    })();
    this.emitAll(events);
    return noContent();
  }
}

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { JiraAdmin } from './admin';
import { JiraHttpError } from './errors';
import type { Ctx, Handler, Result } from './handler';
import { JqlError } from './jql-parser';
import { JiraPermissions } from './permissions';
import { JiraRenderer } from './render';
import { JiraRepo, type NotificationRow } from './repo';
import { Router } from './router';
import { registerJiraRoutes } from './routes';
import { ensureJiraSchema } from './schema';
import type { JiraRequest, JiraResponse, JiraSandboxOptions } from './types';
import { JiraWorkflow } from './workflow';

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
  private readonly router = new Router<Handler>();
  private readonly appUserId: string;

  constructor(
    private readonly db: Database,
    private readonly opts: JiraSandboxOptions,
  ) {
    ensureJiraSchema(db);
    this.repo = new JiraRepo(db);
    this.admin = new JiraAdmin(this.repo, opts.now);
    this.workflow = new JiraWorkflow(this.repo, opts.workflowModules ?? []);
    this.registerAppFields();
    this.appUserId = this.ensureAppUser();
    const perms = new JiraPermissions(this.repo);
    const render = new JiraRenderer(this.repo, opts.siteUrl.replace(/\/$/, ''), opts.appId, opts.environmentId);
    registerJiraRoutes(this.router, { db, repo: this.repo, perms, render, workflow: this.workflow, opts });
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
    const url = new URL(
      req.path.startsWith('http') ? req.path : `http://sandbox${req.path.startsWith('/') ? '' : '/'}${req.path}`,
    );
    const match = this.router.match(method, url.pathname);
    if (match.kind !== 'ok') {
      this.count(`${method} (unmatched)`);
      if (match.kind === 'method-not-allowed') {
        return this.respond({
          status: 405,
          body: { errorMessages: [`Method ${method} is not allowed here.`], errors: {} },
          headers: { allow: match.allowed.join(', ') },
        });
      }
      return this.respond({
        status: 404,
        body: { errorMessages: [`No REST resource at ${method} ${url.pathname}`], errors: {} },
      });
    }
    this.count(`${method} ${match.template}`);
    if (req.actor.kind === 'user') {
      const u = this.repo.user(req.actor.accountId);
      if (u?.active !== 1) {
        return this.respond({
          status: 401,
          body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
        });
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
      const existing = new Map(
        this.repo
          .all<{ id: string; module_key: string }>('SELECT id, module_key FROM jira_app_fields')
          .map((r) => [r.module_key, r.id]),
      );
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
      this.admin.upsertUser({
        accountId,
        displayName: 'Cross-department Collaboration (app)',
        accountType: 'app',
        timeZone: 'UTC',
        locale: 'en_US',
      });
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
}

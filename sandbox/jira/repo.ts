import type { Database, Statement } from 'better-sqlite3';
import type { StatusCategoryKey } from './types';

export interface UserRow {
  account_id: string;
  display_name: string;
  email: string | null;
  account_type: string;
  active: number;
  time_zone: string;
  locale: string;
}
export interface GroupRow {
  name: string;
  group_id: string;
}
export interface ProjectRow {
  id: number;
  key: string;
  name: string;
  description: string;
  lead_account_id: string | null;
  project_type_key: string;
  issue_counter: number;
}
export interface GrantRow {
  project_id: number;
  permission: string;
  holder_type: 'group' | 'user' | 'anyone' | 'projectLead';
  holder: string;
}
export interface VersionRow {
  id: number;
  project_id: number;
  name: string;
  description: string;
  start_date: string | null;
  release_date: string | null;
  released: number;
  archived: number;
  sequence: number;
}
export interface IssueTypeRow {
  id: string;
  name: string;
  description: string;
  hierarchy_level: number;
  avatar_id: number;
}
export interface StatusRow {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}
export interface TransitionRow {
  id: string;
  name: string;
  from_status_id: string;
  to_status_id: string;
}
export interface PriorityRow {
  id: string;
  name: string;
  color: string;
}
export interface LinkTypeRow {
  id: string;
  name: string;
  inward: string;
  outward: string;
}
export interface AppFieldRow {
  id: string;
  module_key: string;
  name: string;
  description: string | null;
  type: 'user' | 'string' | 'number' | 'date' | 'datetime' | 'group';
  collection: 'list' | 'none';
  /** 1 for a `readOnly: true` field: only the app's field value endpoints write it. */
  read_only: 0 | 1;
  sequence: number;
}
export interface IssueRow {
  id: number;
  key: string;
  project_id: number;
  project_key: string;
  num: number;
  issue_type_id: string;
  status_id: string;
  priority_id: string;
  summary: string;
  description: string | null;
  description_text: string;
  assignee: string | null;
  reporter: string | null;
  creator: string | null;
  parent_id: number | null;
  due_date: string | null;
  labels: string;
  rank: string;
  created: number;
  updated: number;
  status_changed: number;
  resolution_date: number | null;
}
export interface LinkRow {
  id: number;
  type_id: string;
  source_id: number;
  destination_id: number;
  created: number;
}
export interface CommentRow {
  id: number;
  issue_id: number;
  author: string;
  body: string;
  body_text: string;
  created: number;
  updated: number;
}
export interface ChangelogRow {
  id: number;
  issue_id: number;
  author: string | null;
  created: number;
  items: string;
}
export interface NotificationRow {
  id: number;
  issue_id: number;
  issue_key: string;
  sender: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  recipients: string;
  request: string;
  created: number;
}

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Typed queries over the `jira_` tables. Site configuration (statuses, types, priorities, link types, app
 * fields) is small and never changes while the sandbox runs, so it is read once and kept.
 */
export class JiraRepo {
  private readonly statements = new Map<string, Statement>();
  private config:
    | {
        statuses: StatusRow[];
        types: IssueTypeRow[];
        priorities: PriorityRow[];
        linkTypes: LinkTypeRow[];
        transitions: TransitionRow[];
      }
    | undefined;
  private appFieldsCache: AppFieldRow[] | undefined;

  constructor(readonly db: Database) {}

  q(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.q(sql).all(...params) as T[];
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.q(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: unknown[]): void {
    this.q(sql).run(...params);
  }

  // ---- meta and ids ----
  meta(key: string): string | undefined {
    return this.get<{ value: string }>('SELECT value FROM jira_meta WHERE key = ?', key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.run(
      'INSERT INTO jira_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  /** Next id of a kind; Jira Cloud numbers most entities from 10000. Call inside a transaction. */
  nextId(kind: string, first = 10000): number {
    const current = Number(this.meta(`seq:${kind}`) ?? first - 1);
    const next = current + 1;
    this.setMeta(`seq:${kind}`, String(next));
    return next;
  }

  // ---- site configuration ----
  private cfg(): NonNullable<JiraRepo['config']> {
    if (!this.config) {
      this.config = {
        statuses: this.all<StatusRow>('SELECT * FROM jira_statuses ORDER BY CAST(id AS INTEGER)'),
        types: this.all<IssueTypeRow>('SELECT * FROM jira_issue_types ORDER BY CAST(id AS INTEGER)'),
        priorities: this.all<PriorityRow>('SELECT * FROM jira_priorities ORDER BY CAST(id AS INTEGER)'),
        linkTypes: this.all<LinkTypeRow>('SELECT * FROM jira_link_types ORDER BY CAST(id AS INTEGER)'),
        transitions: this.all<TransitionRow>('SELECT * FROM jira_transitions ORDER BY CAST(id AS INTEGER)'),
      };
    }
    return this.config;
  }

  statuses(): StatusRow[] {
    return this.cfg().statuses;
  }
  status(id: string): StatusRow {
    const s = this.cfg().statuses.find((x) => x.id === id);
    if (!s) throw new Error(`unknown status ${id}`);
    return s;
  }
  issueTypes(): IssueTypeRow[] {
    return this.cfg().types;
  }
  issueType(id: string): IssueTypeRow {
    const t = this.cfg().types.find((x) => x.id === id);
    if (!t) throw new Error(`unknown issue type ${id}`);
    return t;
  }
  priorities(): PriorityRow[] {
    return this.cfg().priorities;
  }
  priority(id: string): PriorityRow {
    const p = this.cfg().priorities.find((x) => x.id === id);
    if (!p) throw new Error(`unknown priority ${id}`);
    return p;
  }
  linkTypes(): LinkTypeRow[] {
    return this.cfg().linkTypes;
  }
  linkType(id: string): LinkTypeRow | undefined {
    return this.cfg().linkTypes.find((x) => x.id === id);
  }
  transitionsFrom(statusId: string): TransitionRow[] {
    return this.cfg().transitions.filter((t) => t.from_status_id === statusId);
  }
  /** Drops the cached site configuration after an admin changed it (e.g. added a workflow transition). */
  forgetConfig(): void {
    this.config = undefined;
  }

  appFields(): AppFieldRow[] {
    this.appFieldsCache ??= this.all<AppFieldRow>('SELECT * FROM jira_app_fields ORDER BY sequence');
    return this.appFieldsCache;
  }
  forgetAppFields(): void {
    this.appFieldsCache = undefined;
  }
  appField(id: string): AppFieldRow | undefined {
    return this.appFields().find((f) => f.id === id);
  }

  // ---- users and groups ----
  user(accountId: string): UserRow | undefined {
    return this.get<UserRow>('SELECT * FROM jira_users WHERE account_id = ?', accountId);
  }
  usersByIds(ids: readonly string[]): Map<string, UserRow> {
    const out = new Map<string, UserRow>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      for (const u of this.db
        .prepare(`SELECT * FROM jira_users WHERE account_id IN (${placeholders(chunk.length)})`)
        .all(...chunk) as UserRow[]) {
        out.set(u.account_id, u);
      }
    }
    return out;
  }
  allUsers(): UserRow[] {
    return this.all<UserRow>('SELECT * FROM jira_users ORDER BY display_name, account_id');
  }
  group(name: string): GroupRow | undefined {
    return this.get<GroupRow>('SELECT * FROM jira_groups WHERE name = ? COLLATE NOCASE', name);
  }
  groupById(groupId: string): GroupRow | undefined {
    return this.get<GroupRow>('SELECT * FROM jira_groups WHERE group_id = ?', groupId);
  }
  groupsOf(accountId: string): string[] {
    return this.all<{ group_name: string }>(
      'SELECT group_name FROM jira_group_members WHERE account_id = ? ORDER BY group_name',
      accountId,
    ).map((r) => r.group_name);
  }
  groupMemberIds(name: string): string[] {
    return this.all<{ account_id: string }>(
      'SELECT account_id FROM jira_group_members WHERE group_name = ? ORDER BY account_id',
      name,
    ).map((r) => r.account_id);
  }

  // ---- projects and versions ----
  projectById(id: number): ProjectRow | undefined {
    return this.get<ProjectRow>('SELECT * FROM jira_projects WHERE id = ?', id);
  }
  project(idOrKey: string): ProjectRow | undefined {
    if (/^\d+$/.test(idOrKey)) return this.projectById(Number(idOrKey));
    return this.get<ProjectRow>('SELECT * FROM jira_projects WHERE key = ? COLLATE NOCASE', idOrKey);
  }
  projects(): ProjectRow[] {
    return this.all<ProjectRow>('SELECT * FROM jira_projects ORDER BY key');
  }
  grants(projectId: number): GrantRow[] {
    return this.all<GrantRow>('SELECT * FROM jira_project_grants WHERE project_id = ?', projectId);
  }
  versions(projectId: number): VersionRow[] {
    return this.all<VersionRow>('SELECT * FROM jira_versions WHERE project_id = ? ORDER BY sequence, id', projectId);
  }
  version(id: number): VersionRow | undefined {
    return this.get<VersionRow>('SELECT * FROM jira_versions WHERE id = ?', id);
  }

  // ---- issues ----
  issueById(id: number): IssueRow | undefined {
    return this.get<IssueRow>('SELECT * FROM jira_issues WHERE id = ?', id);
  }
  /** By id, or by key case-insensitively as Jira does. */
  issue(idOrKey: string): IssueRow | undefined {
    if (/^\d+$/.test(idOrKey)) return this.issueById(Number(idOrKey));
    return this.get<IssueRow>('SELECT * FROM jira_issues WHERE key = ?', idOrKey.toUpperCase());
  }
  issuesByIds(ids: readonly number[]): IssueRow[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT * FROM jira_issues WHERE id IN (${placeholders(ids.length)})`)
      .all(...ids) as IssueRow[];
  }

  fixVersionIds(issueIds: readonly number[]): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (issueIds.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT iv.issue_id, iv.version_id FROM jira_issue_versions iv JOIN jira_versions v ON v.id = iv.version_id
         WHERE iv.issue_id IN (${placeholders(issueIds.length)}) ORDER BY v.sequence, v.id`,
      )
      .all(...issueIds) as Array<{ issue_id: number; version_id: number }>;
    for (const r of rows) {
      const list = out.get(r.issue_id) ?? [];
      list.push(r.version_id);
      out.set(r.issue_id, list);
    }
    return out;
  }

  /** App field values per issue: field id → stored values in order. */
  fieldValues(issueIds: readonly number[]): Map<number, Map<string, string[]>> {
    const out = new Map<number, Map<string, string[]>>();
    if (issueIds.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT issue_id, field_id, value FROM jira_field_values WHERE issue_id IN (${placeholders(issueIds.length)})
         ORDER BY issue_id, field_id, pos`,
      )
      .all(...issueIds) as Array<{ issue_id: number; field_id: string; value: string }>;
    for (const r of rows) {
      const byField = out.get(r.issue_id) ?? new Map<string, string[]>();
      const list = byField.get(r.field_id) ?? [];
      list.push(r.value);
      byField.set(r.field_id, list);
      out.set(r.issue_id, byField);
    }
    return out;
  }

  linksOf(issueIds: readonly number[]): LinkRow[] {
    if (issueIds.length === 0) return [];
    const ph = placeholders(issueIds.length);
    return this.db
      .prepare(`SELECT * FROM jira_issue_links WHERE source_id IN (${ph}) OR destination_id IN (${ph}) ORDER BY id`)
      .all(...issueIds, ...issueIds) as LinkRow[];
  }
  link(id: number): LinkRow | undefined {
    return this.get<LinkRow>('SELECT * FROM jira_issue_links WHERE id = ?', id);
  }

  comments(issueId: number, offset: number, limit: number, desc: boolean): CommentRow[] {
    return this.all<CommentRow>(
      `SELECT * FROM jira_comments WHERE issue_id = ? ORDER BY created ${desc ? 'DESC' : 'ASC'}, id ${desc ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
      issueId,
      limit,
      offset,
    );
  }
  commentCount(issueId: number): number {
    return this.get<{ n: number }>('SELECT COUNT(*) AS n FROM jira_comments WHERE issue_id = ?', issueId)?.n ?? 0;
  }

  property(issueId: number, key: string): string | undefined {
    return this.get<{ value: string }>(
      'SELECT value FROM jira_issue_properties WHERE issue_id = ? AND key = ?',
      issueId,
      key,
    )?.value;
  }
  propertyKeys(issueId: number): string[] {
    return this.all<{ key: string }>(
      'SELECT key FROM jira_issue_properties WHERE issue_id = ? ORDER BY key',
      issueId,
    ).map((r) => r.key);
  }

  changelog(issueId: number, offset: number, limit: number): ChangelogRow[] {
    return this.all<ChangelogRow>(
      'SELECT * FROM jira_changelog WHERE issue_id = ? ORDER BY id LIMIT ? OFFSET ?',
      issueId,
      limit,
      offset,
    );
  }
  changelogCount(issueId: number): number {
    return this.get<{ n: number }>('SELECT COUNT(*) AS n FROM jira_changelog WHERE issue_id = ?', issueId)?.n ?? 0;
  }
}

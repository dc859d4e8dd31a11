import { createHash } from 'node:crypto';
import { changeStatus } from './draft-changelog';
import { insertIssue } from './draft-writes';
import { emptyDraft, type IssueDraft } from './issue-draft';
import { adfDoc, adfText } from './render';
import type { IssueRow, JiraRepo, ProjectRow, VersionRow } from './repo';
import type { PermissionHolder, ProjectPermission } from './types';

export interface AdminUser {
  accountId: string;
  displayName: string;
  email?: string;
  accountType?: 'atlassian' | 'app' | 'customer';
  active?: boolean;
  timeZone?: string;
  locale?: string;
}

export interface AdminIssue {
  projectKey: string;
  /** Issue type name: Task, Story, Bug or Epic. */
  issueType: string;
  summary: string;
  description?: string;
  /** Status name; the issue is created in To Do and moved there. */
  status?: string;
  priority?: string;
  assignee?: string | null;
  reporter?: string | null;
  dueDate?: string | null;
  fixVersions?: string[];
  labels?: string[];
  parentKey?: string;
  created?: Date;
  updated?: Date;
  /** App field values by module key: an account id (or list of them for list fields); other types as stored. */
  appFields?: Record<string, string | string[] | null | undefined>;
}

/** Deterministic group id (a UUID shape) so ids survive re-seeding. */
const groupIdFor = (name: string): string => {
  const h = createHash('sha1').update(`group:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * Direct writes for seeding and tests: users, groups, projects with their permission schemes, versions,
 * issues, links and comments. These emit no product events (nothing "happened" in Jira; the data was
 * simply there), unlike the REST endpoints.
 */
export class JiraAdmin {
  constructor(
    private readonly repo: JiraRepo,
    private readonly now: () => Date,
  ) {}

  /** Runs `fn` in one SQLite transaction (fast bulk seeding). */
  transaction<T>(fn: () => T): T {
    return this.repo.db.transaction(fn)();
  }

  upsertUser(u: AdminUser): void {
    this.repo.run(
      `INSERT INTO jira_users (account_id, display_name, email, account_type, active, time_zone, locale)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(account_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email,
         account_type = excluded.account_type, active = excluded.active, time_zone = excluded.time_zone,
         locale = excluded.locale`,
      u.accountId,
      u.displayName,
      u.email ?? null,
      u.accountType ?? 'atlassian',
      u.active === false ? 0 : 1,
      u.timeZone ?? 'Asia/Shanghai',
      u.locale ?? 'zh_CN',
    );
  }

  upsertGroup(name: string, members: readonly string[] = []): string {
    const existing = this.repo.group(name);
    const groupId = existing?.group_id ?? groupIdFor(name);
    if (!existing) this.repo.run('INSERT INTO jira_groups (name, group_id) VALUES (?, ?)', name, groupId);
    for (const m of members) {
      this.repo.run(
        'INSERT OR IGNORE INTO jira_group_members (group_name, account_id) VALUES (?, ?)',
        existing?.name ?? name,
        m,
      );
    }
    return groupId;
  }

  removeFromGroup(name: string, accountId: string): void {
    this.repo.run('DELETE FROM jira_group_members WHERE group_name = ? AND account_id = ?', name, accountId);
  }

  createProject(p: {
    key: string;
    name: string;
    description?: string;
    leadAccountId?: string;
    grants: Array<{ permission: ProjectPermission; holder: PermissionHolder }>;
  }): ProjectRow {
    const existing = this.repo.project(p.key);
    if (existing) return existing;
    const id = this.repo.nextId('project');
    this.repo.run(
      'INSERT INTO jira_projects (id, key, name, description, lead_account_id) VALUES (?, ?, ?, ?, ?)',
      id,
      p.key.toUpperCase(),
      p.name,
      p.description ?? '',
      p.leadAccountId ?? null,
    );
    for (const g of p.grants) this.grant(id, g.permission, g.holder);
    const row = this.repo.projectById(id);
    if (!row) throw new Error('project insert failed');
    return row;
  }

  grant(projectId: number, permission: ProjectPermission, holder: PermissionHolder): void {
    const value = holder.type === 'group' ? holder.group : holder.type === 'user' ? holder.accountId : '';
    this.repo.run(
      'INSERT OR IGNORE INTO jira_project_grants (project_id, permission, holder_type, holder) VALUES (?, ?, ?, ?)',
      projectId,
      permission,
      holder.type,
      value,
    );
  }

  revoke(projectId: number, permission: ProjectPermission, holder: PermissionHolder): void {
    const value = holder.type === 'group' ? holder.group : holder.type === 'user' ? holder.accountId : '';
    this.repo.run(
      'DELETE FROM jira_project_grants WHERE project_id = ? AND permission = ? AND holder_type = ? AND holder = ?',
      projectId,
      permission,
      holder.type,
      value,
    );
  }

  createVersion(
    projectKey: string,
    v: {
      name: string;
      description?: string;
      startDate?: string;
      releaseDate?: string;
      released?: boolean;
      archived?: boolean;
    },
  ): VersionRow {
    const project = this.requireProject(projectKey);
    const existing = this.repo.versions(project.id).find((x) => x.name === v.name);
    if (existing) return existing;
    const id = this.repo.nextId('version');
    const sequence = this.repo.versions(project.id).length + 1;
    this.repo.run(
      `INSERT INTO jira_versions (id, project_id, name, description, start_date, release_date, released, archived, sequence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      project.id,
      v.name,
      v.description ?? '',
      v.startDate ?? null,
      v.releaseDate ?? null,
      v.released ? 1 : 0,
      v.archived ? 1 : 0,
      sequence,
    );
    const row = this.repo.version(id);
    if (!row) throw new Error('version insert failed');
    return row;
  }

  private requireProject(key: string): ProjectRow {
    const p = this.repo.project(key);
    if (!p) throw new Error(`unknown project ${key}`);
    return p;
  }

  private requireIssue(key: string): IssueRow {
    const i = this.repo.issue(key);
    if (!i) throw new Error(`unknown issue ${key}`);
    return i;
  }

  createIssue(spec: AdminIssue): IssueRow {
    const repo = this.repo;
    const project = this.requireProject(spec.projectKey);
    const type = repo.issueTypes().find((t) => t.name.toLowerCase() === spec.issueType.toLowerCase());
    if (!type) throw new Error(`unknown issue type ${spec.issueType}`);
    const d: IssueDraft = emptyDraft(project);
    d.summary = spec.summary;
    d.description = spec.description ? JSON.stringify(adfDoc(spec.description)) : null;
    d.issueTypeId = type.id;
    if (spec.priority) {
      const p = repo.priorities().find((x) => x.name.toLowerCase() === spec.priority?.toLowerCase());
      if (!p) throw new Error(`unknown priority ${spec.priority}`);
      d.priorityId = p.id;
    }
    d.assignee = spec.assignee ?? null;
    d.reporter = spec.reporter ?? null;
    d.dueDate = spec.dueDate ?? null;
    d.labels = spec.labels ?? [];
    d.parentId = spec.parentKey ? this.requireIssue(spec.parentKey).id : null;
    d.fixVersionIds = (spec.fixVersions ?? []).map((name) => {
      const v = repo.versions(project.id).find((x) => x.name === name);
      if (!v) throw new Error(`unknown version ${name} in ${project.key}`);
      return v.id;
    });
    for (const [moduleKey, value] of Object.entries(spec.appFields ?? {})) {
      const f = repo.appFields().find((x) => x.module_key === moduleKey);
      if (!f) throw new Error(`unknown app field ${moduleKey}`);
      const values = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
      if (values.length > 0) d.app.set(f.id, values);
    }
    const created = (spec.created ?? this.now()).getTime();
    const updated = (spec.updated ?? spec.created ?? this.now()).getTime();
    let row = insertIssue(repo, project, d, {
      statusId: repo.statuses().find((s) => s.category === 'new')?.id ?? '10000',
      creator: spec.reporter ?? null,
      created,
      updated: created,
      resolutionDate: null,
    });
    if (spec.status) {
      const status = repo.statuses().find((s) => s.name.toLowerCase() === spec.status?.toLowerCase());
      if (!status) throw new Error(`unknown status ${spec.status}`);
      changeStatus(repo, row, status.id, updated);
    }
    repo.run('UPDATE jira_issues SET updated = ? WHERE id = ?', updated, row.id);
    row = repo.issueById(row.id) ?? row;
    return row;
  }

  /** A link in Jira's reading "source <outward> destination", e.g. `link('Blocks', 'PAY-2', 'PAY-5')`: PAY-2 blocks PAY-5. */
  link(typeName: string, sourceKey: string, destinationKey: string, created?: Date): number {
    const type = this.repo.linkTypes().find((t) => t.name.toLowerCase() === typeName.toLowerCase());
    if (!type) throw new Error(`unknown link type ${typeName}`);
    const source = this.requireIssue(sourceKey);
    const destination = this.requireIssue(destinationKey);
    const existing = this.repo.get<{ id: number }>(
      'SELECT id FROM jira_issue_links WHERE type_id = ? AND source_id = ? AND destination_id = ?',
      type.id,
      source.id,
      destination.id,
    );
    if (existing) return existing.id;
    const id = this.repo.nextId('link');
    this.repo.run(
      'INSERT INTO jira_issue_links (id, type_id, source_id, destination_id, created) VALUES (?, ?, ?, ?, ?)',
      id,
      type.id,
      source.id,
      destination.id,
      (created ?? this.now()).getTime(),
    );
    return id;
  }

  addComment(issueKey: string, authorAccountId: string, text: string, created?: Date): number {
    const issue = this.requireIssue(issueKey);
    const id = this.repo.nextId('comment');
    const at = (created ?? this.now()).getTime();
    const body = adfDoc(text);
    this.repo.run(
      'INSERT INTO jira_comments (id, issue_id, author, body, body_text, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id,
      issue.id,
      authorAccountId,
      JSON.stringify(body),
      adfText(body),
      at,
      at,
    );
    return id;
  }

  markSeeded(summary: unknown): void {
    this.repo.setMeta('seeded', JSON.stringify(summary));
  }

  seedSummary(): unknown {
    const raw = this.repo.meta('seeded');
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }
}

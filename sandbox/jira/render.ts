import { STATUS_CATEGORIES } from './schema';
import { SYSTEM_FIELDS, appFieldSchema, type FieldSchema, type FieldSelection } from './fields';
import type {
  AppFieldRow,
  ChangelogRow,
  CommentRow,
  IssueRow,
  IssueTypeRow,
  JiraRepo,
  LinkRow,
  LinkTypeRow,
  PriorityRow,
  ProjectRow,
  StatusRow,
  UserRow,
  VersionRow,
} from './repo';
import { isoDate, jiraDateTime, userDate } from './time';

type Json = Record<string, unknown>;

/** Plain text of an Atlassian Document Format node (what `~` searches). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const children = Array.isArray(n.content)
    ? n.content
        .map(adfText)
        .filter((t) => t !== '')
        .join(' ')
    : '';
  return [own, children].filter((t) => t !== '').join(' ');
}

/** A one-paragraph ADF document. */
export function adfDoc(text: string): Json {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export const isAdfDoc = (v: unknown): v is Json =>
  !!v && typeof v === 'object' && (v as Json).type === 'doc' && Array.isArray((v as Json).content);

/** What an issue render needs besides the rows. */
export interface IssueRenderOptions {
  fields: FieldSelection;
  expand: ReadonlySet<string>;
  properties: readonly string[];
  /** Linked and parent issues in projects the caller cannot browse are left out, as in Jira. */
  canBrowseProject: (projectId: number) => boolean;
  transitions?: (row: IssueRow) => Json[];
}

/** JSON shapes of Jira REST v3 (the spec's User, Project, Version, IssueBean, ...), with `self` links. */
export class JiraRenderer {
  constructor(
    private readonly repo: JiraRepo,
    readonly siteUrl: string,
    private readonly appId: string,
    private readonly environmentId: string,
  ) {}

  self(path: string): string {
    return `${this.siteUrl}/rest/api/3${path}`;
  }

  avatarUrls(kind: 'user' | 'project', id: string | number): Record<string, string> {
    const base = `${this.siteUrl}/sandbox/avatar/${kind}/${encodeURIComponent(String(id))}.svg`;
    return { '48x48': `${base}?s=48`, '24x24': `${base}?s=24`, '16x16': `${base}?s=16`, '32x32': `${base}?s=32` };
  }

  user(u: UserRow): Json {
    return {
      self: this.self(`/user?accountId=${encodeURIComponent(u.account_id)}`),
      accountId: u.account_id,
      accountType: u.account_type,
      ...(u.email ? { emailAddress: u.email } : {}),
      avatarUrls: this.avatarUrls('user', u.account_id),
      displayName: u.display_name,
      active: u.active === 1,
      timeZone: u.time_zone,
      locale: u.locale,
    };
  }

  /** A user as Jira embeds one in issue fields (no locale there). */
  userDetails(u: UserRow): Json {
    const { locale: _locale, ...rest } = this.user(u);
    return rest;
  }

  group(name: string, groupId: string): Json {
    return { name, groupId, self: this.self(`/group?groupId=${encodeURIComponent(groupId)}`) };
  }

  projectRef(p: ProjectRow): Json {
    return {
      self: this.self(`/project/${p.id}`),
      id: String(p.id),
      key: p.key,
      name: p.name,
      projectTypeKey: p.project_type_key,
      simplified: false,
      avatarUrls: this.avatarUrls('project', p.id),
    };
  }

  project(p: ProjectRow, expand: ReadonlySet<string>, full: boolean, now: Date): Json {
    const lead = p.lead_account_id ? this.repo.user(p.lead_account_id) : undefined;
    const base: Json = {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectRef(p),
      style: 'classic',
      isPrivate: false,
      properties: {},
    };
    if (full || expand.has('description')) base.description = p.description;
    if ((full || expand.has('lead')) && lead) base.lead = this.userDetails(lead);
    if (full || expand.has('issueTypes')) base.issueTypes = this.repo.issueTypes().map((t) => this.issueType(t));
    if (full) {
      base.components = [];
      base.versions = this.repo.versions(p.id).map((v) => this.version(v, now));
      base.assigneeType = 'UNASSIGNED';
      base.roles = {};
    }
    return base;
  }

  version(v: VersionRow, now: Date): Json {
    const today = isoDate(now);
    return {
      self: this.self(`/version/${v.id}`),
      id: String(v.id),
      ...(v.description ? { description: v.description } : {}),
      name: v.name,
      archived: v.archived === 1,
      released: v.released === 1,
      ...(v.start_date ? { startDate: v.start_date, userStartDate: userDate(v.start_date) } : {}),
      ...(v.release_date
        ? {
            releaseDate: v.release_date,
            userReleaseDate: userDate(v.release_date),
            overdue: v.released === 0 && v.release_date < today,
          }
        : {}),
      projectId: v.project_id,
    };
  }

  /** A version as embedded in an issue's `fixVersions`. */
  versionRef(v: VersionRow): Json {
    return {
      self: this.self(`/version/${v.id}`),
      id: String(v.id),
      ...(v.description ? { description: v.description } : {}),
      name: v.name,
      archived: v.archived === 1,
      released: v.released === 1,
      ...(v.release_date ? { releaseDate: v.release_date } : {}),
    };
  }

  status(s: StatusRow): Json {
    const c = STATUS_CATEGORIES[s.category];
    return {
      self: this.self(`/status/${s.id}`),
      description: s.description,
      iconUrl: `${this.siteUrl}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: {
        self: this.self(`/statuscategory/${c.id}`),
        id: c.id,
        key: c.key,
        colorName: c.colorName,
        name: c.name,
      },
    };
  }

  issueType(t: IssueTypeRow): Json {
    return {
      self: this.self(`/issuetype/${t.id}`),
      id: t.id,
      description: t.description,
      iconUrl: `${this.siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatar_id}?size=medium`,
      name: t.name,
      subtask: false,
      avatarId: t.avatar_id,
      hierarchyLevel: t.hierarchy_level,
    };
  }

  priority(p: PriorityRow): Json {
    return {
      self: this.self(`/priority/${p.id}`),
      iconUrl: `${this.siteUrl}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
      name: p.name,
      id: p.id,
    };
  }

  linkType(t: LinkTypeRow): Json {
    return { id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: this.self(`/issueLinkType/${t.id}`) };
  }

  /** An issue as the other end of a link or as a parent. */
  linkedIssue(row: IssueRow): Json {
    return {
      id: String(row.id),
      key: row.key,
      self: this.self(`/issue/${row.id}`),
      fields: {
        summary: row.summary,
        status: this.status(this.repo.status(row.status_id)),
        priority: this.priority(this.repo.priority(row.priority_id)),
        issuetype: this.issueType(this.repo.issueType(row.issue_type_id)),
      },
    };
  }

  /** `GET /issueLink/{id}`: `inwardIssue` is the link's source, `outwardIssue` its destination (as POSTed). */
  link(l: LinkRow, source: IssueRow, destination: IssueRow): Json {
    const type = this.repo.linkType(l.type_id);
    return {
      id: String(l.id),
      self: this.self(`/issueLink/${l.id}`),
      ...(type ? { type: this.linkType(type) } : {}),
      inwardIssue: this.linkedIssue(source),
      outwardIssue: this.linkedIssue(destination),
    };
  }

  comment(c: CommentRow, users: Map<string, UserRow>, issueId: number): Json {
    const author = users.get(c.author);
    return {
      self: this.self(`/issue/${issueId}/comment/${c.id}`),
      id: String(c.id),
      ...(author ? { author: this.userDetails(author), updateAuthor: this.userDetails(author) } : {}),
      body: JSON.parse(c.body) as unknown,
      created: jiraDateTime(c.created),
      updated: jiraDateTime(c.updated),
      jsdPublic: true,
    };
  }

  changelog(rows: ChangelogRow[], users: Map<string, UserRow>): Json[] {
    return rows.map((r) => {
      const author = r.author ? users.get(r.author) : undefined;
      return {
        id: String(r.id),
        ...(author ? { author: this.userDetails(author) } : {}),
        created: jiraDateTime(r.created),
        // REST leaves empty sides out (ChangeDetails has no nullable members); events keep them as null.
        items: (JSON.parse(r.items) as Json[]).map((item) =>
          Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)),
        ),
      };
    });
  }

  appFieldValue(f: AppFieldRow, values: readonly string[] | undefined, users: Map<string, UserRow>): unknown {
    if (!values || values.length === 0) return null;
    const one = (v: string): unknown => {
      switch (f.type) {
        case 'user': {
          const u = users.get(v);
          return u ? this.userDetails(u) : { accountId: v, active: false, displayName: 'Former user' };
        }
        case 'number':
          return Number(v);
        case 'datetime':
          return jiraDateTime(Date.parse(v));
        case 'group': {
          const g = this.repo.group(v);
          return g ? this.group(g.name, g.group_id) : { name: v };
        }
        default:
          return v;
      }
    };
    return f.collection === 'list' ? values.map(one) : one(values[0] as string);
  }

  fieldSchema(id: string): FieldSchema | undefined {
    const sys = SYSTEM_FIELDS.find((f) => f.id === id);
    if (sys) return sys.schema;
    const app = this.repo.appField(id);
    return app ? appFieldSchema(app, this.appId, this.environmentId) : undefined;
  }

  fieldName(id: string): string | undefined {
    return SYSTEM_FIELDS.find((f) => f.id === id)?.name ?? this.repo.appField(id)?.name;
  }

  /** Renders issues (IssueBean) in the order given, loading their related data in a few batched queries. */
  issues(rows: readonly IssueRow[], opts: IssueRenderOptions): Json[] {
    if (opts.fields.idOnly()) return rows.map((r) => ({ id: String(r.id) }));
    const ids = rows.map((r) => r.id);
    const appFields = this.repo.appFields();
    const want = (id: string): boolean => {
      const sys = SYSTEM_FIELDS.find((f) => f.id === id);
      return opts.fields.has(id, sys ? sys.navigable : true);
    };
    const fieldValues = appFields.some((f) => want(f.id))
      ? this.repo.fieldValues(ids)
      : new Map<number, Map<string, string[]>>();
    const versionIds = want('fixVersions') ? this.repo.fixVersionIds(ids) : new Map<number, number[]>();
    const links = want('issuelinks') ? this.repo.linksOf(ids) : [];
    const otherIds = new Set<number>();
    for (const l of links) {
      otherIds.add(l.source_id);
      otherIds.add(l.destination_id);
    }
    if (want('parent')) for (const r of rows) if (r.parent_id !== null) otherIds.add(r.parent_id);
    const others = new Map(this.repo.issuesByIds([...otherIds]).map((r) => [r.id, r]));
    const accountIds: string[] = [];
    for (const r of rows) {
      for (const a of [r.assignee, r.reporter, r.creator]) if (a) accountIds.push(a);
    }
    for (const byField of fieldValues.values()) {
      for (const [fieldId, values] of byField) {
        if (this.repo.appField(fieldId)?.type === 'user') accountIds.push(...values);
      }
    }
    const users = this.repo.usersByIds(accountIds);
    const userOf = (a: string | null): unknown => {
      if (!a) return null;
      const u = users.get(a);
      return u ? this.userDetails(u) : null;
    };
    const versionCache = new Map<number, VersionRow | undefined>();
    const versionOf = (id: number): VersionRow | undefined => {
      if (!versionCache.has(id)) versionCache.set(id, this.repo.version(id));
      return versionCache.get(id);
    };
    const projectCache = new Map<number, ProjectRow | undefined>();
    const projectOf = (id: number): ProjectRow | undefined => {
      if (!projectCache.has(id)) projectCache.set(id, this.repo.projectById(id));
      return projectCache.get(id);
    };

    return rows.map((r) => {
      const status = this.repo.status(r.status_id);
      const fields: Json = {};
      const put = (id: string, value: () => unknown): void => {
        if (want(id)) fields[id] = value();
      };
      put('summary', () => r.summary);
      put('description', () => (r.description ? (JSON.parse(r.description) as unknown) : null));
      put('status', () => this.status(status));
      put('issuetype', () => this.issueType(this.repo.issueType(r.issue_type_id)));
      put('project', () => {
        const p = projectOf(r.project_id);
        return p ? this.projectRef(p) : null;
      });
      put('assignee', () => userOf(r.assignee));
      put('reporter', () => userOf(r.reporter));
      put('creator', () => userOf(r.creator));
      put('priority', () => this.priority(this.repo.priority(r.priority_id)));
      put('created', () => jiraDateTime(r.created));
      put('updated', () => jiraDateTime(r.updated));
      put('duedate', () => r.due_date);
      put('fixVersions', () =>
        (versionIds.get(r.id) ?? [])
          .map(versionOf)
          .filter((v): v is VersionRow => !!v)
          .map((v) => this.versionRef(v)),
      );
      put('labels', () => JSON.parse(r.labels) as unknown);
      put('issuelinks', () =>
        links
          .filter((l) => l.source_id === r.id || l.destination_id === r.id)
          .flatMap((l) => {
            const outward = l.source_id === r.id;
            const other = others.get(outward ? l.destination_id : l.source_id);
            const type = this.repo.linkType(l.type_id);
            if (!other || !type || !opts.canBrowseProject(other.project_id)) return [];
            return [
              {
                id: String(l.id),
                self: this.self(`/issueLink/${l.id}`),
                type: this.linkType(type),
                [outward ? 'outwardIssue' : 'inwardIssue']: this.linkedIssue(other),
              },
            ];
          }),
      );
      if (want('parent') && r.parent_id !== null) {
        const parent = others.get(r.parent_id);
        if (parent && opts.canBrowseProject(parent.project_id)) fields.parent = this.linkedIssue(parent);
      }
      put('resolution', () =>
        status.category === 'done'
          ? {
              self: this.self('/resolution/10000'),
              id: '10000',
              description: 'Work has been completed on this issue.',
              name: 'Done',
            }
          : null,
      );
      put('resolutiondate', () => (r.resolution_date === null ? null : jiraDateTime(r.resolution_date)));
      put('statuscategorychangedate', () => jiraDateTime(r.status_changed));
      put('comment', () => {
        const total = this.repo.commentCount(r.id);
        const comments = this.repo.comments(r.id, 0, 5000, false);
        const authors = this.repo.usersByIds(comments.map((c) => c.author));
        return {
          comments: comments.map((c) => this.comment(c, authors, r.id)),
          self: this.self(`/issue/${r.id}/comment`),
          maxResults: total,
          total,
          startAt: 0,
        };
      });
      for (const f of appFields) {
        put(f.id, () => this.appFieldValue(f, fieldValues.get(r.id)?.get(f.id), users));
      }

      const out: Json = {
        expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
        id: String(r.id),
        self: this.self(`/issue/${r.id}`),
        key: r.key,
        fields,
      };
      if (opts.expand.has('names')) {
        out.names = Object.fromEntries(Object.keys(fields).map((id) => [id, this.fieldName(id) ?? id]));
      }
      if (opts.expand.has('schema')) {
        out.schema = Object.fromEntries(
          Object.keys(fields).flatMap((id) => {
            const s = this.fieldSchema(id);
            return s ? [[id, s]] : [];
          }),
        );
      }
      if (opts.expand.has('transitions') && opts.transitions) out.transitions = opts.transitions(r);
      if (opts.expand.has('changelog')) {
        const histories = this.repo.changelog(r.id, 0, 100);
        const authors = this.repo.usersByIds(histories.flatMap((h) => (h.author ? [h.author] : [])));
        const total = this.repo.changelogCount(r.id);
        out.changelog = { startAt: 0, maxResults: 100, total, histories: this.changelog(histories, authors) };
      }
      if (opts.properties.length > 0) {
        const props: Json = {};
        for (const key of opts.properties) {
          const v = this.repo.property(r.id, key);
          if (v !== undefined) props[key] = JSON.parse(v) as unknown;
        }
        out.properties = props;
      }
      return out;
    });
  }
}

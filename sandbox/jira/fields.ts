import type { AppFieldRow } from './repo';

export interface FieldSchema {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

export interface SystemField {
  id: string;
  name: string;
  schema?: FieldSchema;
  clauseNames: string[];
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
}

const sys = (
  id: string,
  name: string,
  schema: Omit<FieldSchema, 'system'> | null,
  clauseNames: string[],
  flags: { navigable?: boolean; orderable?: boolean; searchable?: boolean } = {},
): SystemField => ({
  id,
  name,
  ...(schema ? { schema: { ...schema, system: id } } : {}),
  clauseNames,
  navigable: flags.navigable ?? true,
  orderable: flags.orderable ?? true,
  searchable: flags.searchable ?? true,
});

/** The system fields the sandbox stores and renders, with Jira Cloud's ids, names and JQL clause names. */
export const SYSTEM_FIELDS: SystemField[] = [
  sys('summary', 'Summary', { type: 'string' }, ['summary']),
  sys('description', 'Description', { type: 'string' }, ['description']),
  sys('status', 'Status', { type: 'status' }, ['status'], { orderable: false }),
  sys('issuetype', 'Issue Type', { type: 'issuetype' }, ['issuetype', 'type']),
  sys('project', 'Project', { type: 'project' }, ['project']),
  sys('assignee', 'Assignee', { type: 'user' }, ['assignee']),
  sys('reporter', 'Reporter', { type: 'user' }, ['reporter']),
  sys('creator', 'Creator', { type: 'user' }, ['creator'], { orderable: false }),
  sys('priority', 'Priority', { type: 'priority' }, ['priority']),
  sys('created', 'Created', { type: 'datetime' }, ['created', 'createdDate'], { orderable: false }),
  sys('updated', 'Updated', { type: 'datetime' }, ['updated', 'updatedDate'], { orderable: false }),
  sys('duedate', 'Due date', { type: 'date' }, ['due', 'duedate']),
  sys('fixVersions', 'Fix versions', { type: 'array', items: 'version' }, ['fixVersion']),
  sys('labels', 'Labels', { type: 'array', items: 'string' }, ['labels']),
  sys('issuelinks', 'Linked Issues', { type: 'array', items: 'issuelinks' }, ['issuelinks'], { searchable: false }),
  sys('parent', 'Parent', null, ['parent']),
  sys('resolution', 'Resolution', { type: 'resolution' }, ['resolution']),
  sys('resolutiondate', 'Resolved', { type: 'datetime' }, ['resolutiondate', 'resolved'], { orderable: false }),
  sys('statuscategorychangedate', 'Status Category Changed', { type: 'datetime' }, ['statusCategoryChangedDate'], {
    orderable: false,
  }),
  sys('comment', 'Comment', { type: 'comments-page' }, ['comment'], { navigable: false }),
];

export const SYSTEM_FIELD_IDS = new Set(SYSTEM_FIELDS.map((f) => f.id));

/** Fields a caller may set with PUT/POST /issue (the rest are read-only or workflow-driven). */
export const EDITABLE_SYSTEM_FIELDS = new Set([
  'summary',
  'description',
  'issuetype',
  'project',
  'assignee',
  'reporter',
  'priority',
  'duedate',
  'fixVersions',
  'labels',
  'parent',
]);

/** The ARI Jira puts in `schema.custom` for a Forge app's custom field. */
export const appFieldAri = (appId: string, environmentId: string, moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${moduleKey}`;

export function appFieldSchema(f: AppFieldRow, appId: string, environmentId: string): FieldSchema {
  const custom = appFieldAri(appId, environmentId, f.module_key);
  const customId = Number(f.id.replace('customfield_', ''));
  return f.collection === 'list'
    ? { type: 'array', items: f.type, custom, customId }
    : { type: f.type, custom, customId };
}

/** Which fields a `fields` parameter asks for: `*all`, `*navigable`, ids, and `-id` exclusions. */
export class FieldSelection {
  private constructor(
    private readonly base: 'all' | 'navigable' | 'none',
    private readonly include: Set<string>,
    private readonly exclude: Set<string>,
  ) {}

  static parse(tokens: readonly string[] | undefined, defaults: readonly string[]): FieldSelection {
    const list = (tokens && tokens.length > 0 ? tokens : defaults)
      .flatMap((t) => t.split(','))
      .map((t) => t.trim())
      .filter((t) => t !== '');
    let base: 'all' | 'navigable' | 'none' = 'none';
    const include = new Set<string>();
    const exclude = new Set<string>();
    for (const t of list) {
      if (t === '*all') base = 'all';
      else if (t === '*navigable' && base !== 'all') base = 'navigable';
      else if (t.startsWith('-')) exclude.add(t.slice(1));
      else include.add(t);
    }
    return new FieldSelection(base, include, exclude);
  }

  /** True when only the issue id was asked for (search's default): the issue renders as `{ id }`. */
  idOnly(): boolean {
    return this.base === 'none' && [...this.include].every((f) => f === 'id');
  }

  /** True when nothing beyond id and key was asked for; Jira serves bigger pages then. */
  keysOnly(): boolean {
    return this.base === 'none' && [...this.include].every((f) => f === 'id' || f === 'key');
  }

  has(fieldId: string, navigable: boolean): boolean {
    if (this.exclude.has(fieldId)) return false;
    if (this.include.has(fieldId)) return true;
    if (this.base === 'all') return true;
    return this.base === 'navigable' && navigable;
  }
}

import { EDITABLE_SYSTEM_FIELDS } from './fields';
import { isAdfDoc } from './render';
import type { AppFieldRow, JiraRepo } from './repo';
import { isValidIsoDate } from './time';
import type { IssueDraft } from './issue-draft';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const cannotSet = (id: string): string =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

/**
 * Applies `fields` and `update` of an IssueUpdateDetails body to a draft, collecting Jira-style per-field
 * errors instead of stopping at the first, as Jira does.
 */
export class DraftEditor {
  readonly errors: Record<string, string> = {};

  constructor(
    private readonly repo: JiraRepo,
    private readonly draft: IssueDraft,
    private readonly mode: 'create' | 'edit',
  ) {}

  applyFields(fields: Record<string, unknown>): void {
    for (const [id, value] of Object.entries(fields)) {
      if (id === 'project' && this.mode === 'create') continue;
      this.set(id, value);
    }
  }

  applyUpdate(update: Record<string, Array<Record<string, unknown>>>): void {
    for (const [id, ops] of Object.entries(update)) {
      for (const op of ops) {
        const [verb, value] = Object.entries(op)[0] ?? [];
        if (verb === 'set') this.set(id, value);
        else if (verb === 'add' || verb === 'remove') this.addRemove(id, verb, value);
        else this.errors[id] = `Operation '${verb ?? ''}' is not supported for field '${id}'.`;
      }
    }
  }

  private user(value: unknown): string | null | undefined {
    if (value === null) return null;
    const id = isObj(value) ? (value.accountId ?? value.id) : undefined;
    if (typeof id !== 'string') return undefined;
    const u = this.repo.user(id);
    return u && u.active === 1 ? id : undefined;
  }

  /**
   * A request may not set a read-only app field: Jira refuses it as any field that is not on the screen (create,
   * edit and transition alike); only the app writes it, through its field value endpoints (`setApp`).
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-custom-field-type/#read-only-fields
   */
  private refusedReadOnly(f: AppFieldRow): boolean {
    if (f.read_only === 1) this.errors[f.id] = cannotSet(f.id);
    return f.read_only === 1;
  }

  private set(id: string, value: unknown): void {
    const app = this.repo.appField(id);
    if (app) {
      if (!this.refusedReadOnly(app)) this.setApp(app, value);
      return;
    }
    if (!EDITABLE_SYSTEM_FIELDS.has(id) || (id === 'project' && this.mode === 'edit')) {
      this.errors[id] = cannotSet(id);
      return;
    }
    const d = this.draft;
    switch (id) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          this.errors.summary = 'You must specify a summary of the issue.';
        else if (value.length > 255) this.errors.summary = 'Summary must be less than 255 characters.';
        else d.summary = value;
        return;
      case 'description':
        if (value === null) d.description = null;
        else if (isAdfDoc(value)) d.description = JSON.stringify(value);
        else
          this.errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
        return;
      case 'issuetype': {
        const ref = isObj(value) ? value : {};
        const t = this.repo
          .issueTypes()
          .find(
            (x) =>
              x.id === String(ref.id ?? '') ||
              (typeof ref.name === 'string' && x.name.toLowerCase() === ref.name.toLowerCase()),
          );
        if (!t) this.errors.issuetype = 'Specify an issue type';
        else d.issueTypeId = t.id;
        return;
      }
      case 'priority': {
        const ref = isObj(value) ? value : {};
        const p = this.repo
          .priorities()
          .find(
            (x) =>
              x.id === String(ref.id ?? '') ||
              (typeof ref.name === 'string' && x.name.toLowerCase() === ref.name.toLowerCase()),
          );
        if (!p) this.errors.priority = 'The priority selected is invalid.';
        else d.priorityId = p.id;
        return;
      }
      case 'assignee':
      case 'reporter': {
        const u = this.user(value);
        if (u === undefined) {
          const shown = isObj(value) ? String(value.accountId ?? value.id ?? '') : String(value);
          this.errors[id] = `Specify a valid value for ${id}: user '${shown}' does not exist or is inactive.`;
        } else if (id === 'reporter' && u === null) this.errors.reporter = 'Reporter is required.';
        else d[id] = u;
        return;
      }
      case 'duedate':
        if (value === null || value === '') d.dueDate = null;
        else if (typeof value === 'string' && isValidIsoDate(value)) d.dueDate = value;
        else this.errors.duedate = `Error parsing date string: ${String(value)}`;
        return;
      case 'labels':
        if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string')) {
          this.errors.labels = 'Labels must be a list of strings.';
        } else if (value.some((l) => /\s/.test(l) || l === '')) {
          this.errors.labels = `The label '${value.find((l) => /\s/.test(l) || l === '') ?? ''}' contains spaces which is invalid.`;
        } else d.labels = [...new Set(value)];
        return;
      case 'fixVersions': {
        if (!Array.isArray(value)) {
          this.errors.fixVersions = 'Fix versions must be a list of versions.';
          return;
        }
        const ids: number[] = [];
        for (const v of value) {
          const found = this.version(v);
          if (found === undefined) return;
          ids.push(found);
        }
        d.fixVersionIds = [...new Set(ids)];
        return;
      }
      case 'parent': {
        if (value === null) {
          d.parentId = null;
          return;
        }
        const ref = isObj(value) ? String(value.key ?? value.id ?? '') : '';
        const parent = ref ? this.repo.issue(ref) : undefined;
        if (!parent) {
          this.errors.parent = 'Could not find issue by id or key.';
          return;
        }
        const parentLevel = this.repo.issueType(parent.issue_type_id).hierarchy_level;
        const ownLevel = d.issueTypeId ? this.repo.issueType(d.issueTypeId).hierarchy_level : 0;
        if (parentLevel !== ownLevel + 1) {
          this.errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
          return;
        }
        d.parentId = parent.id;
        return;
      }
      default:
        this.errors[id] = cannotSet(id);
    }
  }

  private version(v: unknown): number | undefined {
    const ref = isObj(v) ? v : {};
    const versions = this.repo.versions(this.draft.projectId);
    const hit = versions.find(
      (x) => String(x.id) === String(ref.id ?? '') || (typeof ref.name === 'string' && x.name === ref.name),
    );
    if (!hit) {
      this.errors.fixVersions =
        ref.id !== undefined
          ? `Version id '${String(ref.id)}' is not valid`
          : `Version name '${String(ref.name ?? '')}' is not valid`;
      return undefined;
    }
    return hit.id;
  }

  private addRemove(id: string, verb: 'add' | 'remove', value: unknown): void {
    const d = this.draft;
    const app = this.repo.appField(id);
    if (app && this.refusedReadOnly(app)) return;
    if (id === 'labels') {
      if (typeof value !== 'string' || /\s/.test(value)) {
        this.errors.labels = `The label '${String(value)}' contains spaces which is invalid.`;
        return;
      }
      d.labels = verb === 'add' ? [...new Set([...d.labels, value])] : d.labels.filter((l) => l !== value);
    } else if (id === 'fixVersions') {
      const v = this.version(value);
      if (v === undefined) return;
      d.fixVersionIds = verb === 'add' ? [...new Set([...d.fixVersionIds, v])] : d.fixVersionIds.filter((x) => x !== v);
    } else if (app && app.collection === 'list') {
      const parsed = this.appValue(app, value);
      if (parsed === undefined || parsed === null) {
        this.errors[app.id] ??= `Specify a valid value for ${app.name}.`;
        return;
      }
      const current = d.app.get(app.id) ?? [];
      d.app.set(app.id, verb === 'add' ? [...new Set([...current, parsed])] : current.filter((x) => x !== parsed));
    } else {
      this.errors[id] = app ? `Operation '${verb}' is not supported for field '${id}'.` : cannotSet(id);
    }
  }

  /** One value of an app field as stored, null for "no value", undefined when invalid (error recorded). */
  private appValue(f: AppFieldRow, value: unknown): string | null | undefined {
    if (value === null) return null;
    switch (f.type) {
      case 'user': {
        const accountId = isObj(value) ? value.accountId : undefined;
        if (typeof accountId !== 'string') {
          this.errors[f.id] = `Specify a valid value for ${f.name}: a user is given as { "accountId": "..." }.`;
          return undefined;
        }
        const u = this.repo.user(accountId);
        if (u?.active !== 1) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: user '${accountId}' does not exist or is inactive.`;
          return undefined;
        }
        return accountId;
      }
      case 'group': {
        const ref = isObj(value) ? value : {};
        const g =
          typeof ref.groupId === 'string'
            ? this.repo.groupById(ref.groupId)
            : typeof ref.name === 'string'
              ? this.repo.group(ref.name)
              : undefined;
        if (!g) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: the group does not exist.`;
          return undefined;
        }
        return g.name;
      }
      case 'string':
        if (typeof value !== 'string' || value.length > 255) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: a string of at most 255 characters.`;
          return undefined;
        }
        return value;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: a number.`;
          return undefined;
        }
        return String(value);
      case 'date':
        if (typeof value !== 'string' || !isValidIsoDate(value)) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: a date as yyyy-MM-dd.`;
          return undefined;
        }
        return value;
      case 'datetime': {
        const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
        if (Number.isNaN(ms)) {
          this.errors[f.id] = `Specify a valid value for ${f.name}: an ISO 8601 date and time.`;
          return undefined;
        }
        // Milliseconds are dropped, as the app field API documents.
        return new Date(Math.floor(ms / 1000) * 1000).toISOString();
      }
    }
  }

  /** Sets an app field from a whole value: a single value, or a list for `collection: list`. */
  setApp(f: AppFieldRow, value: unknown): void {
    if (value === null) {
      this.draft.app.delete(f.id);
      return;
    }
    if (f.collection === 'list') {
      if (!Array.isArray(value)) {
        this.errors[f.id] = `Specify a valid value for ${f.name}: a list is expected.`;
        return;
      }
      const out: string[] = [];
      for (const v of value) {
        const parsed = this.appValue(f, v);
        if (parsed === undefined) return;
        if (parsed !== null && !out.includes(parsed)) out.push(parsed);
      }
      if (out.length === 0) this.draft.app.delete(f.id);
      else this.draft.app.set(f.id, out);
      return;
    }
    if (Array.isArray(value)) {
      this.errors[f.id] = `Specify a valid value for ${f.name}: a single value is expected, not a list.`;
      return;
    }
    const parsed = this.appValue(f, value);
    if (parsed === undefined) return;
    if (parsed === null) this.draft.app.delete(f.id);
    else this.draft.app.set(f.id, [parsed]);
  }

  ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

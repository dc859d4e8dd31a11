import { JqlError, type Expr, type FieldRef, type JqlQuery, type Operand, type Operator } from './jql-parser';
import type { AppFieldRow, JiraRepo } from './repo';
import { isoDate } from './time';

/**
 * Translates a parsed JQL query into an SQL WHERE and ORDER BY over `jira_issues i`, so that a search page
 * reads only its rows (LIMIT/OFFSET on indexed columns) instead of loading the table into JS.
 *
 * Semantics follow Jira's documentation: `!=` and `NOT IN` never match an empty field; `NOT expr` is the
 * complement (every clause compiles to a never-NULL condition so NOT behaves); `~` matches every term of the
 * value as a case-insensitive substring (a phrase when the value is itself quoted); dates are UTC.
 */
export interface JqlCompileContext {
  repo: JiraRepo;
  /** Account id `currentUser()` stands for; null matches nothing. */
  currentAccountId: string | null;
  now: Date;
}

export interface CompiledJql {
  where: string;
  params: unknown[];
  orderBy: string;
  /** False when the query has no search restriction (Jira refuses those on /search/jql). */
  bounded: boolean;
}

type FieldKind =
  | { kind: 'project' | 'issue' | 'parent' | 'status' | 'category' | 'type' | 'priority' | 'fixVersion' | 'labels' }
  | { kind: 'user'; column: 'assignee' | 'reporter' | 'creator' }
  | { kind: 'date'; column: 'due_date' }
  | { kind: 'datetime'; column: 'created' | 'updated' | 'resolution_date' | 'status_changed' }
  | { kind: 'text'; target: 'summary' | 'description' | 'comment' | 'text' }
  | { kind: 'custom'; field: AppFieldRow };

const SYSTEM_FIELDS: Record<string, FieldKind> = {
  project: { kind: 'project' },
  key: { kind: 'issue' },
  issue: { kind: 'issue' },
  issuekey: { kind: 'issue' },
  id: { kind: 'issue' },
  parent: { kind: 'parent' },
  status: { kind: 'status' },
  statuscategory: { kind: 'category' },
  category: { kind: 'category' },
  issuetype: { kind: 'type' },
  type: { kind: 'type' },
  priority: { kind: 'priority' },
  fixversion: { kind: 'fixVersion' },
  labels: { kind: 'labels' },
  assignee: { kind: 'user', column: 'assignee' },
  reporter: { kind: 'user', column: 'reporter' },
  creator: { kind: 'user', column: 'creator' },
  duedate: { kind: 'date', column: 'due_date' },
  due: { kind: 'date', column: 'due_date' },
  created: { kind: 'datetime', column: 'created' },
  createddate: { kind: 'datetime', column: 'created' },
  updated: { kind: 'datetime', column: 'updated' },
  updateddate: { kind: 'datetime', column: 'updated' },
  resolved: { kind: 'datetime', column: 'resolution_date' },
  resolutiondate: { kind: 'datetime', column: 'resolution_date' },
  statuscategorychangeddate: { kind: 'datetime', column: 'status_changed' },
  summary: { kind: 'text', target: 'summary' },
  description: { kind: 'text', target: 'description' },
  comment: { kind: 'text', target: 'comment' },
  text: { kind: 'text', target: 'text' },
};

const EQUALITY: Operator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORDERING: Operator[] = [...EQUALITY, '<', '<=', '>', '>='];
const TEXT: Operator[] = ['~', '!~', 'is', 'is not'];

function operatorsFor(kind: FieldKind): Operator[] {
  switch (kind.kind) {
    case 'date':
    case 'datetime':
      return ORDERING;
    case 'issue':
      return ORDERING;
    case 'text':
      return TEXT;
    case 'custom':
      if (kind.field.type === 'number' || kind.field.type === 'date' || kind.field.type === 'datetime') return ORDERING;
      if (kind.field.type === 'string') return [...TEXT, '=', '!='];
      return EQUALITY;
    default:
      return EQUALITY;
  }
}

const DATE_FORMAT_HELP =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

const PERIOD_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Parses a JQL date value to epoch ms (UTC), or null if it is not one. */
function parseJqlInstant(value: string, now: Date): number | null {
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  }
  const parts = value.trim().split(/\s+/);
  let sign = 1;
  let total = 0;
  for (const [index, part] of parts.entries()) {
    const m = /^([-+]?)(\d+)([wdhm])$/i.exec(part);
    if (!m) return null;
    if (index === 0 && m[1] === '-') sign = -1;
    total += Number(m[2]) * (PERIOD_MS[(m[3] ?? 'd').toLowerCase()] ?? 0);
  }
  return now.getTime() + sign * total;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

class Compiler {
  private readonly params: unknown[] = [];
  constructor(private readonly ctx: JqlCompileContext) {}

  private p(value: unknown): string {
    this.params.push(value);
    return '?';
  }
  private list(values: readonly unknown[]): string {
    return values.map((v) => this.p(v)).join(', ');
  }

  resolveField(ref: FieldRef): FieldKind {
    const fields = this.ctx.repo.appFields();
    if (ref.cfNumber !== undefined) {
      const f = fields.find((x) => x.id === `customfield_${ref.cfNumber}`);
      if (f) return { kind: 'custom', field: f };
    } else {
      const lower = ref.name.toLowerCase();
      const system = SYSTEM_FIELDS[lower];
      if (system) return system;
      const f = fields.find((x) => x.id === lower || x.name.toLowerCase() === lower);
      if (f) return { kind: 'custom', field: f };
    }
    throw new JqlError(`Field '${ref.name}' does not exist or you do not have permission to view it.`);
  }

  expr(e: Expr): string {
    switch (e.kind) {
      case 'and':
        return `(${e.items.map((x) => this.expr(x)).join(' AND ')})`;
      case 'or':
        return `(${e.items.map((x) => this.expr(x)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.expr(e.expr)})`;
      case 'clause':
        return `COALESCE((${this.clause(e.field, e.op, e.operand)}), 0)`;
    }
  }

  private clause(ref: FieldRef, op: Operator, operand: Operand): string {
    const kind = this.resolveField(ref);
    const name = kind.kind === 'custom' ? kind.field.name : ref.name;
    if (!operatorsFor(kind).includes(op)) {
      throw new JqlError(`The operator '${op.toUpperCase()}' is not supported by the '${name}' field.`);
    }
    if (op === 'is' || op === 'is not') {
      if (operand.kind !== 'empty') {
        throw new JqlError(
          `The operator '${op.toUpperCase()}' only supports the values 'EMPTY' and 'NULL' for field '${name}'.`,
        );
      }
    } else if (op === 'in' || op === 'not in') {
      if (operand.kind !== 'list' && operand.kind !== 'function') {
        throw new JqlError(`Operator '${op.toUpperCase()}' does not support the non-list value for field '${name}'.`);
      }
    } else if (operand.kind === 'list') {
      throw new JqlError(`The operator '${op}' does not support the list value for field '${name}'.`);
    }
    switch (kind.kind) {
      case 'project':
        return this.idColumn('i.project_id', op, operand, name, (v) => this.projectIds(v, name));
      case 'issue':
        return this.issueClause('i.id', op, operand, name);
      case 'parent':
        return this.idColumn('i.parent_id', op, operand, name, (v) => this.issueIds(v, name));
      case 'status':
        return this.idColumn('i.status_id', op, operand, name, (v) => this.statusIds(v, name));
      case 'category':
        return this.idColumn('i.status_id', op, operand, name, (v) => this.categoryStatusIds(v, name));
      case 'type':
        return this.idColumn('i.issue_type_id', op, operand, name, (v) =>
          this.byIdOrName(this.ctx.repo.issueTypes(), v, name),
        );
      case 'priority':
        return this.idColumn('i.priority_id', op, operand, name, (v) =>
          this.byIdOrName(this.ctx.repo.priorities(), v, name),
        );
      case 'user':
        return this.idColumn(`i.${kind.column}`, op, operand, name, (v) => this.userIds(v, name));
      case 'fixVersion':
        return this.multiValued('SELECT issue_id FROM jira_issue_versions', 'version_id', op, operand, name, (v) =>
          this.versionIds(v, name),
        );
      case 'labels':
        return this.multiValued(
          'SELECT i2.id AS issue_id FROM jira_issues i2, json_each(i2.labels) j',
          'j.value',
          op,
          operand,
          name,
          (v) => [this.plain(v, name)],
        );
      case 'date':
        return this.compare(`i.${kind.column}`, op, operand, name, (v) => isoDate(new Date(this.instant(v, name))));
      case 'datetime':
        return this.compare(`i.${kind.column}`, op, operand, name, (v) => this.instant(v, name));
      case 'text':
        return this.text(kind.target, op, operand, name);
      case 'custom':
        return this.custom(kind.field, op, operand);
    }
  }

  // ---- operand values ----
  private atoms(operand: Operand): Operand[] {
    return operand.kind === 'list' ? operand.items.flatMap((x) => this.atoms(x)) : [operand];
  }

  private plain(o: Operand, field: string): string {
    if (o.kind === 'value') return o.value;
    if (o.kind === 'function') {
      throw new JqlError(`A value provided by the function '${o.name}' is invalid for the field '${field}'.`);
    }
    throw new JqlError(`The field '${field}' does not support searching for EMPTY values.`);
  }

  private unknownFunction(o: { name: string }): JqlError {
    return new JqlError(`Unable to find JQL function '${o.name}()'.`);
  }

  private noValue(value: string, field: string): JqlError {
    return new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
  }

  private projectIds(o: Operand, field: string): number[] {
    const v = this.plain(o, field);
    const p =
      this.ctx.repo.project(v) ?? this.ctx.repo.projects().find((x) => x.name.toLowerCase() === v.toLowerCase());
    if (!p) throw this.noValue(v, field);
    return [p.id];
  }

  private issueIds(o: Operand, field: string): number[] {
    const v = this.plain(o, field);
    const issue = this.ctx.repo.issue(v);
    if (!issue) {
      throw new JqlError(
        /^\d+$/.test(v)
          ? `An issue with id '${v}' does not exist for field '${field}'.`
          : `An issue with key '${v}' does not exist for field '${field}'.`,
      );
    }
    return [issue.id];
  }

  private byIdOrName(rows: ReadonlyArray<{ id: string; name: string }>, o: Operand, field: string): string[] {
    const v = this.plain(o, field);
    const hit = rows.filter((r) => r.id === v || r.name.toLowerCase() === v.toLowerCase());
    if (hit.length === 0) throw this.noValue(v, field);
    return hit.map((r) => r.id);
  }

  private statusIds(o: Operand, field: string): string[] {
    return this.byIdOrName(this.ctx.repo.statuses(), o, field);
  }

  private categoryStatusIds(o: Operand, field: string): string[] {
    const v = this.plain(o, field).toLowerCase();
    const categories: Record<string, string> = {
      new: 'new',
      'to do': 'new',
      '2': 'new',
      indeterminate: 'indeterminate',
      'in progress': 'indeterminate',
      '4': 'indeterminate',
      done: 'done',
      complete: 'done',
      '3': 'done',
    };
    const cat = categories[v];
    if (!cat) throw this.noValue(this.plain(o, field), field);
    return this.ctx.repo
      .statuses()
      .filter((s) => s.category === cat)
      .map((s) => s.id);
  }

  private userIds(o: Operand, field: string): string[] {
    if (o.kind === 'function') {
      const fn = o.name.toLowerCase();
      if (fn === 'currentuser') return this.ctx.currentAccountId ? [this.ctx.currentAccountId] : [];
      if (fn === 'membersof') {
        const group = o.args[0] ?? '';
        if (!this.ctx.repo.group(group)) {
          throw new JqlError(
            `Function 'membersOf' can not generate a list of usernames for group '${group}'; the group does not exist.`,
          );
        }
        return this.ctx.repo.groupMemberIds(this.ctx.repo.group(group)?.name ?? group);
      }
      if (['now', 'startofday', 'endofday', 'releasedversions', 'unreleasedversions'].includes(fn)) {
        throw new JqlError(`A value provided by the function '${o.name}' is invalid for the field '${field}'.`);
      }
      throw this.unknownFunction(o);
    }
    const v = this.plain(o, field);
    if (!this.ctx.repo.user(v)) throw this.noValue(v, field);
    return [v];
  }

  private versionIds(o: Operand, field: string): number[] {
    const repo = this.ctx.repo;
    if (o.kind === 'function') {
      const fn = o.name.toLowerCase();
      if (fn !== 'releasedversions' && fn !== 'unreleasedversions') {
        if (['now', 'startofday', 'endofday', 'currentuser', 'membersof'].includes(fn)) {
          throw new JqlError(`A value provided by the function '${o.name}' is invalid for the field '${field}'.`);
        }
        throw this.unknownFunction(o);
      }
      const projects =
        o.args.length > 0 ? o.args.map((a) => repo.project(a)).filter((p) => p !== undefined) : repo.projects();
      const released = fn === 'releasedversions' ? 1 : 0;
      return projects.flatMap((p) =>
        repo
          .versions(p.id)
          .filter((v) => v.released === released && v.archived === 0)
          .map((v) => v.id),
      );
    }
    const v = this.plain(o, field);
    const ids = repo
      .all<{ id: number }>('SELECT id FROM jira_versions WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?', v, v)
      .map((r) => r.id);
    if (ids.length === 0) throw this.noValue(v, field);
    return ids;
  }

  private instant(o: Operand, field: string): number {
    if (o.kind === 'function') {
      const fn = o.name.toLowerCase();
      const now = this.ctx.now;
      const offset = o.args[0] ? parseJqlInstant(o.args[0], new Date(0)) : 0;
      if (offset === null)
        throw new JqlError(`Date value '${o.args[0] ?? ''}' for function '${o.name}' is invalid. ${DATE_FORMAT_HELP}`);
      const startOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      if (fn === 'now') return now.getTime();
      if (fn === 'startofday') return startOfDay + offset;
      if (fn === 'endofday') return startOfDay + 86_400_000 - 1 + offset;
      if (['currentuser', 'membersof', 'releasedversions', 'unreleasedversions'].includes(fn)) {
        throw new JqlError(`A value provided by the function '${o.name}' is invalid for the field '${field}'.`);
      }
      throw this.unknownFunction(o);
    }
    const v = this.plain(o, field);
    const ms = parseJqlInstant(v, this.ctx.now);
    if (ms === null) throw new JqlError(`Date value '${v}' for field '${field}' is invalid. ${DATE_FORMAT_HELP}`);
    return ms;
  }

  // ---- clause shapes ----
  /** A single-valued column compared with resolved ids. */
  private idColumn(
    column: string,
    op: Operator,
    operand: Operand,
    field: string,
    resolve: (o: Operand) => ReadonlyArray<string | number>,
  ): string {
    if (op === 'is') return `${column} IS NULL`;
    if (op === 'is not') return `${column} IS NOT NULL`;
    const atoms = this.atoms(operand);
    const wantsEmpty = atoms.some((a) => a.kind === 'empty');
    const ids = [...new Set(atoms.filter((a) => a.kind !== 'empty').flatMap((a) => [...resolve(a)]))];
    if (op === '=' || op === 'in') {
      const member = ids.length > 0 ? `${column} IN (${this.list(ids)})` : '0';
      return wantsEmpty ? `(${member} OR ${column} IS NULL)` : member;
    }
    if (op === '!=' || op === 'not in') {
      const notMember = ids.length > 0 ? `${column} NOT IN (${this.list(ids)})` : '1';
      return `(${column} IS NOT NULL AND ${notMember})`;
    }
    throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  }

  private issueClause(column: string, op: Operator, operand: Operand, field: string): string {
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      const [id] = this.issueIds(operand, field);
      const issue = id === undefined ? undefined : this.ctx.repo.issueById(id);
      if (!issue) throw this.noValue(this.plain(operand, field), field);
      return `(i.project_id = ${this.p(issue.project_id)} AND i.num ${op} ${this.p(issue.num)})`;
    }
    return this.idColumn(column, op, operand, field, (v) => this.issueIds(v, field));
  }

  /** A multi-valued field kept in another table: `subquery` yields issue_id, filtered by `valueColumn`. */
  private multiValued(
    subquery: string,
    valueColumn: string,
    op: Operator,
    operand: Operand,
    field: string,
    resolve: (o: Operand) => ReadonlyArray<string | number>,
    extraWhere = '',
  ): string {
    const where = (cond: string): string => {
      const parts = [extraWhere, cond].filter((x) => x !== '');
      return parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '';
    };
    const any = (): string => `i.id IN (${subquery}${where('')})`;
    if (op === 'is') return `i.id NOT IN (${subquery}${where('')})`;
    if (op === 'is not') return any();
    const atoms = this.atoms(operand);
    const wantsEmpty = atoms.some((a) => a.kind === 'empty');
    const values = [...new Set(atoms.filter((a) => a.kind !== 'empty').flatMap((a) => [...resolve(a)]))];
    const member = (): string =>
      values.length > 0 ? `i.id IN (${subquery}${where(`${valueColumn} IN (${this.list(values)})`)})` : '0';
    if (op === '=' || op === 'in')
      return wantsEmpty ? `(${member()} OR i.id NOT IN (${subquery}${where('')}))` : member();
    if (op === '!=' || op === 'not in') return `(${any()} AND NOT ${member()})`;
    throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  }

  private compare(
    column: string,
    op: Operator,
    operand: Operand,
    field: string,
    convert: (o: Operand) => string | number,
  ): string {
    if (op === 'is') return `${column} IS NULL`;
    if (op === 'is not') return `${column} IS NOT NULL`;
    if (op === 'in' || op === 'not in' || op === '=' || op === '!=') {
      return this.idColumn(column, op, operand, field, (o) => [convert(o)]);
    }
    return `${column} ${op} ${this.p(convert(operand))}`;
  }

  private likeTerms(raw: string): string[] {
    const phrase = /^"(.*)"$/s.exec(raw.trim());
    const terms = phrase ? [phrase[1] ?? ''] : raw.trim().split(/\s+/);
    return terms
      .map((t) => t.replace(/\*+$/, ''))
      .filter((t) => t !== '')
      .map((t) => `%${escapeLike(t).replace(/\?/g, '_')}%`);
  }

  private text(
    target: 'summary' | 'description' | 'comment' | 'text',
    op: Operator,
    operand: Operand,
    field: string,
  ): string {
    if (op === 'is' || op === 'is not') {
      const empty =
        target === 'description'
          ? "(i.description IS NULL OR i.description_text = '')"
          : target === 'comment'
            ? 'i.id NOT IN (SELECT issue_id FROM jira_comments)'
            : '0';
      return op === 'is' ? empty : `NOT ${empty}`;
    }
    const value = this.plain(operand, field);
    const terms = this.likeTerms(value);
    if (terms.length === 0) throw new JqlError(`The field '${field}' does not support searching for an empty string.`);
    // Each fragment is built only when used: every `?` must match one pushed parameter, in order.
    const summary = (like: string): string => `i.summary LIKE ${this.p(like)} ESCAPE '\\'`;
    const description = (like: string): string => `i.description_text LIKE ${this.p(like)} ESCAPE '\\'`;
    const comment = (like: string): string =>
      `i.id IN (SELECT issue_id FROM jira_comments WHERE body_text LIKE ${this.p(like)} ESCAPE '\\')`;
    const one = (like: string): string => {
      if (target === 'summary') return summary(like);
      if (target === 'description') return description(like);
      if (target === 'comment') return comment(like);
      return `(${summary(like)} OR ${description(like)} OR ${comment(like)})`;
    };
    const all = `(${terms.map(one).join(' AND ')})`;
    return op === '~' ? all : `NOT ${all}`;
  }

  private custom(f: AppFieldRow, op: Operator, operand: Operand): string {
    // A literal, not a parameter: the filter appears several times in one clause. Ids are ours (customfield_N).
    if (!/^customfield_\d+$/.test(f.id)) throw new Error(`bad field id ${f.id}`);
    const fieldFilter = `field_id = '${f.id}'`;
    const sub = 'SELECT issue_id FROM jira_field_values';
    switch (f.type) {
      case 'user':
        return this.multiValued(sub, 'value', op, operand, f.name, (o) => this.userIds(o, f.name), fieldFilter);
      case 'group':
        return this.multiValued(
          sub,
          'value',
          op,
          operand,
          f.name,
          (o) => {
            const g = this.ctx.repo.group(this.plain(o, f.name));
            if (!g) throw this.noValue(this.plain(o, f.name), f.name);
            return [g.name];
          },
          fieldFilter,
        );
      case 'string': {
        if (op === '~' || op === '!~') {
          const terms = this.likeTerms(this.plain(operand, f.name));
          const conds = terms.map((t) => `value LIKE ${this.p(t)} ESCAPE '\\'`).join(' AND ');
          const match = `i.id IN (${sub} WHERE ${fieldFilter} AND ${conds || '1'})`;
          return op === '~' ? match : `NOT ${match}`;
        }
        return this.multiValued(sub, 'value', op, operand, f.name, (o) => [this.plain(o, f.name)], fieldFilter);
      }
      case 'number':
      case 'date':
      case 'datetime': {
        const convert = (o: Operand): string | number => {
          if (f.type === 'number') {
            const n = Number(this.plain(o, f.name));
            if (!Number.isFinite(n)) throw this.noValue(this.plain(o, f.name), f.name);
            return n;
          }
          const ms = this.instant(o, f.name);
          return f.type === 'date' ? isoDate(new Date(ms)) : new Date(ms).toISOString();
        };
        const column = f.type === 'number' ? 'num' : 'value';
        if (op === '<' || op === '<=' || op === '>' || op === '>=') {
          return `i.id IN (${sub} WHERE ${fieldFilter} AND ${column} ${op} ${this.p(convert(operand))})`;
        }
        return this.multiValued(sub, column, op, operand, f.name, (o) => [convert(o)], fieldFilter);
      }
    }
  }

  orderBy(query: JqlQuery): string {
    const parts: string[] = [];
    for (const key of query.orderBy) {
      const dir = key.direction ?? 'ASC';
      const name = key.field.name.toLowerCase();
      const nullsLast = (col: string): string => `(${col} IS NULL) ${dir === 'ASC' ? 'ASC' : 'DESC'}, ${col} ${dir}`;
      switch (key.field.cfNumber === undefined ? name : '') {
        case 'key':
        case 'issuekey':
          parts.push(`i.project_key ${dir}`, `i.num ${dir}`);
          break;
        case 'id':
        case 'issue':
          parts.push(`i.id ${dir}`);
          break;
        case 'created':
        case 'updated':
        case 'rank':
        case 'summary':
          parts.push(`i.${name} ${dir}`);
          break;
        case 'duedate':
        case 'due':
          parts.push(nullsLast('i.due_date'));
          break;
        case 'resolved':
        case 'resolutiondate':
          parts.push(nullsLast('i.resolution_date'));
          break;
        case 'status':
          parts.push(`(SELECT name FROM jira_statuses s WHERE s.id = i.status_id) ${dir}`);
          break;
        case 'priority':
          // Priority ids count down from Highest (1), so ascending priority is descending id.
          parts.push(`CAST(i.priority_id AS INTEGER) ${dir === 'ASC' ? 'DESC' : 'ASC'}`);
          break;
        default: {
          this.resolveField(key.field);
          throw new JqlError(`Field '${key.field.name}' does not support sorting.`);
        }
      }
    }
    if (parts.length === 0) parts.push('i.created DESC');
    parts.push('i.id ASC');
    return parts.join(', ');
  }

  parameters(): unknown[] {
    return this.params;
  }
}

/** Compiles a parsed query; throws {@link JqlError} for unknown fields, values and operators. */
export function compileJql(query: JqlQuery, ctx: JqlCompileContext): CompiledJql {
  const c = new Compiler(ctx);
  const where = query.where ? c.expr(query.where) : '1';
  // ORDER BY takes no parameters, so the WHERE's parameters are complete here.
  return { where, params: c.parameters(), orderBy: c.orderBy(query), bounded: query.where !== null };
}

import type { Database } from 'better-sqlite3';

/**
 * Tables of the fake Jira site. All prefixed `jira_` so they share one SQLite file with the KVS engine;
 * created if missing so the data survives restarts.
 *
 * Times are epoch milliseconds (UTC); dates (`due_date`, version dates) are `YYYY-MM-DD` strings so that
 * string order is date order. `description_text` is the plain text of the ADF description, kept for `~`.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS jira_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_users (
  account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, email TEXT,
  account_type TEXT NOT NULL DEFAULT 'atlassian', active INTEGER NOT NULL DEFAULT 1,
  time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai', locale TEXT NOT NULL DEFAULT 'zh_CN');
CREATE TABLE IF NOT EXISTS jira_groups (name TEXT PRIMARY KEY, group_id TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS jira_group_members (
  group_name TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (group_name, account_id));
CREATE INDEX IF NOT EXISTS jira_group_members_by_user ON jira_group_members(account_id);
CREATE TABLE IF NOT EXISTS jira_projects (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  lead_account_id TEXT, project_type_key TEXT NOT NULL DEFAULT 'software', issue_counter INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jira_project_grants (
  project_id INTEGER NOT NULL, permission TEXT NOT NULL, holder_type TEXT NOT NULL, holder TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, permission, holder_type, holder));
CREATE TABLE IF NOT EXISTS jira_versions (
  id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  start_date TEXT, release_date TEXT, released INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS jira_versions_by_project ON jira_versions(project_id, sequence);
CREATE TABLE IF NOT EXISTS jira_issue_types (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, hierarchy_level INTEGER NOT NULL,
  avatar_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jira_statuses (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_transitions (
  id TEXT NOT NULL, name TEXT NOT NULL, from_status_id TEXT NOT NULL, to_status_id TEXT NOT NULL,
  PRIMARY KEY (from_status_id, id));
CREATE TABLE IF NOT EXISTS jira_priorities (id TEXT PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_link_types (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, inward TEXT NOT NULL, outward TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_app_fields (
  id TEXT PRIMARY KEY, module_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT,
  type TEXT NOT NULL, collection TEXT NOT NULL, sequence INTEGER NOT NULL, read_only INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS jira_issues (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_id INTEGER NOT NULL, project_key TEXT NOT NULL,
  num INTEGER NOT NULL, issue_type_id TEXT NOT NULL, status_id TEXT NOT NULL, priority_id TEXT NOT NULL,
  summary TEXT NOT NULL, description TEXT, description_text TEXT NOT NULL DEFAULT '',
  assignee TEXT, reporter TEXT, creator TEXT, parent_id INTEGER, due_date TEXT,
  labels TEXT NOT NULL DEFAULT '[]', rank TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,
  status_changed INTEGER NOT NULL, resolution_date INTEGER);
CREATE INDEX IF NOT EXISTS jira_issues_by_project_num ON jira_issues(project_id, num);
CREATE INDEX IF NOT EXISTS jira_issues_by_key_order ON jira_issues(project_key, num);
CREATE INDEX IF NOT EXISTS jira_issues_by_created ON jira_issues(created);
CREATE INDEX IF NOT EXISTS jira_issues_by_updated ON jira_issues(updated);
CREATE INDEX IF NOT EXISTS jira_issues_by_due ON jira_issues(due_date);
CREATE INDEX IF NOT EXISTS jira_issues_by_rank ON jira_issues(rank);
CREATE INDEX IF NOT EXISTS jira_issues_by_status ON jira_issues(status_id);
CREATE INDEX IF NOT EXISTS jira_issues_by_assignee ON jira_issues(assignee);
CREATE INDEX IF NOT EXISTS jira_issues_by_parent ON jira_issues(parent_id);
CREATE TABLE IF NOT EXISTS jira_issue_versions (
  issue_id INTEGER NOT NULL, version_id INTEGER NOT NULL, PRIMARY KEY (issue_id, version_id));
CREATE INDEX IF NOT EXISTS jira_issue_versions_by_version ON jira_issue_versions(version_id, issue_id);
CREATE TABLE IF NOT EXISTS jira_field_values (
  issue_id INTEGER NOT NULL, field_id TEXT NOT NULL, pos INTEGER NOT NULL, value TEXT NOT NULL, num REAL,
  PRIMARY KEY (issue_id, field_id, pos));
CREATE INDEX IF NOT EXISTS jira_field_values_by_value ON jira_field_values(field_id, value, issue_id);
CREATE TABLE IF NOT EXISTS jira_issue_links (
  id INTEGER PRIMARY KEY, type_id TEXT NOT NULL, source_id INTEGER NOT NULL, destination_id INTEGER NOT NULL,
  created INTEGER NOT NULL, UNIQUE (type_id, source_id, destination_id));
CREATE INDEX IF NOT EXISTS jira_issue_links_by_destination ON jira_issue_links(destination_id);
CREATE TABLE IF NOT EXISTS jira_comments (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL,
  body_text TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS jira_comments_by_issue ON jira_comments(issue_id, id);
CREATE TABLE IF NOT EXISTS jira_issue_properties (
  issue_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key));
CREATE TABLE IF NOT EXISTS jira_changelog (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, author TEXT, created INTEGER NOT NULL, items TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS jira_changelog_by_issue ON jira_changelog(issue_id, id);
CREATE TABLE IF NOT EXISTS jira_notifications (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, issue_key TEXT NOT NULL, sender TEXT,
  subject TEXT, text_body TEXT, html_body TEXT, recipients TEXT NOT NULL, request TEXT NOT NULL,
  created INTEGER NOT NULL);
`;

/** Status categories as Jira numbers them (`/rest/api/3/statuscategory`). */
export const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
} as const;

/** Ids as a fresh Jira Cloud software site numbers them. */
export const STATUS_IDS = { toDo: '10000', inProgress: '3', done: '10001' } as const;
export const ISSUE_TYPE_IDS = { epic: '10000', task: '10001', story: '10002', bug: '10003' } as const;
export const LINK_TYPE_IDS = { blocks: '10000', cloners: '10001', duplicate: '10002', relates: '10003' } as const;

/**
 * Site-wide configuration every Jira site has before any project exists: statuses, the one workflow
 * (To Do → In Progress → Done, with the way back), issue types, priorities and link types.
 */
function insertDefaults(db: Database): void {
  const status = db.prepare(
    'INSERT OR IGNORE INTO jira_statuses (id, name, description, category) VALUES (?, ?, ?, ?)',
  );
  status.run(STATUS_IDS.toDo, 'To Do', '待处理 Work that has not been started.', 'new');
  status.run(STATUS_IDS.inProgress, 'In Progress', '进行中 The issue is currently being worked on.', 'indeterminate');
  status.run(STATUS_IDS.done, 'Done', '已完成 Work has been completed.', 'done');

  const tr = db.prepare(
    'INSERT OR IGNORE INTO jira_transitions (id, name, from_status_id, to_status_id) VALUES (?, ?, ?, ?)',
  );
  tr.run('21', 'In Progress', STATUS_IDS.toDo, STATUS_IDS.inProgress);
  tr.run('31', 'Done', STATUS_IDS.toDo, STATUS_IDS.done);
  tr.run('11', 'To Do', STATUS_IDS.inProgress, STATUS_IDS.toDo);
  tr.run('31', 'Done', STATUS_IDS.inProgress, STATUS_IDS.done);
  tr.run('11', 'To Do', STATUS_IDS.done, STATUS_IDS.toDo);
  tr.run('21', 'In Progress', STATUS_IDS.done, STATUS_IDS.inProgress);

  const type = db.prepare(
    'INSERT OR IGNORE INTO jira_issue_types (id, name, description, hierarchy_level, avatar_id) VALUES (?, ?, ?, ?, ?)',
  );
  type.run(ISSUE_TYPE_IDS.epic, 'Epic', 'A big user story that needs to be broken down.', 1, 10307);
  type.run(ISSUE_TYPE_IDS.task, 'Task', 'A small, distinct piece of work.', 0, 10318);
  type.run(ISSUE_TYPE_IDS.story, 'Story', 'Functionality or a feature expressed as a user goal.', 0, 10315);
  type.run(ISSUE_TYPE_IDS.bug, 'Bug', 'A problem or error.', 0, 10303);

  const prio = db.prepare('INSERT OR IGNORE INTO jira_priorities (id, name, color) VALUES (?, ?, ?)');
  prio.run('1', 'Highest', '#d04437');
  prio.run('2', 'High', '#f15C75');
  prio.run('3', 'Medium', '#f79232');
  prio.run('4', 'Low', '#707070');
  prio.run('5', 'Lowest', '#999999');

  const link = db.prepare('INSERT OR IGNORE INTO jira_link_types (id, name, inward, outward) VALUES (?, ?, ?, ?)');
  link.run(LINK_TYPE_IDS.blocks, 'Blocks', 'is blocked by', 'blocks');
  link.run(LINK_TYPE_IDS.cloners, 'Cloners', 'is cloned by', 'clones');
  link.run(LINK_TYPE_IDS.duplicate, 'Duplicate', 'is duplicated by', 'duplicates');
  link.run(LINK_TYPE_IDS.relates, 'Relates', 'relates to', 'relates to');
}

/**
 * Columns added after a table first shipped, so that a data folder written before them keeps working: each is
 * added where missing (the app fields' `read_only` is then filled from the manifest at start-up).
 */
const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; ddl: string }> = [
  { table: 'jira_app_fields', column: 'read_only', ddl: 'read_only INTEGER NOT NULL DEFAULT 0' },
];

function addMissingColumns(db: Database): void {
  for (const c of ADDED_COLUMNS) {
    const present = (db.prepare(`PRAGMA table_info(${c.table})`).all() as Array<{ name: string }>).some(
      (r) => r.name === c.column,
    );
    if (!present) db.exec(`ALTER TABLE ${c.table} ADD COLUMN ${c.ddl}`);
  }
}

export function ensureJiraSchema(db: Database): void {
  db.exec(DDL);
  addMissingColumns(db);
  db.transaction(() => insertDefaults(db))();
}

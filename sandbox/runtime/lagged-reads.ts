import type { Database } from 'better-sqlite3';

interface TableInfo {
  name: string;
  columns: string[];
  keys: string[];
}
interface UndoRow {
  seq: number;
  tbl: string;
  op: 'I' | 'U' | 'D';
  old_row: string | null;
  new_key: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * An eventually consistent read path over tables that are written at once: every write to the tables of a view is
 * logged (temporary triggers, so nothing of this reaches the data file) with the moment it becomes visible to
 * queries, and a lagged read undoes the writes not yet visible inside a savepoint, runs, and rolls back. Reads by
 * key do not go through here and stay current, as on Forge and Jira.
 *
 * Visibility times only grow along the log, so what is not yet visible is always its tail: undoing that tail,
 * newest first, gives exactly the state as of the last visible write.
 */
export class LaggedReads {
  private readonly tables = new Map<string, TableInfo>();
  private lastVisibleAt = 0;
  private replaying = false;

  /**
   * @param view a name for the log of these tables (one database can hold several views)
   * @param lag how long the next write takes to become visible, in ms of `now`
   */
  constructor(
    private readonly db: Database,
    private readonly view: string,
    tableNames: string[],
    private readonly now: () => number,
    private readonly lag: () => number,
  ) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS sandbox_lag_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, view TEXT NOT NULL, visible_at INTEGER NOT NULL, tbl TEXT NOT NULL,
      op TEXT NOT NULL, old_row TEXT, new_key TEXT)`);
    const fn = `sandbox_lag_${view}`;
    db.function(`${fn}_at`, { deterministic: false }, () => {
      this.lastVisibleAt = Math.max(this.lastVisibleAt, this.now() + this.lag());
      return this.lastVisibleAt;
    });
    db.function(`${fn}_on`, { deterministic: false }, () => (this.replaying ? 0 : 1));
    for (const name of tableNames) {
      const cols = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as Array<{ name: string; pk: number }>;
      const columns = cols.map((c) => c.name);
      const keys = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const info: TableInfo = { name, columns, keys: keys.length ? keys : ['rowid'] };
      this.tables.set(name, info);
      const obj = (row: 'OLD' | 'NEW', cs: string[]) =>
        `json_object(${cs.map((c) => `'${c.replace(/'/g, "''")}', ${row}.${quote(c)}`).join(', ')})`;
      const log = (op: string, oldRow: string, newKey: string) =>
        `INSERT INTO sandbox_lag_log (view, visible_at, tbl, op, old_row, new_key)
         VALUES ('${view}', ${fn}_at(), '${name}', '${op}', ${oldRow}, ${newKey});`;
      const trigger = (event: string, body: string) =>
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`lag_${view}_${name}_${event}`)}
          AFTER ${event} ON main.${quote(name)} WHEN ${fn}_on() BEGIN ${body} END`);
      trigger('INSERT', log('I', 'NULL', obj('NEW', info.keys)));
      trigger('UPDATE', log('U', obj('OLD', columns), obj('NEW', info.keys)));
      trigger('DELETE', log('D', obj('OLD', columns), 'NULL'));
    }
  }

  /** The latest moment a logged write becomes visible (0 when every write is). */
  pendingUntil(): number {
    this.prune();
    const row = this.db.prepare('SELECT MAX(visible_at) AS at FROM sandbox_lag_log WHERE view = ?').get(this.view) as {
      at: number | null;
    };
    return row.at ?? 0;
  }

  private prune(): void {
    this.db.prepare('DELETE FROM sandbox_lag_log WHERE view = ? AND visible_at <= ?').run(this.view, this.now());
  }

  /** Runs `read` against the state a query would see now: the writes not yet visible undone. */
  read<T>(read: () => T): T {
    this.prune();
    const tail = this.db
      .prepare('SELECT seq, tbl, op, old_row, new_key FROM sandbox_lag_log WHERE view = ? ORDER BY seq DESC')
      .all(this.view) as UndoRow[];
    if (tail.length === 0 || this.db.inTransaction) return read();
    this.replaying = true;
    this.db.exec('SAVEPOINT sandbox_lag');
    try {
      for (const row of tail) this.undo(row);
      return read();
    } finally {
      this.db.exec('ROLLBACK TO sandbox_lag; RELEASE sandbox_lag');
      this.replaying = false;
    }
  }

  private undo(row: UndoRow): void {
    const table = this.tables.get(row.tbl);
    if (!table) return;
    const where = table.keys.map((k) => `${quote(k)} = ?`).join(' AND ');
    const keyOf = (json: string | null) => {
      const v = JSON.parse(json ?? '{}') as Record<string, unknown>;
      return table.keys.map((k) => v[k]);
    };
    const restore = (json: string | null) => {
      const v = JSON.parse(json ?? '{}') as Record<string, unknown>;
      return table.columns.map((c) => v[c]);
    };
    if (row.op === 'I') {
      this.db.prepare(`DELETE FROM main.${quote(table.name)} WHERE ${where}`).run(...keyOf(row.new_key));
    } else if (row.op === 'U') {
      const set = table.columns.map((c) => `${quote(c)} = ?`).join(', ');
      this.db
        .prepare(`UPDATE main.${quote(table.name)} SET ${set} WHERE ${where}`)
        .run(...restore(row.old_row), ...keyOf(row.new_key));
    } else {
      const cols = table.columns.map(quote).join(', ');
      this.db
        .prepare(
          `INSERT OR REPLACE INTO main.${quote(table.name)} (${cols}) VALUES (${table.columns.map(() => '?').join(', ')})`,
        )
        .run(...restore(row.old_row));
    }
  }
}

/** Every table of the database whose name starts with `prefix`. */
export function tablesWithPrefix(db: Database, prefix: string): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?").all(`${prefix}%`) as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

/**
 * What RACI costs in remote calls (issue 3): opening the issue panel with and without a department directory,
 * saving an edit, and paging the project page's RACI matrix on a project of 5,000 issues, where each page of
 * rows must be one Jira search page whatever the page number (never a scan of the project).
 * Run: npm run bench   (or npx tsx bench/raci.bench.ts; BENCH_RUNS=30, RACI_MATRIX_SIZE=5000)
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { invoke } from '../test/support/platform';
import { fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SIZE = Number(process.env.RACI_MATRIX_SIZE ?? 5000);
const PAGE_SIZE = 50;
const lead = SEED_USERS.gaoYuan.accountId;
const admin = SEED_USERS.linTao.accountId;
const PANEL = 'collab-issue-panel';
const PAGE = 'collab-project-page';

type Call = () => Promise<{
  env: { ok: boolean; error?: { message: string } };
  record: { kvsOps: number; jiraCalls: number; durationMs: number };
}>;

async function measure(n: number, call: Call): Promise<Sample[]> {
  await call(); // warm: the first call of a function instance looks up the app's field ids once
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call();
    if (!r.env.ok) throw new Error(`bench call failed: ${r.env.error?.message}`);
    out.push(fromRecord(r.record as never));
  }
  return out;
}

/**
 * The whole panel open: the UI makes this one call and no other (test/e2e/escalations.e2e.test.ts checks it).
 * PAY-7 has dependencies (one bulk fetch of the other issues); AICS-17 (the stand-up notes) has none; PAY-14
 * has an open escalation whose holders and raiser come with the issue read (the app's escalation people fields).
 */
async function panelRows(p: Platform, rows: Row[], label: string) {
  for (const issueKey of ['PAY-7', 'AICS-17', 'PAY-14']) {
    rows.push(
      summarize(
        'open issue panel',
        `${issueKey}, ${label}`,
        1,
        await measure(RUNS, () => invoke(p, { moduleKey: PANEL, accountId: lead, issueKey }, 'getIssuePanel')),
      ),
    );
  }
}

async function main() {
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];

  const p = await createPlatform({
    dataDir: null,
    siteUrl: 'http://bench.local',
    startAt: TEST_START,
    keepInvocations: 5000,
  });
  await panelRows(p, rows, '6 departments');
  notes.push({
    'a panel open':
      '1 invoke (getIssuePanel) for every section: RACI, dependencies, escalations with their holders and allowed actions',
    'its KVS ops':
      '1 batch read (people index, calendars, the project ladder, the department directory) + 1 query for the dependencies + 1 for the escalations',
    'its Jira calls':
      '1 issue read (RACI and escalation people fields, links, edit right) + 1 bulk fetch only when the issue has dependencies',
  });

  // Saving an edit: the same RACI written back each time (the version moves with it only when it changes).
  const saves: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const open = await invoke(p, { moduleKey: PANEL, accountId: lead, issueKey: 'PAY-7' }, 'getIssuePanel');
    if (!open.env.ok) throw new Error(open.env.error.message);
    const raci = open.env.data.raci;
    const ids = (xs: Array<{ accountId: string }>) => xs.map((x) => x.accountId);
    const consulted =
      i % 2 === 0
        ? [...ids(raci.consulted), SEED_USERS.heJun.accountId]
        : ids(raci.consulted).filter((x: string) => x !== SEED_USERS.heJun.accountId);
    const r = await invoke(p, { moduleKey: PANEL, accountId: lead, issueKey: 'PAY-7' }, 'setRaci', {
      responsible: ids(raci.responsible),
      accountable: raci.accountable ? [raci.accountable.accountId] : [],
      consulted,
      informed: ids(raci.informed),
      departments: raci.assignedDepartments,
      expectedVersion: raci.version,
    });
    if (!r.env.ok) throw new Error(r.env.error.message);
    saves.push(fromRecord(r.record));
  }
  rows.push(summarize('save RACI (setRaci)', 'PAY-7', 1, saves));

  // Without departments: an admin empties the directory through the admin page's resolver.
  const list = await invoke(p, { moduleKey: 'collab-admin-page', accountId: admin }, 'listDepartments');
  if (!list.env.ok) throw new Error(list.env.error.message);
  for (const d of list.env.data.departments as Array<{ id: string; version: number }>) {
    const r = await invoke(p, { moduleKey: 'collab-admin-page', accountId: admin }, 'deleteDepartment', {
      id: d.id,
      version: d.version,
    });
    if (!r.env.ok) throw new Error(r.env.error.message);
  }
  await panelRows(p, rows, 'no departments');
  p.close();

  // The matrix on a big project.
  const q = await createPlatform({
    dataDir: null,
    siteUrl: 'http://bench.local',
    startAt: TEST_START,
    keepInvocations: 5000,
  });
  const key = `RM${SIZE}`;
  q.jira.admin.createProject({
    key,
    name: `RACI matrix ${SIZE}`,
    leadAccountId: lead,
    grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: lead } }],
  });
  const people = [...SEED_USERS].map((u) => u.accountId);
  const started = performance.now();
  q.jira.admin.transaction(() => {
    for (let i = 0; i < SIZE; i++) {
      q.jira.admin.createIssue({
        projectKey: key,
        issueType: 'Task',
        summary: `Matrix issue ${i}`,
        status: i % 3 === 0 ? 'Done' : i % 3 === 1 ? 'In Progress' : 'To Do',
        appFields:
          i % 5 === 0
            ? {}
            : {
                'raci-accountable': people[i % people.length]!,
                'raci-responsible': [people[(i + 1) % people.length]!, people[(i + 2) % people.length]!],
                'raci-consulted': [people[(i + 3) % people.length]!],
                'raci-informed': [people[(i + 4) % people.length]!],
              },
      });
    }
  });
  notes.push({ 'matrix project': `${SIZE} issues`, 'created ms': (performance.now() - started).toFixed(0) });

  const matrix = (pageToken?: string) =>
    invoke(q, { moduleKey: PAGE, accountId: lead, projectKey: key }, 'getRaciMatrix', {
      pageSize: PAGE_SIZE,
      ...(pageToken ? { pageToken } : {}),
    });
  rows.push(
    summarize('RACI matrix, first page', `${SIZE} issues, ${PAGE_SIZE} rows`, 1, await measure(RUNS, () => matrix())),
  );
  // Walk every page once, as a user pressing "Next page" to the end would: each page costs the same.
  const walk: Sample[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await matrix(token);
    if (!r.env.ok) throw new Error(r.env.error.message);
    walk.push(fromRecord(r.record));
    token = r.env.data.nextPageToken ?? undefined;
    pages += 1;
  } while (token);
  rows.push(summarize('RACI matrix, any page (walk to the last)', `${SIZE} issues, ${pages} pages`, 1, walk));
  notes.push({
    'matrix pages walked': pages,
    'Jira calls per page, min / max': `${Math.min(...walk.map((s) => s.jiraCalls))} / ${Math.max(...walk.map((s) => s.jiraCalls))}`,
    'Jira calls the app made for the whole walk': walk.reduce((n, x) => n + x.jiraCalls, 0),
    'KVS ops per page, max': Math.max(...walk.map((s) => s.kvsOps)),
  });
  rows.push(
    summarize(
      'RACI matrix filters + coverage',
      `${SIZE} issues`,
      1,
      await measure(RUNS, () =>
        invoke(q, { moduleKey: PAGE, accountId: lead, projectKey: key }, 'getRaciMatrixFilters'),
      ),
    ),
  );
  q.close();

  printTable(
    `RACI: remote calls per action (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call, one after another)`,
    rows,
    notes,
  );
}

void main();

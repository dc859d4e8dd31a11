/**
 * The RACI matrix's CSV export on a project of 10,000 work items (issue 14): what the export costs, in
 * invocations and Jira calls, the way the project page makes it (`exportRaciMatrix` from the first row to the
 * last, as the UI's loop does). Before issue 14: 100 invocations, 100 Jira searches (pages of 100).
 * Run: npm run bench   (or npx tsx bench/raci-export.bench.ts; RACI_EXPORT_SIZE=10000)
 */
import { createPlatform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { invoke } from '../test/support/platform';
import { bigProject, MODEL } from './support';
import { kb, meter, verdicts } from './meter';

const SIZE = Number(process.env.RACI_EXPORT_SIZE ?? 10_000);
const lead = SEED_USERS.gaoYuan.accountId;

async function main() {
  const p = await createPlatform({ dataDir: null, siteUrl: 'http://bench.local', startAt: TEST_START });
  await bigProject(p, 'RX', SIZE, lead);
  const m = meter(p);
  const where = { moduleKey: 'collab-project-page', accountId: lead, projectKey: 'RX' };
  let token: string | undefined;
  let invokes = 0;
  let jira = 0;
  let kvs = 0;
  let rows = 0;
  let longest = 0;
  let largest = 0;
  do {
    const r = await invoke(p, where, 'exportRaciMatrix', token ? { pageToken: token } : {});
    if (!r.env.ok) throw new Error(r.env.error.message);
    const page = r.env.data as { rows: unknown[]; nextPageToken: string | null };
    invokes += 1;
    jira += r.record.jiraCalls;
    kvs += r.record.kvsOps;
    rows += page.rows.length;
    longest = Math.max(longest, r.record.jiraCalls * MODEL.jiraMs + r.record.kvsOps * MODEL.kvsMs);
    largest = Math.max(largest, JSON.stringify(page).length);
    token = page.nextPageToken ?? undefined;
  } while (token);
  p.close();
  const per10k = (n: number) => Math.round((n * 10_000) / rows);
  verdicts(`RACI CSV export, ${SIZE} rows`, [
    { figure: 'rows exported', value: String(rows), goal: String(SIZE), pass: rows === SIZE },
    {
      figure: 'invocations per 10,000 rows',
      value: String(per10k(invokes)),
      goal: '≤ 10 (was 100)',
      pass: per10k(invokes) <= 10,
    },
    {
      figure: 'Jira calls per 10,000 rows',
      value: String(per10k(jira)),
      goal: '≤ 10 (was 100; Jira answers at most 100 issues a page when fields are asked)',
      pass: per10k(jira) <= 10,
    },
    { figure: 'KVS ops per 10,000 rows', value: String(per10k(kvs)), goal: '≤ 10', pass: per10k(kvs) <= 10 },
    {
      figure: 'longest invocation, modelled',
      value: `${longest} ms`,
      goal: '≤ 10,000 ms (well inside the resolver time limit)',
      pass: longest <= 10_000,
    },
    { figure: 'largest response', value: kb(largest), goal: '≤ 1 MB', pass: largest <= 1024 * 1024 },
    { figure: 'read from Jira in all', value: kb(m.jiraBytes()), goal: 'recorded (was 24 MB)', pass: true },
  ]);
}

void main();

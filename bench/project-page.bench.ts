/**
 * The project page (issue 6) as the project grows: opening the page (its summary: milestone health, figures,
 * trend, risk and action counts) from the rollup, beside a full-scan baseline that reads every issue of the
 * project, the versions and the page's own records and computes the same; and what each section costs
 * when opened. Then the built apps' gzipped sizes.
 * Run: npm run bench   (sizes: BENCH_SIZES=1000,10000; runs: BENCH_RUNS=10)
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { replaySeedAsEvents } from '../sandbox/seed/replay-events';
import { invoke } from '../test/support/platform';
import { BUNDLE_BUDGET_KB, measureBundle, type AppName } from '../test/support/bundle';
import { bigProject, fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const lead = SEED_USERS.gaoYuan.accountId;
const PAGE = 'collab-project-page';
const RECORDS = { risks: 40, actions: 60 };

async function measure(call: () => Promise<{ record: unknown }>, n = RUNS): Promise<Sample[]> {
  await call();
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(fromRecord((await call()).record as never));
  return out;
}

/** The page's own records, written through its resolver as the project lead. */
async function records(p: Platform, key: string): Promise<void> {
  const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const call = async (fn: string, payload: unknown) => {
    const { env } = await invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, fn, payload);
    if (!env.ok) throw new Error(`${fn}: ${env.error.message}`);
    return env.data;
  };
  const people = SEED_USERS.map((u) => u.accountId);
  for (let i = 0; i < RECORDS.risks; i++) {
    await call('saveRisk', { title: `Risk ${i}`, probability: (i % 5) + 1, impact: ((i * 3) % 5) + 1, ownerAccountId: people[i % people.length], status: i % 4 === 0 ? 'closed' : 'open', reviewDate: day(i % 20), expectedVersion: null });
  }
  const retro = await call('saveRetrospective', { versionId: null, heldOn: day(-1), wentWell: 'w', toImprove: 't', scores: { communication: 4, accountability: 3, resources: 4, resolution: 5 }, tags: ['x'], expectedVersion: null });
  for (let i = 0; i < RECORDS.actions; i++) {
    await call('saveAction', { retrospectiveId: retro.id, title: `Action ${i}`, ownerAccountId: people[i % people.length], dueDate: day((i % 30) - 15), status: i % 3 === 0 ? 'done' : 'open', expectedVersion: null });
  }
}

/**
 * The baseline: what the page costs without a rollup. Every issue through /search/jql (100 a page) with the
 * fields milestone health and the figures need, the project and its versions, and the page's records.
 */
async function fullScan(p: Platform, key: string): Promise<{ sample: Sample; issues: number; done: number }> {
  const t0 = performance.now();
  let jiraCalls = 2; // the project and its versions, as the rollup path reads them
  let token: string | undefined;
  let issues = 0;
  let done = 0;
  do {
    const r = await p.jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: JSON.stringify({ jql: `project = ${key}`, fields: ['status', 'duedate', 'fixVersions', 'created', 'statuscategorychangedate', 'customfield_10100', 'customfield_10101'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) }),
      actor: { kind: 'user', accountId: lead },
    });
    jiraCalls += 1;
    const body = JSON.parse(r.body) as { issues: Array<{ fields: { status: { statusCategory: { key: string } } } }>; nextPageToken?: string };
    issues += body.issues.length;
    done += body.issues.filter((i) => i.fields.status.statusCategory.key === 'done').length;
    token = body.nextPageToken;
  } while (token);
  // Risks, retrospectives, action items, milestone plans: one query page of up to 100 each.
  const kvsOps = Math.ceil(RECORDS.risks / 100) + 1 + Math.ceil(RECORDS.actions / 100) + 1;
  return { sample: { kvsOps, jiraCalls, ms: performance.now() - t0 }, issues, done };
}

function bundleSizes(): Array<Record<string, string>> {
  return (Object.keys(BUNDLE_BUDGET_KB) as AppName[]).map((app): Record<string, string> => {
    const m = measureBundle(app);
    if (!m) return { app, 'first load, gzipped JS': 'not built (npm run build:ui)' };
    return {
      app,
      'first load, gzipped JS': `${(m.initialBytes / 1024).toFixed(1)} KB (budget ${BUNDLE_BUDGET_KB[app]} KB)`,
      'all JS incl. lazy sections and charts, gzipped': `${(m.allBytes / 1024).toFixed(1)} KB`,
    };
  });
}

async function main() {
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  for (const size of SIZES) {
    const p = await createPlatform({ dataDir: null, siteUrl: 'http://bench.local', keepInvocations: size * 3 + 2000 });
    const key = `PP${size}`;
    await bigProject(p, key, size, lead, 4);
    await replaySeedAsEvents(p.jira, (e) => p.host.deliver(e, false), lead, new Date(p.clock.now()), `project = ${key} ORDER BY key ASC`, async () => p.settle());
    await p.settle();
    await records(p, key);

    const open = () => invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, 'getProjectOverview');
    const summary = (await open()).env;
    if (!summary.ok) throw new Error(summary.error.message);
    const pageRow = summarize('open project page (rollup)', `${size} issues`, 1, await measure(open));
    rows.push(pageRow);
    const scans: Sample[] = [];
    let scanned = { issues: 0, done: 0 };
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const s = await fullScan(p, key);
      scans.push(s.sample);
      scanned = s;
    }
    const scanRow = summarize('open project page by full scan (baseline)', `${size} issues`, 1, scans);
    rows.push(scanRow);
    for (const fn of ['listRisks', 'listRetrospectives', 'getCharter', 'getAgenda']) {
      rows.push(summarize(`open section: ${fn}`, `${size} issues`, 1, await measure(() => invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: key }, fn), Math.min(RUNS, 5))));
    }
    const r = summary.data.rollup;
    notes.push({
      size,
      'rollup equals the scan (issues, done)': `${r.issueCount === scanned.issues && r.byCategory.done === scanned.done ? 'yes' : 'NO'} (${r.issueCount}/${scanned.issues}, ${r.byCategory.done}/${scanned.done})`,
      'remote calls, full scan / rollup': `${scanRow.kvsOps + scanRow.jiraCalls} / ${pageRow.kvsOps + pageRow.jiraCalls}`,
      'modelled time ratio (scan / rollup)': (scanRow.modelledMs / pageRow.modelledMs).toFixed(1),
      'server time ratio p50 (scan / rollup)': (scanRow.p50 / pageRow.p50).toFixed(1),
    });
    p.close();
  }
  printTable(`Project page: remote calls per open (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call, one after another)`, rows, notes);
  console.log('\n## Built apps');
  for (const b of bundleSizes()) console.log(Object.entries(b).map(([k, v]) => `${k}: ${v}`).join('  '));
}

void main();

/**
 * What opening each surface costs, in remote calls and time, as the project grows: the issue panel with
 * 0 to 200 dependencies, and the project page on projects of 1,000 to 50,000 issues, beside a full-scan
 * baseline (reading every issue of the project through /search/jql, which is what a page without a
 * rollup would have to do). Run: npm run bench   (sizes: BENCH_SIZES=1000,10000)
 */
import { createPlatform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { replaySeedAsEvents } from '../sandbox/seed/replay-events';
import { invoke } from '../test/support/platform';
import { bigProject, fromRecord, MODEL, printTable, summarize, type Row, type Sample } from './support';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const lead = SEED_USERS.gaoYuan.accountId;

async function measure(
  n: number,
  call: () => Promise<{ record: { kvsOps: number; jiraCalls: number; durationMs: number } }>,
): Promise<Sample[]> {
  await call(); // warm: the first call of a function instance looks up the app's field ids once
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(fromRecord((await call()).record as never));
  return out;
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
  // Issue panel as dependencies grow: PAY-11 gets 0..200 extra upstream links.
  for (const deps of [0, 20, 200]) {
    const key = `DP${deps}`;
    await bigProject(p, key, deps + 1, lead);
    for (let i = 2; i <= deps + 1; i++) {
      await p.jira.handle({
        method: 'POST',
        path: '/rest/api/3/issueLink',
        body: JSON.stringify({
          type: { name: 'Blocks' },
          inwardIssue: { key: `${key}-${i}` },
          outwardIssue: { key: `${key}-1` },
        }),
        actor: { kind: 'app' },
      });
    }
    await p.settle();
    const samples = await measure(RUNS, () =>
      invoke(p, { moduleKey: 'collab-issue-panel', accountId: lead, issueKey: `${key}-1` }, 'getIssuePanel'),
    );
    rows.push(summarize('open issue panel', `${deps} dependencies`, 1, samples));
  }
  const linkEvents = p.host.invocations.filter((i) => i.moduleKey === 'link-events');
  notes.push({
    'link events': linkEvents.length,
    'KVS ops per link event, median / max (max includes retries after a write conflict)': `${median(linkEvents.map((i) => i.kvsOps))} / ${Math.max(...linkEvents.map((i) => i.kvsOps))}`,
    'link events over 4 KVS ops (a retry after a write conflict on the rollup shard)': linkEvents.filter(
      (i) => i.kvsOps > 4,
    ).length,
    'Jira calls per link event, max': Math.max(...linkEvents.map((i) => i.jiraCalls)),
  });
  p.close();

  for (const size of SIZES) {
    const q = await createPlatform({
      dataDir: null,
      siteUrl: 'http://bench.local',
      startAt: TEST_START,
      keepInvocations: size * 3 + 1000,
    });
    const key = `L${size}`;
    const createMs = await bigProject(q, key, size, lead);
    const replayStarted = performance.now();
    const before = q.host.invocationMark();
    // Announce the issues as created, in batches, the way Jira's event stream would.
    await replaySeedAsEvents(
      q.jira,
      (e) => q.host.deliver(e, false),
      lead,
      new Date(q.clock.now()),
      `project = ${key} ORDER BY key ASC`,
      async () => q.settle(),
    );
    await q.settle();
    const replayMs = performance.now() - replayStarted;
    const events = q.host.invocationsSince(before);
    notes.push({
      size,
      'issues created ms': createMs.toFixed(0),
      'created events handled': events.length,
      'KVS ops per issue event, median / max': `${median(events.map((e) => e.kvsOps))} / ${Math.max(...events.map((e) => e.kvsOps))}`,
      'failed events': events.filter((e) => !e.ok).length,
      'replay ms': replayMs.toFixed(0),
    });

    const page = await measure(RUNS, () =>
      invoke(q, { moduleKey: 'collab-project-page', accountId: lead, projectKey: key }, 'getProjectOverview'),
    );
    const pageRow = summarize('open project page (rollup)', `${size} issues`, 1, page);
    rows.push(pageRow);

    // Baseline: the same page without a rollup reads every issue of the project, 100 a page.
    const scans: Sample[] = [];
    for (let run = 0; run < Math.min(RUNS, 5); run++) {
      let token: string | undefined;
      let calls = 0;
      const t0 = performance.now();
      do {
        const r = await q.jira.handle({
          method: 'POST',
          path: '/rest/api/3/search/jql',
          body: JSON.stringify({
            jql: `project = ${key}`,
            fields: ['status', 'duedate', 'customfield_10100', 'customfield_10101'],
            maxResults: 100,
            ...(token ? { nextPageToken: token } : {}),
          }),
          actor: { kind: 'user', accountId: lead },
        });
        calls += 1;
        token = (JSON.parse(r.body) as { nextPageToken?: string }).nextPageToken;
      } while (token);
      scans.push({ kvsOps: 0, jiraCalls: calls + 2, ms: performance.now() - t0 });
    }
    const scanRow = summarize('project page by full scan (baseline)', `${size} issues`, 1, scans);
    rows.push(scanRow);
    notes.push({
      size,
      'remote calls, full scan / rollup': `${scanRow.kvsOps + scanRow.jiraCalls} / ${pageRow.kvsOps + pageRow.jiraCalls}`,
      'modelled time ratio': (scanRow.modelledMs / pageRow.modelledMs).toFixed(1),
    });
    q.close();
  }

  printTable(
    `Surfaces: remote calls per open (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call, one after another)`,
    rows,
    notes,
  );
}

void main();

/**
 * What the hourly deadline sweep costs as open escalations pile up: 1,000, 10,000 and 50,000 open, of which
 * 50 are past their level's limit. The sweep reads only what is due (the `by-status-due` index: partition
 * status, range due time), so its KVS operations follow the 50, not the pile. Also: a second sweep right
 * after (nothing due: it must read and write nothing more than two empty index pages), and two sweeps at
 * once (each due escalation climbs once). Run: npm run bench:escalations   (sizes: BENCH_SIZES=1000,10000)
 */
import { createPlatform, type Platform } from '../sandbox/platform';
import { TEST_START } from '../test/support/clock';
import type { EscalationRecord } from '../src/domain/escalations/escalation';
import { ENTITY } from '../src/app/kernel/storage-keys';
import { fromRecord, MODEL, printTable, summarize, type Row } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const DUE = 50;
const H = 3_600_000;
const SWEEP = 'deadline-sweep';

/** `open` escalations written straight into the entity store (bench setup, not the app's path); the first `DUE` are past due. */
function pileUp(p: Platform, open: number, issueIds: string[]): void {
  const now = p.clock.now();
  let batch: Array<{ key: string; value: EscalationRecord; entityName: string }> = [];
  const flush = () => {
    if (batch.length === 0) return;
    const r = p.kvs.handle('/api/v1/batch/set', JSON.stringify(batch));
    if (r.status >= 300) throw new Error(`bench setup failed: ${r.status} ${r.body}`);
    batch = [];
  };
  for (let i = 0; i < open; i++) {
    const due = i < DUE;
    const value: EscalationRecord = {
      id: `bench-${i}`,
      issueId: issueIds[i % issueIds.length]!,
      issueKey: `PAY-${(i % issueIds.length) + 1}`,
      projectKey: 'PAY',
      status: i % 3 === 0 ? 'acknowledged' : 'open',
      level: 1,
      dueAt: due ? now - H : now + 30 * 24 * H + i,
      raisedAt: now - 48 * H,
      raisedBy: '',
      source: 'webtrigger',
      summary: `bench ${i}`,
      description: `bench ${i}`,
      impact: '',
      supportNeeded: '',
      departmentAsked: 'rnd',
      requesterDept: 'product',
      requestedDeadline: '',
      dependencyId: '',
      ackAt: i % 3 === 0 ? now - 47 * H : 0,
      closedAt: 0,
      outcome: '',
      closedBy: '',
      binding: false,
      breached: false,
      resolvedInTime: false,
      updatedAt: now - 48 * H,
      version: 1,
    };
    batch.push({ key: value.id, value, entityName: ENTITY.escalation });
    if (batch.length === 25) flush();
  }
  flush();
}

async function issueIds(p: Platform): Promise<string[]> {
  const r = await p.jira.handle({
    method: 'POST',
    path: '/rest/api/3/search/jql',
    body: JSON.stringify({ jql: 'project = PAY', fields: ['summary'], maxResults: 100 }),
    actor: { kind: 'app' },
  });
  return (JSON.parse(r.body) as { issues: Array<{ id: string }> }).issues.map((i) => i.id);
}

const mark = (p: Platform) => p.host.invocationMark();
const sweepsSince = (p: Platform, since: number) => p.host.invocationsSince(since).filter((i) => i.moduleKey === SWEEP);

async function main() {
  const rows: Row[] = [];
  const notes: Array<Record<string, string | number>> = [];
  for (const open of SIZES) {
    const p = await createPlatform({
      dataDir: null,
      siteUrl: 'http://bench.local',
      startAt: TEST_START,
      keepInvocations: 100,
    });
    const t0 = performance.now();
    pileUp(p, open, await issueIds(p));
    const setupMs = performance.now() - t0;

    const before = mark(p);
    await p.host.runScheduled(SWEEP);
    // What the sweep fanned out over the queue runs in consumer invocations of its own: part of this run.
    await p.settle();
    const sweep = sweepsSince(p, before);
    const consumers = p.host.invocationsSince(before).filter((i) => i.moduleKey !== SWEEP);
    rows.push(summarize('sweep, 50 due', `${open} open`, sweep.length, sweep.map(fromRecord)));

    const idle = mark(p);
    await p.host.runScheduled(SWEEP);
    const again = sweepsSince(p, idle);
    rows.push(summarize('sweep again, nothing due', `${open} open`, again.length, again.map(fromRecord)));

    // Two sweeps at once over 50 newly due escalations: each climbs once.
    p.clock.moveTo(p.clock.now() + 1);
    const repile = mark(p);
    const redue: Array<{ key: string; value: unknown; entityName: string }> = [];
    for (let i = DUE; i < 2 * DUE; i++) {
      const g = JSON.parse(
        p.kvs.handle('/api/v1/entity/get', JSON.stringify({ key: `bench-${i}`, entityName: ENTITY.escalation })).body,
      ) as { value: EscalationRecord };
      redue.push({ key: `bench-${i}`, value: { ...g.value, dueAt: p.clock.now() - H }, entityName: ENTITY.escalation });
    }
    for (let i = 0; i < redue.length; i += 25)
      p.kvs.handle('/api/v1/batch/set', JSON.stringify(redue.slice(i, i + 25)));
    await Promise.all([p.host.runScheduled(SWEEP), p.host.runScheduled(SWEEP)]);
    await p.settle();
    const both = sweepsSince(p, repile);
    const levels = redue.map(
      (r) =>
        (
          JSON.parse(
            p.kvs.handle('/api/v1/entity/get', JSON.stringify({ key: r.key, entityName: ENTITY.escalation })).body,
          ) as { value: EscalationRecord }
        ).value,
    );
    const climbedOnce = levels.filter((e) => e.level === 2 && e.version === 2).length;
    rows.push(summarize('two sweeps at once, 50 due', `${open} open`, both.length, both.map(fromRecord)));
    notes.push({
      open,
      'setup ms': setupMs.toFixed(0),
      'sweep finished in one invocation': sweep.length === 1 && sweep[0]!.ok ? 'yes' : 'NO',
      'KVS ops for 50 due (target ≤ 60)': sweep[0]!.kvsOps,
      'queue consumers it fanned out to (KVS ops, Jira calls together)': `${consumers.length} (${consumers.reduce((n, i) => n + i.kvsOps, 0)}, ${consumers.reduce((n, i) => n + i.jiraCalls, 0)})`,
      'escalations climbed exactly once under two concurrent sweeps': `${climbedOnce} / ${DUE}`,
      'KVS ops, both concurrent sweeps together': both.reduce((n, i) => n + i.kvsOps, 0),
    });
    p.close();
  }
  printTable(
    `Escalation deadline sweep (modelled ${MODEL.kvsMs} ms per KVS op, ${MODEL.jiraMs} ms per Jira call, one after another)`,
    rows,
    notes,
  );
}

void main();

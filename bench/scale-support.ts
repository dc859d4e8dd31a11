import type { Platform } from '../sandbox/platform';
import { SEED_USERS } from '../sandbox/seed/jira-seed';
import { replaySeedAsEvents } from '../sandbox/seed/replay-events';

/** Issue 14's goals: a figure beside its goal, with a verdict. */
export interface Verdict {
  scenario: string;
  figure: string;
  goal: string;
  pass: boolean;
}

export function printVerdicts(title: string, rows: Verdict[]): void {
  console.log(`\n## ${title}`);
  console.log('| scenario | figure | goal | verdict |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.figure} | ${r.goal} | ${r.pass ? 'PASS' : 'FAIL'} |`);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A deterministic pseudo-random sequence, so every run measures the same data. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

export const lead = SEED_USERS.gaoYuan.accountId;

/**
 * A big project as issue 14 asks for it: `size` issues in 40 versions, due dates spread over three years
 * (a year back to two ahead), a third done, most with RACI. With `announce`, the app hears of every issue
 * through its created event, as a site that installed the app early would have.
 */
export async function realisticProject(p: Platform, key: string, size: number, announce: boolean): Promise<void> {
  const admin = p.jira.admin;
  admin.createProject({
    key,
    name: `Scale ${size}`,
    leadAccountId: lead,
    grants: (['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'LINK_ISSUES'] as const).map((permission) => ({
      permission,
      holder: { type: 'user' as const, accountId: lead },
    })),
  });
  const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const versions = Array.from({ length: 40 }, (_, v) => {
    admin.createVersion(key, { name: `V${v + 1}`, startDate: day(-365 + v * 27), releaseDate: day(-335 + v * 27) });
    return `V${v + 1}`;
  });
  const people = SEED_USERS.map((u) => u.accountId);
  const rnd = random(size);
  admin.transaction(() => {
    for (let i = 0; i < size; i++) {
      admin.createIssue({
        projectKey: key,
        issueType: 'Task',
        summary: `Scale issue ${i}`,
        status: i % 3 === 0 ? 'Done' : i % 3 === 1 ? 'In Progress' : 'To Do',
        dueDate: day(-365 + Math.floor(rnd() * 1095)),
        fixVersions: [versions[i % versions.length]!],
        appFields:
          i % 4 === 0
            ? {}
            : {
                'raci-accountable': people[i % people.length]!,
                'raci-responsible': [people[(i + 1) % people.length]!],
              },
      });
    }
  });
  if (!announce) return;
  await replaySeedAsEvents(
    p.jira,
    (e) => p.host.deliver(e, false),
    lead,
    new Date(p.clock.now()),
    `project = ${key} ORDER BY key ASC`,
    async () => p.settle(),
  );
  await p.settle();
}

/** "`from` blocks `to`" in Jira, as the lead: the app hears of it through its link event. */
export async function link(p: Platform, from: string, to: string): Promise<void> {
  const r = await p.jira.handle({
    method: 'POST',
    path: '/rest/api/3/issueLink',
    body: JSON.stringify({ type: { name: 'Blocks' }, inwardIssue: { key: from }, outwardIssue: { key: to } }),
    actor: { kind: 'user', accountId: lead },
  });
  if (r.status >= 300) throw new Error(`link ${from} → ${to}: ${r.status} ${r.body}`);
}

/** Many links, a batch at a time (a team linking work over days, not all in one second). */
export async function links(p: Platform, pairs: ReadonlyArray<[string, string]>, batch = 100): Promise<void> {
  for (let i = 0; i < pairs.length; i += batch) {
    await Promise.all(pairs.slice(i, i + batch).map(([a, b]) => link(p, a, b)));
    await p.settle();
  }
}

/** Bytes the app reads from KVS while `run` runs (the bodies of the store's answers). */
export async function bytesRead<T>(p: Platform, run: () => Promise<T>): Promise<{ result: T; bytes: number }> {
  const original = p.kvs.handle.bind(p.kvs);
  let bytes = 0;
  p.kvs.handle = (path: string, body: string) => {
    const r = original(path, body);
    bytes += Buffer.byteLength(r.body);
    return r;
  };
  try {
    return { result: await run(), bytes };
  } finally {
    p.kvs.handle = original;
  }
}

/** Jira's count for a JQL, as the app. */
export async function jqlCount(p: Platform, jql: string): Promise<number> {
  const r = await p.jira.handle({
    method: 'POST',
    path: '/rest/api/3/search/approximate-count',
    body: JSON.stringify({ jql }),
    actor: { kind: 'app' },
  });
  return (JSON.parse(r.body) as { count: number }).count;
}

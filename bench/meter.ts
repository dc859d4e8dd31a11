import type { Platform } from '../sandbox/platform';

/**
 * What the benches of issue 14 measure beside calls: bytes read from storage (by key prefix), and how many
 * Jira calls were made one after another. A "round" is a stretch in which at least one Jira call is in
 * flight: ten calls asked together are one round, ten awaited in turn are ten.
 */
export interface Meter {
  reset(): void;
  /** Bytes of the values read from storage whose key starts with `prefix` (all values without one). */
  bytesRead(prefix?: string): number;
  jiraRounds(): number;
  jiraCalls(): number;
  jiraBytes(): number;
  reads(): Array<{ key: string; size: number }>;
}

type Found = { key: string; size: number };

function valuesIn(node: unknown, out: Found[]): void {
  if (Array.isArray(node)) for (const x of node) valuesIn(x, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.key === 'string' && 'value' in o) out.push({ key: o.key, size: JSON.stringify(o.value).length });
    else for (const v of Object.values(o)) valuesIn(v, out);
  }
}

export function meter(p: Platform): Meter {
  let reads: Found[] = [];
  let inFlight = 0;
  let rounds = 0;
  let calls = 0;
  let jiraBytes = 0;
  const kvs = p.kvs as unknown as { handle: (path: string, body: string) => { status: number; body: string } };
  const kvsHandle = kvs.handle.bind(kvs);
  kvs.handle = (path, body) => {
    const r = kvsHandle(path, body);
    if (/\/(get|batch\/get|entity\/get|query)/.test(path) && r.body) {
      try {
        const found: Found[] = [];
        const parsed = JSON.parse(r.body) as unknown;
        valuesIn(parsed, found);
        // A plain get answers the value alone, with the key in the request.
        if (found.length === 0 && parsed && typeof parsed === 'object' && 'value' in parsed)
          found.push({
            key: (JSON.parse(body) as { key?: string }).key ?? '',
            size: JSON.stringify((parsed as { value: unknown }).value).length,
          });
        reads.push(...found);
      } catch {
        // not JSON: nothing read
      }
    }
    return r;
  };
  const jira = p.jira as unknown as { handle: (req: unknown) => Promise<{ body: string }> };
  const jiraHandle = jira.handle.bind(jira);
  jira.handle = async (req) => {
    if (inFlight === 0) rounds += 1;
    inFlight += 1;
    calls += 1;
    try {
      const r = await jiraHandle(req);
      jiraBytes += r.body?.length ?? 0;
      return r;
    } finally {
      inFlight -= 1;
    }
  };
  return {
    reset() {
      reads = [];
      rounds = 0;
      calls = 0;
      jiraBytes = 0;
    },
    bytesRead: (prefix = '') => reads.filter((r) => r.key.startsWith(prefix)).reduce((n, r) => n + r.size, 0),
    jiraRounds: () => rounds,
    jiraCalls: () => calls,
    jiraBytes: () => jiraBytes,
    reads: () => reads,
  };
}

/** One line per figure: the figure, its goal, PASS or FAIL. */
export function verdicts(title: string, rows: Array<{ figure: string; value: string; goal: string; pass: boolean }>) {
  console.log(`\n## ${title}`);
  console.log('| figure | measured | goal | verdict |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.goal} | ${r.pass ? 'PASS' : 'FAIL'} |`);
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

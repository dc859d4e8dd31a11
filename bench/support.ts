import type { InvocationRecord } from '../sandbox/runtime/invocation-context';

/** Forge's remote calls, modelled: DESIGN.md section 6. */
export const MODEL = { kvsMs: 20, jiraMs: 150 } as const;

export interface Sample {
  kvsOps: number;
  jiraCalls: number;
  ms: number;
}

export function fromRecord(r: InvocationRecord): Sample {
  return { kvsOps: r.kvsOps, jiraCalls: r.jiraCalls, ms: r.durationMs };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export interface Row {
  scenario: string;
  size: string;
  invocations: number;
  kvsOps: number;
  jiraCalls: number;
  p50: number;
  p95: number;
  /** Remote calls made one after another at the modelled latency: an upper bound on what a user waits. */
  modelledMs: number;
}

export function summarize(scenario: string, size: string, invocations: number, samples: Sample[]): Row {
  const last = samples[samples.length - 1]!;
  const kvsOps = Math.max(...samples.map((s) => s.kvsOps));
  const jiraCalls = Math.max(...samples.map((s) => s.jiraCalls));
  return {
    scenario,
    size,
    invocations,
    kvsOps,
    jiraCalls,
    p50: percentile(samples.map((s) => s.ms), 50),
    p95: percentile(samples.map((s) => s.ms), 95),
    modelledMs: kvsOps * MODEL.kvsMs + jiraCalls * MODEL.jiraMs + (last ? 0 : 0),
  };
}

export function printTable(title: string, rows: Row[], extra: Array<Record<string, string | number>> = []): void {
  console.log(`\n## ${title}`);
  console.log('| scenario | size | invocations | KVS ops | Jira calls | server p50 ms | server p95 ms | modelled ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.scenario} | ${r.size} | ${r.invocations} | ${r.kvsOps} | ${r.jiraCalls} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.modelledMs} |`);
  }
  for (const e of extra) console.log(Object.entries(e).map(([k, v]) => `${k}: ${v}`).join('  '));
}

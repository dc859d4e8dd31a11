import type { InvocationRecord } from '../sandbox/runtime/invocation-context';
import type { Platform } from '../sandbox/platform';
import { SEED_USERS } from '../sandbox/seed/jira-seed';

/** Forge's remote calls, modelled: docs/architecture.md, "Measuring speed". */
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
    p50: percentile(
      samples.map((s) => s.ms),
      50,
    ),
    p95: percentile(
      samples.map((s) => s.ms),
      95,
    ),
    modelledMs: kvsOps * MODEL.kvsMs + jiraCalls * MODEL.jiraMs + (last ? 0 : 0),
  };
}

export function printTable(title: string, rows: Row[], extra: Array<Record<string, string | number>> = []): void {
  console.log(`\n## ${title}`);
  console.log('| scenario | size | invocations | KVS ops | Jira calls | server p50 ms | server p95 ms | modelled ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.size} | ${r.invocations} | ${r.kvsOps} | ${r.jiraCalls} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.modelledMs} |`,
    );
  }
  for (const e of extra)
    console.log(
      Object.entries(e)
        .map(([k, v]) => `${k}: ${v}`)
        .join('  '),
    );
}

/**
 * A project of `size` issues led by `lead`, created in Jira's tables (announce them to the app with
 * replaySeedAsEvents). With `versions`, the project gets that many versions and issue i goes into version i mod n.
 */
export async function bigProject(p: Platform, key: string, size: number, lead: string, versions = 0): Promise<number> {
  const admin = p.jira.admin;
  admin.createProject({
    key,
    name: `Load ${size}`,
    leadAccountId: lead,
    grants: [
      { permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: lead } },
      { permission: 'EDIT_ISSUES', holder: { type: 'user', accountId: lead } },
      { permission: 'CREATE_ISSUES', holder: { type: 'user', accountId: lead } },
    ],
  });
  const day = (offset: number) => new Date(p.clock.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const names = Array.from({ length: versions }, (_, v) => {
    admin.createVersion(key, { name: `M${v + 1}`, startDate: day(-60 + v * 30), releaseDate: day(-30 + v * 30) });
    return `M${v + 1}`;
  });
  const people = SEED_USERS.map((u) => u.accountId);
  const started = performance.now();
  admin.transaction(() => {
    for (let i = 0; i < size; i++) {
      admin.createIssue({
        projectKey: key,
        issueType: 'Task',
        summary: `Load issue ${i}`,
        status: i % 3 === 0 ? 'Done' : i % 3 === 1 ? 'In Progress' : 'To Do',
        dueDate: day((i % 60) - 30),
        ...(names.length ? { fixVersions: [names[i % names.length]!] } : {}),
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
  return performance.now() - started;
}

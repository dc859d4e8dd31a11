import type { ForgeHost } from '../runtime/forge-host';
import type { JiraSandbox } from '../jira/jira-sandbox';
import { SEED_USERS, seedIssueKey } from './jira-seed';

/** The issue panel module of manifest.yml, whose resolver the dependency seed calls. */
const PANEL_MODULE = 'collab-issue-panel';

type SeededDependency = { id: string; version: number; otherIssueId: string };
type Env<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * One seeded "Blocks" link (see BLOCKS in jira-seed.ts), and what its two sides did with the dependency.
 * Each step is taken through the issue panel's resolver by a person allowed to take it (the upstream's
 * Responsible for the providing side, the downstream's for the requesting side), so the app's own checks
 * run; nothing is written to storage directly.
 */
interface Story {
  upstream: string;
  downstream: string;
  steps: Array<{ action: string; text?: string; remedy?: string; dateInDays?: number }>;
}

const STORIES: Story[] = [
  {
    upstream: 'AICS:analysis',
    downstream: 'AICS:prd',
    steps: [{ action: 'acknowledge' }, { action: 'commit' }, { action: 'deliver' }],
  },
  { upstream: 'AICS:prd', downstream: 'AICS:design', steps: [{ action: 'commit' }] },
  { upstream: 'AICS:faq', downstream: 'AICS:model', steps: [{ action: 'acknowledge' }] },
  {
    upstream: 'AICS:gpu',
    downstream: 'AICS:model',
    steps: [{ action: 'counter', dateInDays: 9, text: 'GPU 扩容预计下周到位 / More GPUs arrive next week' }],
  },
  {
    upstream: 'AICS:model',
    downstream: 'AICS:desk',
    steps: [
      {
        action: 'decline',
        text: '模型未达准确率要求，暂不能接入 / Model below the accuracy bar; not ready to integrate',
      },
    ],
  },
  { upstream: 'PAY:prd', downstream: 'PAY:ux', steps: [{ action: 'acknowledge' }, { action: 'deliver' }] },
  {
    upstream: 'PAY:ux',
    downstream: 'PAY:frontend',
    steps: [
      { action: 'commit' },
      { action: 'askDelay' },
      {
        action: 'explainDelay',
        text: '评审意见较多，交互稿需返工 / Review asked for rework',
        remedy: '拆分为两批交付，先交主流程 / Deliver the main flow first',
      },
    ],
  },
  { upstream: 'PAY:errorcodes', downstream: 'PAY:copy', steps: [{ action: 'acknowledge' }] },
  {
    upstream: 'PAY:legal',
    downstream: 'PAY:compliance',
    steps: [{ action: 'counter', dateInDays: 12, text: '需外部律所复核 / External counsel review needed' }],
  },
];

/**
 * Drives the seeded dependencies (made from the seed's "Blocks" links by the link trigger) into every state
 * the panel shows: requested (the rest), acknowledged, countered, declined, committed, delivered, a delay
 * warning with reason and remedy; at risk and overdue follow from the seed's due dates. A late response needs
 * time to pass: move the sandbox clock a few working days forward and the hourly sweep flags the requests.
 */
export async function seedDependencyStates(host: ForgeHost, jira: JiraSandbox, now: number): Promise<number> {
  const issues = await searchAll(jira);
  const find = (ref: string) => issues.find((i) => i.key === seedIssueKey(ref));
  let steps = 0;
  for (const story of STORIES) {
    const up = find(story.upstream);
    const down = find(story.downstream);
    if (!up || !down) continue;
    const panelOf = async <T>(issue: Issue, accountId: string, fn: string, payload: unknown): Promise<Env<T>> => {
      const ctx = {
        moduleKey: PANEL_MODULE,
        accountId,
        locale: 'zh_CN',
        timezone: 'Asia/Shanghai',
        issue: { id: issue.id, key: issue.key },
        project: { id: issue.fields.project.id, key: issue.fields.project.key },
      };
      const { result } = await host.invokeResolver(ctx, fn, payload);
      return result as Env<T>;
    };
    const view = await panelOf<{ dependencies: { upstream: unknown } }>(
      down,
      SEED_USERS.linTao.accountId,
      'getIssuePanel',
      {},
    );
    if (!view.ok) continue;
    let dep: SeededDependency | undefined = (view.data.dependencies.upstream as SeededDependency[]).find(
      (d) => d.otherIssueId === up.id,
    );
    if (!dep) continue;
    for (const step of story.steps) {
      const provider = ['acknowledge', 'decline', 'counter', 'commit', 'deliver', 'explainDelay'].includes(step.action);
      const actingIssue = provider ? up : down;
      const actor = actingIssue.fields.__responsible as string | null;
      if (!actor) break;
      const payload: Record<string, unknown> = {
        dependencyId: dep.id,
        action: step.action,
        version: dep.version,
        ...(step.text ? { text: step.text } : {}),
        ...(step.remedy ? { remedy: step.remedy } : {}),
        ...(step.dateInDays ? { date: new Date(now + step.dateInDays * 86_400_000).toISOString().slice(0, 10) } : {}),
      };
      const env: Env<{ version: number }> = await panelOf(actingIssue, actor, 'actOnDependency', payload);
      if (!env.ok)
        throw new Error(
          `seeding dependency ${up.key} → ${down.key} (${step.action}) failed: ${env.error.code} ${env.error.message}`,
        );
      dep = { ...dep, version: env.data.version };
      steps += 1;
    }
  }
  return steps;
}

interface Issue {
  id: string;
  key: string;
  fields: Record<string, unknown> & { summary: string; project: { id: string; key: string } };
}

async function searchAll(jira: JiraSandbox): Promise<Issue[]> {
  const fields = JSON.parse(
    (await jira.handle({ method: 'GET', path: '/rest/api/3/field', actor: { kind: 'app' } })).body,
  ) as Array<{ id: string; schema?: { custom?: string } }>;
  const responsible = fields.find((f) => f.schema?.custom?.endsWith('/static/raci-responsible'))?.id;
  const out: Issue[] = [];
  let token: string | undefined;
  do {
    const res = await jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: JSON.stringify({
        jql: 'project in (AICS, PAY) ORDER BY key ASC',
        fields: ['summary', 'project', ...(responsible ? [responsible] : [])],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      }),
      actor: { kind: 'app' },
    });
    const page = JSON.parse(res.body) as { issues: Issue[]; nextPageToken?: string };
    for (const i of page.issues) {
      const r = responsible ? (i.fields[responsible] as Array<{ accountId: string }> | null) : null;
      i.fields.__responsible = r?.[0]?.accountId ?? null;
      out.push(i);
    }
    token = page.nextPageToken;
  } while (token);
  return out;
}

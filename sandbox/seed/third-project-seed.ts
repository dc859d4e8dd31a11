import type { JiraSandbox } from '../jira/jira-sandbox';
import type { ForgeHost, ProductEvent } from '../runtime/forge-host';
import { addDays } from '../jira/time';
import { SEED_GROUPS, SEED_USERS, type SeedUserHandle } from './seed-people';
import { grantsFor, SEED_PHASES } from './seed-projects';
import { replaySeedAsEvents } from './replay-events';

/**
 * The third demo project (issue 16), so the collaboration queue is truly across projects: 数据中台 DATA, led by
 * R&D, where Product and Customer Service wait on R&D's data work. With PAY, 罗斌 Luo Bin's department answers in
 * two projects; the contractor group does not browse it. Issues are made as an admin would import them, then
 * replayed as events; dependencies are asked and answered through the issue panel's resolver by the people
 * allowed to, so the app's own checks and the queue index run as they would for a person.
 */
export const THIRD_PROJECT_KEY = 'DATA';

const U = SEED_USERS;
const PANEL_MODULE = 'collab-issue-panel';

interface DataIssue {
  ref: string;
  summary: string;
  responsible: SeedUserHandle;
  accountable: SeedUserHandle;
  due: number;
}

const ISSUES: DataIssue[] = [
  {
    ref: 'events',
    summary: '用户行为埋点接口 / Event tracking API',
    responsible: 'luoBin',
    accountable: 'zhaoMin',
    due: 6,
  },
  {
    ref: 'export',
    summary: '客服会话数据导出 / Support chat export',
    responsible: 'zhouJie',
    accountable: 'zhaoMin',
    due: 9,
  },
  { ref: 'dictionary', summary: '数据字典 / Data dictionary', responsible: 'luoBin', accountable: 'zhaoMin', due: 3 },
  {
    ref: 'funnel',
    summary: '支付漏斗看板 / Payment funnel board',
    responsible: 'gaoYuan',
    accountable: 'liuYang',
    due: 14,
  },
  { ref: 'qa', summary: '客服质检报表 / Support QA report', responsible: 'yangFan', accountable: 'chenJing', due: 12 },
];

/** Who waits on whom: the downstream's Responsible asks; `commit` is answered by the upstream's Responsible. */
const REQUESTS: Array<{ up: string; down: string; deliverable: string; needBy: number; commit?: boolean }> = [
  { up: 'events', down: 'funnel', deliverable: '埋点字段与接口 Tracking fields and API', needBy: 8 },
  { up: 'export', down: 'qa', deliverable: '会话导出文件 Chat export files', needBy: 10 },
  { up: 'dictionary', down: 'funnel', deliverable: '指标口径 Metric definitions', needBy: 5, commit: true },
];

type Env<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function seedThirdProject(
  host: ForgeHost,
  jira: JiraSandbox,
  deliver: (e: ProductEvent) => void,
  settle: () => Promise<void>,
  now: number,
): Promise<void> {
  const admin = jira.admin;
  const project = admin.createProject({
    key: THIRD_PROJECT_KEY,
    name: '数据中台 / Data platform',
    description: '研发部牵头，产品部、客服部用数：统一埋点、数据字典和报表。',
    leadAccountId: U.zhaoMin.accountId,
    grants: grantsFor(
      [{ type: 'group', group: SEED_GROUPS.staff }],
      ['dept-rnd', 'dept-product', 'dept-cs', 'dept-tech', SEED_GROUPS.pmo],
      [],
    ),
  });
  const today = new Date(now);
  for (const [i, name] of SEED_PHASES.entries())
    admin.createVersion(THIRD_PROJECT_KEY, {
      name,
      startDate: addDays(today, -20 + i * 12),
      releaseDate: addDays(today, -8 + i * 12),
      released: i === 0,
    });

  const rows = new Map<string, { id: string; key: string }>();
  for (const s of ISSUES) {
    const row = admin.createIssue({
      projectKey: THIRD_PROJECT_KEY,
      issueType: 'Task',
      summary: s.summary,
      status: 'To Do',
      dueDate: addDays(today, s.due),
      fixVersions: [SEED_PHASES[1]],
      reporter: U.zhaoMin.accountId,
      appFields: { 'raci-responsible': [U[s.responsible].accountId], 'raci-accountable': U[s.accountable].accountId },
    });
    rows.set(s.ref, { id: String(row.id), key: row.key });
  }
  await replaySeedAsEvents(jira, deliver, U.linTao.accountId, today, `project = ${THIRD_PROJECT_KEY} ORDER BY key ASC`);
  await settle();

  const panel = async <T>(ref: string, as: SeedUserHandle, fn: string, payload: unknown): Promise<T> => {
    const issue = rows.get(ref)!;
    const ctx = {
      moduleKey: PANEL_MODULE,
      accountId: U[as].accountId,
      locale: 'zh_CN',
      timezone: 'Asia/Shanghai',
      issue,
      project: { id: String(project.id), key: THIRD_PROJECT_KEY },
    };
    const env = (await host.invokeResolver(ctx, fn, payload)).result as Env<T>;
    if (!env.ok) throw new Error(`seeding ${THIRD_PROJECT_KEY} (${fn} on ${issue.key}) failed: ${env.error.message}`);
    return env.data;
  };
  const byRef = new Map(ISSUES.map((s) => [s.ref, s]));
  for (const r of REQUESTS) {
    const made = await panel<{ dependency: { id: string }; version: number }>(
      r.down,
      byRef.get(r.down)!.responsible,
      'createDependency',
      {
        otherIssueKey: rows.get(r.up)!.key,
        direction: 'upstream',
        deliverable: r.deliverable,
        needBy: addDays(today, r.needBy),
      },
    );
    await settle();
    if (r.commit)
      await panel(r.up, byRef.get(r.up)!.responsible, 'actOnDependency', {
        dependencyId: made.dependency.id,
        action: 'commit',
        version: made.version,
      });
  }
  await settle();
}

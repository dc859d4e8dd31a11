import { KEY, SECRET } from '../../src/app/kernel/storage-keys';
import type { ExtensionContext, ForgeHost, KvsBackend } from '../runtime/forge-host';
import type { JiraSandbox } from '../jira';
import { SEED_DEPARTMENTS, SEED_USERS } from './jira-seed';

/** The admin page module of manifest.yml, whose resolver the department seed calls. */
export const ADMIN_PAGE_MODULE = 'collab-admin-page';

/**
 * A known signing secret for the escalation web trigger, so it can be tried from the sandbox with curl.
 * On a real site there is no such default: an admin generates the secret (issue 5's admin page).
 */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-dev-secret-change-me';

export function seedApp(kvs: KvsBackend): void {
  const r = kvs.handle(
    '/api/v1/secret/set',
    JSON.stringify({ key: SECRET.webhookSigningKey, value: SANDBOX_WEBHOOK_SECRET }),
  );
  if (r.status >= 300) throw new Error(`seeding the web trigger secret failed: ${r.status} ${r.body}`);
  // The projects the web trigger accepts, as an admin would list them on the admin page.
  const projects = kvs.handle(
    '/api/v1/set',
    JSON.stringify({
      key: KEY.webhookProjects,
      value: { projectKeys: ['AICS', 'PAY'], updatedAt: 0, updatedBy: 'sandbox-seed' },
    }),
  );
  if (projects.status >= 300) throw new Error(`seeding the web trigger projects failed: ${projects.status}`);
}

/** What the admin page's resolver answers; only `ok` and the error matter to the seed. */
type SeedEnvelope = { ok: true } | { ok: false; error: { code: string; message: string } };

/**
 * The department directory as a Jira admin would start it: {@link SEED_DEPARTMENTS} created one by one through
 * the admin page's resolver (`createDepartment`), as the site admin, so the app's own validation, permission
 * check and people index run exactly as they would for a person on the page. Nothing is written to storage
 * directly. Members come from each department's Jira group (`dept-*`).
 */
export async function seedDepartments(host: ForgeHost, adminAccountId: string): Promise<void> {
  const ctx = { moduleKey: ADMIN_PAGE_MODULE, accountId: adminAccountId, locale: 'zh_CN', timezone: 'Asia/Shanghai' };
  for (const d of SEED_DEPARTMENTS) {
    const payload = {
      id: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      headAccountId: d.headAccountId,
      interfaceAccountId: d.interfaceAccountId,
      memberAccountIds: [],
      jiraGroup: d.group,
      // "需求传递后24小时内响应"; Legal reviews and approves, which the seeds give 48 hours ("审批环节48小时内完成").
      responseHours: d.id === 'legal' ? 48 : 24,
    };
    const { result } = await host.invokeResolver(ctx, 'createDepartment', payload);
    const env = result as SeedEnvelope;
    if (!env.ok && env.error.code !== 'CONFLICT')
      throw new Error(`seeding department ${d.id} failed: ${env.error.code} ${env.error.message}`);
  }
}

/** The issue panel and project settings modules whose resolvers the escalation seed calls. */
const PANEL_MODULE = 'collab-issue-panel';
const SETTINGS_MODULE = 'collab-project-settings';

type Step = { as: string; fn: string; payload: Record<string, unknown> };
/** The parts of the resolvers' answers the seed reads back. */
type LadderView = { version: number; ladder: { levels: Array<{ accountIds: string[] }> } };
type EscalationsView = { escalations: Array<{ id: string; version: number }> };

/**
 * Escalations at different levels and states, made the way people make them: through the issue panel's and
 * the project page's resolvers, as the people involved, so every timeline, field value and notification is
 * the app's own. The PMO arbiter 马超 holds level 3 of both projects' ladders (saved by each project's lead on
 * Project settings → Escalation ladder).
 */
export async function seedEscalations(host: ForgeHost, jira: JiraSandbox): Promise<void> {
  const U = SEED_USERS;
  const ctxFor = (accountId: string, issueKey?: string, projectKey?: string) => {
    const ctx: ExtensionContext = {
      moduleKey: issueKey ? PANEL_MODULE : SETTINGS_MODULE,
      accountId,
      locale: 'zh_CN',
      timezone: 'Asia/Shanghai',
    };
    const key = issueKey ?? projectKey!;
    const r = jira.handle({
      method: 'GET',
      path: issueKey ? `/rest/api/3/issue/${key}?fields=project` : `/rest/api/3/project/${key}`,
      actor: { kind: 'app' },
    });
    return r.then((res) => {
      const body = JSON.parse(res.body) as {
        id: string;
        key: string;
        fields?: { project: { id: string; key: string } };
      };
      if (issueKey) {
        ctx.issue = { id: body.id, key: body.key };
        ctx.project = { id: body.fields!.project.id, key: body.fields!.project.key };
      } else ctx.project = { id: body.id, key: body.key };
      return ctx;
    });
  };
  const call = async <T>(ctx: ExtensionContext, fn: string, payload: Record<string, unknown>): Promise<T> => {
    const { result } = await host.invokeResolver(ctx, fn, payload);
    const env = result as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
    if (!env.ok) throw new Error(`seeding escalations: ${fn} failed: ${env.error.code} ${env.error.message}`);
    return env.data;
  };
  for (const [projectKey, lead] of [
    ['AICS', U.liuYang.accountId],
    ['PAY', U.gaoYuan.accountId],
  ] as const) {
    const ctx = await ctxFor(lead, undefined, projectKey);
    const view = await call<LadderView>(ctx, 'getEscalationLadder', {});
    const levels = view.ladder.levels.map((l, i) => (i === 2 ? { ...l, accountIds: [U.maChao.accountId] } : l));
    await call(ctx, 'saveEscalationLadder', { ladder: { levels }, version: view.version });
  }
  const story = async (
    issueKey: string,
    raise: { as: string; departmentAsked: string; description: string; impact: string; supportNeeded: string },
    steps: Step[],
  ) => {
    const raised = await call<EscalationsView>(await ctxFor(raise.as, issueKey), 'raiseEscalation', {
      description: raise.description,
      impact: raise.impact,
      supportNeeded: raise.supportNeeded,
      departmentAsked: raise.departmentAsked,
    });
    let esc = raised.escalations[0]!;
    for (const s of steps) {
      const out = await call<EscalationsView>(await ctxFor(s.as, issueKey), s.fn, {
        id: esc.id,
        version: esc.version,
        ...s.payload,
      });
      esc = out.escalations.find((e) => e.id === esc.id)!;
    }
  };
  await story(
    'AICS-8',
    {
      as: U.liNa.accountId,
      departmentAsked: 'rnd',
      description:
        '算法模型训练排队超过48小时，需研发部协调GPU资源\nModel training has queued for over 48 hours; R&D must free GPUs',
      impact: '意图识别模型延期，AI 客服上线顺延 / the bot launch slips',
      supportNeeded: '一周内调配 2 张 A100 / two A100 GPUs for a week',
    },
    [
      {
        as: U.liNa.accountId,
        fn: 'actOnEscalation',
        payload: { action: 'climb', text: '研发部对接人未答复 / no answer from the R&D interface person' },
      },
      { as: U.zhaoMin.accountId, fn: 'actOnEscalation', payload: { action: 'acknowledge', text: '' } },
    ],
  );
  await story(
    'AICS-6',
    {
      as: U.liuYang.accountId,
      departmentAsked: 'cs',
      description: 'FAQ 语料交付延期，模型训练缺少数据\nThe FAQ corpus is late; training lacks data',
      impact: '训练推迟两天 / training slips two days',
      supportNeeded: '先交付前 300 条 / deliver the first 300 FAQs first',
    },
    [
      { as: U.yangFan.accountId, fn: 'actOnEscalation', payload: { action: 'acknowledge', text: '' } },
      {
        as: U.yangFan.accountId,
        fn: 'actOnEscalation',
        payload: {
          action: 'resolve',
          text: '本周五前交付前 300 条，其余下周三 / first 300 by Friday, the rest next Wednesday',
        },
      },
    ],
  );
  await story(
    'PAY-8',
    {
      as: U.gaoYuan.accountId,
      departmentAsked: 'legal',
      description: '支付服务协议审核超过48小时未完成\nLegal review of the payment terms is past 48 hours',
      impact: '上线推迟，营销活动无法启动 / launch and campaign blocked',
      supportNeeded: '本周内完成审核 / finish the review this week',
    },
    [
      {
        as: U.gaoYuan.accountId,
        fn: 'actOnEscalation',
        payload: { action: 'climb', text: '对接人无法决定 / the interface person cannot decide' },
      },
      {
        as: U.gaoYuan.accountId,
        fn: 'actOnEscalation',
        payload: { action: 'climb', text: '法务部与市场部意见冲突 / Legal and Marketing disagree' },
      },
      {
        as: U.maChao.accountId,
        fn: 'actOnEscalation',
        payload: {
          action: 'decide',
          text: '以法务意见为准，市场部周三前调整活动文案 / Legal’s wording stands; Marketing changes the campaign copy by Wednesday',
        },
      },
    ],
  );
  await story(
    'PAY-14',
    {
      as: U.gaoYuan.accountId,
      departmentAsked: 'rnd',
      description:
        '支付回调超时导致重复扣款，需研发部紧急排查\nCallback timeouts charge customers twice; R&D must investigate now',
      impact: '客诉激增，退款成本 / complaints and refunds',
      supportNeeded: '今天内给出临时修复 / a hotfix today',
    },
    [],
  );
  await story(
    'AICS-12',
    {
      as: U.wangLei.accountId,
      departmentAsked: 'legal',
      description: '对话日志脱敏规则需法务确认\nLegal must confirm the masking rules for chat logs',
      impact: '日志无法用于训练 / logs cannot be used for training',
      supportNeeded: '确认脱敏字段清单 / confirm the list of masked fields',
    },
    [
      {
        as: U.wangLei.accountId,
        fn: 'actOnEscalation',
        payload: { action: 'withdraw', text: '技术部已按公司隐私规范处理 / handled under the company privacy policy' },
      },
    ],
  );
}

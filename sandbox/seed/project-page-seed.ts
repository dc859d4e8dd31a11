import type { ForgeHost } from '../runtime/forge-host';
import type { JiraSandbox } from '../jira';
import { SEED_USERS, SEED_PHASES } from './jira-seed';

/** The project page module of manifest.yml, whose resolver this seed calls. */
export const PROJECT_PAGE_MODULE = 'collab-project-page';

type SeedEnvelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const U = SEED_USERS;
const DAY = 86_400_000;

/**
 * The PAY project's page as its coordinator (高原 Gao Yuan) would fill it in, modelled on the seed documents'
 * collaboration template (docs/domain.md, seed 002): the charter (项目基本信息表) confirmed by three of the five department
 * heads, buffers and owners for the milestones, a risk register (风险记录表) with the seeds' own examples,
 * and two retrospectives (复盘会) with their action items (整改清单), one of which recurs. Everything goes
 * through the project page's resolver as the people named, so validation and permissions run as for a person.
 */
export async function seedProjectPage(host: ForgeHost, jira: JiraSandbox, now: number): Promise<void> {
  const get = async (path: string) =>
    JSON.parse((await jira.handle({ method: 'GET', path, actor: { kind: 'app' } })).body);
  const project = (await get('/rest/api/3/project/PAY')) as { id: string; key: string };
  const versions = (await get('/rest/api/3/project/PAY/versions')) as Array<{ id: string; name: string }>;
  const search = JSON.parse(
    (
      await jira.handle({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        body: JSON.stringify({ jql: 'project = PAY', fields: ['summary'], maxResults: 100 }),
        actor: { kind: 'app' },
      })
    ).body,
  ) as { issues: Array<{ key: string; fields: { summary: string } }> };
  const keyOf = (summaryStart: string) => search.issues.find((i) => i.fields.summary.startsWith(summaryStart))?.key;
  const version = (phase: number) => versions.find((v) => v.name === SEED_PHASES[phase])!.id;
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);

  const call = async <T = unknown>(accountId: string, fn: string, payload: unknown): Promise<T> => {
    const ctx = { moduleKey: PROJECT_PAGE_MODULE, accountId, locale: 'zh_CN', timezone: 'Asia/Shanghai', project };
    const env = (await host.invokeResolver(ctx, fn, payload)).result as SeedEnvelope<T>;
    if (!env.ok) throw new Error(`seeding the project page (${fn}) failed: ${env.error.code} ${env.error.message}`);
    return env.data;
  };
  const coordinator = U.gaoYuan.accountId;

  await call(coordinator, 'saveCharter', {
    initiatingDepartmentId: 'product',
    coordinatorAccountId: coordinator,
    participatingDepartmentIds: ['product', 'rnd', 'marketing', 'cs', 'legal'],
    goal: 'App 支付转化率由 62% 提升至 75%，支付失败率降至 1% 以下 / Raise app payment conversion from 62% to 75% and cut failed payments below 1%',
    keyResults: [
      '支付步骤由 5 步减至 3 步 / Payment flow from 5 steps to 3',
      '新增备用支付通道，切换时间 ≤ 5 分钟 / A backup payment channel, switch-over within 5 minutes',
      '上线 30 天内支付相关客诉下降 40% / Payment complaints down 40% within 30 days of launch',
    ],
    startDate: day(-30),
    endDate: day(45),
    notes: '每周三 10:00 跨部门协调会 / Cross-department sync every Wednesday 10:00',
    expectedVersion: null,
  });
  for (const [head, dept] of [
    [U.zhangWei, 'product'],
    [U.zhaoMin, 'rnd'],
    [U.zhengLi, 'legal'],
  ] as const) {
    await call(head.accountId, 'confirmCharter', { departmentId: dept });
  }

  for (const [phase, bufferDays, owner] of [
    [1, 3, 'product'],
    [2, 5, 'rnd'],
    [3, 3, 'marketing'],
  ] as const) {
    await call(coordinator, 'saveMilestonePlan', {
      versionId: version(phase),
      bufferDays,
      ownerDepartmentId: owner,
      expectedVersion: null,
    });
  }

  const risk = (r: Record<string, unknown>) =>
    call(coordinator, 'saveRisk', { dependencyIds: [], expectedVersion: null, ...r });
  await risk({
    title: '第三方支付接口不稳定 / Third-party payment API unstable',
    probability: 4,
    impact: 5,
    ownerAccountId: U.zhouJie.accountId,
    deputyAccountId: U.luoBin.accountId,
    response: '准备备用接口，网关支持一键切换 / Prepare a backup interface; the gateway switches with one setting',
    status: 'mitigating',
    reviewDate: day(7),
    issueKeys: [keyOf('第三方支付接口'), keyOf('支付网关对接')].filter(Boolean),
  });
  await risk({
    title: '核心开发人员请假 / Key developer on leave',
    probability: 3,
    impact: 4,
    ownerAccountId: U.zhaoMin.accountId,
    deputyAccountId: U.zhouJie.accountId,
    response: '指定 B 角接替工作，每日交接 / A named deputy (B角) takes over, daily handover',
    status: 'open',
    reviewDate: day(14),
    issueKeys: [],
  });
  await risk({
    title: '支付条款法务审核延期 / Legal review of the payment terms runs late',
    probability: 3,
    impact: 3,
    ownerAccountId: U.zhengLi.accountId,
    deputyAccountId: U.heJun.accountId,
    response: '提前两周预约法务排期 / Book the legal review two weeks ahead',
    status: 'open',
    reviewDate: day(3),
    issueKeys: [keyOf('支付服务协议')].filter(Boolean),
  });
  await risk({
    title: '营销活动与上线时间冲突 / Campaign clashes with the launch date',
    probability: 2,
    impact: 3,
    ownerAccountId: U.wuFang.accountId,
    deputyAccountId: U.sunHao.accountId,
    response: '活动顺延一周 / Campaign moved one week later',
    status: 'closed',
    reviewDate: day(-5),
    issueKeys: [],
  });

  const research = await call<{ id: string }>(coordinator, 'saveRetrospective', {
    versionId: version(0),
    heldOn: day(-20),
    wentWell: '跨部门周例会机制有效减少了信息差 / The weekly cross-department meeting cut the information gap',
    toImprove: '需求变更未走正式流程，导致开发返工 / A requirement change skipped the formal process and caused rework',
    scores: { communication: 4, accountability: 3, resources: 3, resolution: 4 },
    tags: ['需求变更'],
    expectedVersion: null,
  });
  const design = await call<{ id: string }>(coordinator, 'saveRetrospective', {
    versionId: version(1),
    heldOn: day(-6),
    wentWell: 'UX 与研发提前对齐接口字段 / UX and R&D agreed the interface fields early',
    toImprove: '需求变更再次绕过评审；法务审核排期偏晚 / A change bypassed review again; legal review was booked late',
    scores: { communication: 4, accountability: 4, resources: 3, resolution: 3 },
    tags: ['需求变更', '法务排期'],
    expectedVersion: null,
  });
  const action = (a: Record<string, unknown>) =>
    call(coordinator, 'saveAction', { tags: [], expectedVersion: null, ...a });
  await action({
    retrospectiveId: research.id,
    title: '需求变更必须走变更评审 / Route every requirement change through change review',
    ownerAccountId: coordinator,
    dueDate: day(-10),
    status: 'done',
  });
  await action({
    retrospectiveId: research.id,
    title: '编写备用支付接口切换预案 / Write the backup-interface switch-over runbook',
    ownerAccountId: U.zhouJie.accountId,
    dueDate: day(-3),
    status: 'in-progress',
  });
  await action({
    retrospectiveId: design.id,
    title: '法务审核提前两周排期 / Book legal reviews two weeks ahead',
    ownerAccountId: U.heJun.accountId,
    dueDate: day(7),
    status: 'open',
    tags: ['法务排期'],
  });
  await action({
    retrospectiveId: design.id,
    title: '需求变更看板对所有部门可见 / A change-request board every department can see',
    ownerAccountId: U.liuYang.accountId,
    dueDate: day(10),
    status: 'open',
    tags: ['需求变更'],
  });
}

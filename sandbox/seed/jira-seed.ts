import type { JiraSandbox } from '../jira/jira-sandbox';
import type { PermissionHolder, ProjectPermission } from '../jira/types';
import { addDays } from '../jira/time';

/**
 * Demo data for the fake Jira site, modelled on the source documents (docs/domain.md): the AI customer-service
 * upgrade (技术部 + 产品部 + 客服部, one month, daily 10:00 stand-ups, "算法模型训练延迟" as the blocker) and an
 * app payment-flow project across five departments. Dates are relative to `now`, so some work is overdue
 * and some is due soon whenever the sandbox starts.
 */

export interface SeedUser {
  accountId: string;
  displayName: string;
  email: string;
  /** Department id from {@link SEED_DEPARTMENTS}, or null for people outside the departments. */
  department: string | null;
  role: string;
}

const user = (
  suffix: string,
  displayName: string,
  email: string,
  department: string | null,
  role: string,
): SeedUser => ({
  accountId: `557058:5eed0000-7c2a-4b1e-9f3d-${suffix}`,
  displayName,
  email,
  department,
  role,
});

const PEOPLE = {
  wangLei: user('000000000101', '王磊 Wang Lei', 'wang.lei@example.com', 'tech', '技术部负责人 Head of Technology'),
  liNa: user(
    '000000000102',
    '李娜 Li Na',
    'li.na@example.com',
    'tech',
    '技术部对接人 Technology interface person, engineer',
  ),
  zhangWei: user('000000000201', '张伟 Zhang Wei', 'zhang.wei@example.com', 'product', '产品部负责人 Head of Product'),
  liuYang: user(
    '000000000202',
    '刘洋 Liu Yang',
    'liu.yang@example.com',
    'product',
    '产品部对接人, AICS 协同负责人 Product interface person, AICS coordinator',
  ),
  gaoYuan: user(
    '000000000203',
    '高原 Gao Yuan',
    'gao.yuan@example.com',
    'product',
    '产品经理, PAY 协同负责人 Product manager, PAY coordinator',
  ),
  chenJing: user(
    '000000000301',
    '陈静 Chen Jing',
    'chen.jing@example.com',
    'cs',
    '客服部负责人 Head of Customer Service',
  ),
  yangFan: user(
    '000000000302',
    '杨帆 Yang Fan',
    'yang.fan@example.com',
    'cs',
    '客服部对接人 Customer Service interface person',
  ),
  zhaoMin: user('000000000401', '赵敏 Zhao Min', 'zhao.min@example.com', 'rnd', '研发部负责人 Head of R&D'),
  zhouJie: user('000000000402', '周杰 Zhou Jie', 'zhou.jie@example.com', 'rnd', '研发部对接人 R&D interface person'),
  luoBin: user('000000000403', '罗斌 Luo Bin', 'luo.bin@example.com', 'rnd', '研发工程师 R&D engineer'),
  wuFang: user('000000000501', '吴芳 Wu Fang', 'wu.fang@example.com', 'marketing', '市场部负责人 Head of Marketing'),
  sunHao: user(
    '000000000502',
    '孙浩 Sun Hao',
    'sun.hao@example.com',
    'marketing',
    '市场部对接人 Marketing interface person',
  ),
  zhengLi: user('000000000601', '郑丽 Zheng Li', 'zheng.li@example.com', 'legal', '法务部负责人 Head of Legal'),
  heJun: user('000000000602', '何军 He Jun', 'he.jun@example.com', 'legal', '法务部对接人 Legal interface person'),
  maChao: user(
    '000000000701',
    '马超 Ma Chao',
    'ma.chao@example.com',
    null,
    'PMO 仲裁人 PMO arbiter (escalation level 3)',
  ),
  linTao: user('000000000801', '林涛 Lin Tao', 'lin.tao@example.com', null, '站点管理员 Site administrator'),
  kevinXu: user(
    '000000000901',
    '徐凯 Kevin Xu',
    'kevin.xu@vendor.example.com',
    null,
    '外部承包商 External contractor (AI vendor): browses AICS, not PAY',
  ),
} as const satisfies Record<string, SeedUser>;

export type SeedUserHandle = keyof typeof PEOPLE;

/**
 * People of the demo site, with stable account ids: a list (what the shell offers to sign in as) that is
 * also indexed by handle for tests, e.g. `SEED_USERS.kevinXu.accountId`. Iterate it as an array;
 * `Object.values` would also see the handles.
 */
export const SEED_USERS: ReadonlyArray<SeedUser> & typeof PEOPLE = Object.assign(Object.values(PEOPLE), PEOPLE);
const U = PEOPLE;

export interface SeedDepartment {
  id: string;
  nameZh: string;
  nameEn: string;
  group: string;
  headAccountId: string;
  interfaceAccountId: string;
}

/** Departments as the app's department directory should start: one Jira group each, a head and an interface person. */
export const SEED_DEPARTMENTS: SeedDepartment[] = [
  {
    id: 'tech',
    nameZh: '技术部',
    nameEn: 'Technology',
    group: 'dept-tech',
    headAccountId: U.wangLei.accountId,
    interfaceAccountId: U.liNa.accountId,
  },
  {
    id: 'product',
    nameZh: '产品部',
    nameEn: 'Product',
    group: 'dept-product',
    headAccountId: U.zhangWei.accountId,
    interfaceAccountId: U.liuYang.accountId,
  },
  {
    id: 'cs',
    nameZh: '客服部',
    nameEn: 'Customer Service',
    group: 'dept-cs',
    headAccountId: U.chenJing.accountId,
    interfaceAccountId: U.yangFan.accountId,
  },
  {
    id: 'rnd',
    nameZh: '研发部',
    nameEn: 'R&D',
    group: 'dept-rnd',
    headAccountId: U.zhaoMin.accountId,
    interfaceAccountId: U.zhouJie.accountId,
  },
  {
    id: 'marketing',
    nameZh: '市场部',
    nameEn: 'Marketing',
    group: 'dept-marketing',
    headAccountId: U.wuFang.accountId,
    interfaceAccountId: U.sunHao.accountId,
  },
  {
    id: 'legal',
    nameZh: '法务部',
    nameEn: 'Legal',
    group: 'dept-legal',
    headAccountId: U.zhengLi.accountId,
    interfaceAccountId: U.heJun.accountId,
  },
];

/** Other groups: everyone on staff, the PMO, the site admins, and outside contractors. */
export const SEED_GROUPS = {
  staff: 'jira-users',
  pmo: 'pmo',
  siteAdmins: 'site-admins',
  contractors: 'contractors',
} as const;

export interface SeedProject {
  key: string;
  nameZh: string;
  nameEn: string;
  coordinatorAccountId: string;
  initiatingDepartment: string;
  departments: string[];
}

export const SEED_PROJECTS: SeedProject[] = [
  {
    key: 'AICS',
    nameZh: 'AI 客服系统升级',
    nameEn: 'AI customer-service upgrade',
    coordinatorAccountId: U.liuYang.accountId,
    initiatingDepartment: 'product',
    departments: ['tech', 'product', 'cs'],
  },
  {
    key: 'PAY',
    nameZh: 'App 支付流程优化',
    nameEn: 'App payment-flow optimisation',
    coordinatorAccountId: U.gaoYuan.accountId,
    initiatingDepartment: 'product',
    departments: ['product', 'rnd', 'marketing', 'cs', 'legal'],
  },
];

/** Version names: the seeds' four phases, in order. */
export const SEED_PHASES = [
  'M1 需求调研 Research',
  'M2 方案设计 Design',
  'M3 开发测试 Build & Test',
  'M4 上线验收 Launch',
] as const;

export interface SeedSummary {
  projects: Array<{ key: string; id: string; issues: number; versions: number }>;
  users: number;
  groups: number;
  issues: number;
  links: number;
  comments: number;
}

const WORK: ProjectPermission[] = [
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
];

function grantsFor(
  browse: PermissionHolder[],
  workers: string[],
  extra: Array<{ permission: ProjectPermission; holder: PermissionHolder }>,
): Array<{ permission: ProjectPermission; holder: PermissionHolder }> {
  return [
    ...browse.map((holder) => ({ permission: 'BROWSE_PROJECTS' as const, holder })),
    ...workers.flatMap((group) =>
      WORK.map((permission) => ({ permission, holder: { type: 'group', group } as const })),
    ),
    { permission: 'ADMINISTER_PROJECTS', holder: { type: 'projectLead' } },
    { permission: 'DELETE_ISSUES', holder: { type: 'projectLead' } },
    { permission: 'DELETE_ISSUES', holder: { type: 'group', group: SEED_GROUPS.siteAdmins } },
    ...extra,
  ];
}

type Raci = { r?: SeedUserHandle[]; a?: SeedUserHandle; c?: SeedUserHandle[]; i?: SeedUserHandle[] };
interface IssueSpec {
  ref: string;
  type: 'Epic' | 'Story' | 'Task' | 'Bug';
  summary: string;
  description?: string;
  status: 'To Do' | 'In Progress' | 'Done';
  assignee?: SeedUserHandle;
  reporter: SeedUserHandle;
  /** Days from now; negative is in the past. */
  due?: number;
  phase?: 0 | 1 | 2 | 3;
  raci: Raci;
  priority?: 'Highest' | 'High' | 'Medium' | 'Low';
  labels?: string[];
  /** Days from now the issue was created. */
  created: number;
  /** Days from now of the last update (default: creation). */
  updated?: number;
}

const AICS_ISSUES: IssueSpec[] = [
  {
    ref: 'epic',
    type: 'Epic',
    summary: 'AI 客服系统升级 / AI customer-service upgrade',
    description:
      '客户咨询量激增30%，需在1个月内完成AI客服功能上线。技术部、产品部、客服部组成联合小组，每日10:00站会同步进度。',
    status: 'In Progress',
    assignee: 'liuYang',
    reporter: 'zhangWei',
    due: 10,
    raci: { r: ['liuYang'], a: 'zhangWei', c: ['wangLei', 'chenJing'], i: ['maChao'] },
    created: -30,
    updated: -1,
  },
  {
    ref: 'analysis',
    type: 'Task',
    summary: '客服咨询量与高频问题分析 / Analyse inquiry volume and top questions',
    status: 'Done',
    assignee: 'yangFan',
    reporter: 'liuYang',
    due: -22,
    phase: 0,
    raci: { r: ['yangFan'], a: 'chenJing', c: ['liuYang'], i: ['wangLei'] },
    created: -29,
    updated: -22,
  },
  {
    ref: 'prd',
    type: 'Story',
    summary: 'AI 客服需求文档 PRD',
    description: '明确AI客服的应答范围、转人工规则与验收标准（需求发起部门负责需求明确）。',
    status: 'Done',
    assignee: 'liuYang',
    reporter: 'zhangWei',
    due: -20,
    phase: 0,
    raci: { r: ['liuYang'], a: 'zhangWei', c: ['yangFan', 'liNa'], i: ['chenJing', 'wangLei'] },
    created: -29,
    updated: -21,
  },
  {
    ref: 'design',
    type: 'Task',
    summary: '智能客服技术方案设计 / Technical design of the AI bot',
    status: 'Done',
    assignee: 'liNa',
    reporter: 'wangLei',
    due: -13,
    phase: 1,
    raci: { r: ['liNa'], a: 'wangLei', c: ['liuYang'], i: ['zhangWei'] },
    created: -21,
    updated: -13,
  },
  {
    ref: 'survey',
    type: 'Task',
    summary: '客服满意度调查问卷 / Customer-satisfaction survey',
    status: 'Done',
    assignee: 'yangFan',
    reporter: 'chenJing',
    due: -10,
    phase: 1,
    raci: { r: ['yangFan'], a: 'chenJing' },
    created: -20,
    updated: -11,
  },
  {
    ref: 'faq',
    type: 'Task',
    summary: '客服知识库梳理（FAQ 500 条）/ Curate the knowledge base (500 FAQs)',
    description: '客服部整理高频问题与标准答案，作为模型训练语料交付技术部。',
    status: 'In Progress',
    assignee: 'yangFan',
    reporter: 'liuYang',
    due: -2,
    phase: 1,
    raci: { r: ['yangFan'], a: 'chenJing', c: ['liNa'], i: ['liuYang'] },
    created: -19,
    updated: -3,
  },
  {
    ref: 'model',
    type: 'Story',
    summary: '意图识别模型训练 / Train the intent-recognition model',
    status: 'In Progress',
    assignee: 'liNa',
    reporter: 'wangLei',
    due: 3,
    phase: 2,
    raci: { r: ['liNa', 'kevinXu'], a: 'wangLei', c: ['yangFan'], i: ['liuYang'] },
    priority: 'High',
    created: -12,
    updated: -1,
  },
  {
    ref: 'gpu',
    type: 'Bug',
    summary: '算法模型训练延迟：GPU 资源不足 / Model training delayed: not enough GPU',
    description: '通过Jira看板标注的阻塞问题：训练任务排队超过48小时。',
    status: 'To Do',
    assignee: 'wangLei',
    reporter: 'liNa',
    due: 1,
    phase: 2,
    raci: { r: ['wangLei'] },
    priority: 'Highest',
    labels: ['blocker'],
    created: -4,
    updated: -1,
  },
  {
    ref: 'desk',
    type: 'Story',
    summary: '客服工作台接入 AI 建议回复 / Agent desk shows AI-suggested replies',
    status: 'To Do',
    assignee: 'liNa',
    reporter: 'liuYang',
    due: 4,
    phase: 2,
    raci: { r: ['liNa'], a: 'wangLei', c: ['yangFan'], i: ['chenJing'] },
    created: -12,
  },
  {
    ref: 'handover',
    type: 'Task',
    summary: '人工转接规则配置 / Configure hand-over to human agents',
    status: 'To Do',
    assignee: 'liuYang',
    reporter: 'zhangWei',
    due: 2,
    phase: 2,
    raci: { a: 'zhangWei', c: ['yangFan'] },
    created: -11,
  },
  {
    ref: 'accuracy',
    type: 'Task',
    summary: 'AI 客服回答准确率测试 / Accuracy test of the bot answers',
    status: 'To Do',
    assignee: 'yangFan',
    reporter: 'chenJing',
    due: 6,
    phase: 2,
    raci: { r: ['yangFan'], a: 'chenJing', c: ['liNa'] },
    created: -10,
  },
  {
    ref: 'masking',
    type: 'Task',
    summary: '对话日志脱敏 / Mask personal data in chat logs',
    status: 'In Progress',
    assignee: 'kevinXu',
    reporter: 'wangLei',
    due: 0,
    phase: 2,
    raci: { r: ['kevinXu'], a: 'wangLei', i: ['liuYang'] },
    labels: ['privacy'],
    created: -9,
    updated: -2,
  },
  {
    ref: 'payfaq',
    type: 'Task',
    summary: '支付问题 FAQ 接入 AI 客服 / Add payment FAQs to the bot',
    status: 'To Do',
    assignee: 'yangFan',
    reporter: 'chenJing',
    due: 5,
    phase: 2,
    raci: { r: ['yangFan'], a: 'chenJing', c: ['gaoYuan'] },
    created: -6,
  },
  {
    ref: 'training',
    type: 'Task',
    summary: '客服部内部培训（提前两周）/ Internal training for agents, two weeks ahead',
    status: 'To Do',
    assignee: 'chenJing',
    reporter: 'chenJing',
    due: 8,
    phase: 3,
    raci: { r: ['yangFan'], a: 'chenJing', i: ['liuYang'] },
    created: -8,
  },
  {
    ref: 'rollout',
    type: 'Task',
    summary: '灰度上线与监控 / Staged rollout and monitoring',
    status: 'To Do',
    assignee: 'wangLei',
    reporter: 'liuYang',
    due: 10,
    phase: 3,
    raci: { r: ['liNa'], a: 'wangLei', c: ['liuYang'], i: ['chenJing', 'zhangWei', 'maChao'] },
    created: -8,
  },
  {
    ref: 'acceptance',
    type: 'Story',
    summary: '上线验收与满意度回访 / Launch acceptance and satisfaction follow-up',
    status: 'To Do',
    assignee: 'liuYang',
    reporter: 'zhangWei',
    due: 12,
    phase: 3,
    raci: { r: ['liuYang', 'yangFan'], a: 'zhangWei' },
    created: -8,
  },
  {
    ref: 'standup',
    type: 'Task',
    summary: '每日 10:00 站会纪要 / Daily 10:00 stand-up notes',
    status: 'In Progress',
    assignee: 'liuYang',
    reporter: 'liuYang',
    raci: {},
    created: -18,
    updated: 0,
  },
];

const PAY_ISSUES: IssueSpec[] = [
  {
    ref: 'epic',
    type: 'Epic',
    summary: 'App 支付流程优化 / App payment-flow optimisation',
    description: '目标：3个月内支付转化率提升15%，支付失败投诉下降50%（SMART）。',
    status: 'In Progress',
    assignee: 'gaoYuan',
    reporter: 'zhangWei',
    due: 45,
    raci: { r: ['gaoYuan'], a: 'zhangWei', c: ['zhaoMin', 'wuFang', 'chenJing', 'zhengLi'], i: ['maChao'] },
    created: -46,
    updated: -1,
  },
  {
    ref: 'funnel',
    type: 'Task',
    summary: '支付转化漏斗数据分析 / Checkout funnel analysis',
    status: 'Done',
    assignee: 'sunHao',
    reporter: 'gaoYuan',
    due: -32,
    phase: 0,
    raci: { r: ['sunHao'], a: 'wuFang', c: ['gaoYuan'] },
    created: -45,
    updated: -33,
  },
  {
    ref: 'complaints',
    type: 'Task',
    summary: '用户支付投诉归类 / Classify payment complaints',
    status: 'Done',
    assignee: 'yangFan',
    reporter: 'gaoYuan',
    due: -31,
    phase: 0,
    raci: { r: ['yangFan'], a: 'chenJing', i: ['gaoYuan'] },
    created: -45,
    updated: -31,
  },
  {
    ref: 'competitors',
    type: 'Task',
    summary: '竞品支付流程调研 / Competitor checkout review',
    status: 'Done',
    assignee: 'gaoYuan',
    reporter: 'zhangWei',
    due: -30,
    phase: 0,
    raci: { r: ['gaoYuan'], a: 'zhangWei' },
    created: -44,
    updated: -30,
  },
  {
    ref: 'prd',
    type: 'Story',
    summary: '支付流程优化 PRD / Checkout PRD',
    status: 'Done',
    assignee: 'gaoYuan',
    reporter: 'zhangWei',
    due: -10,
    phase: 1,
    raci: { r: ['gaoYuan'], a: 'zhangWei', c: ['zhouJie', 'sunHao', 'heJun'], i: ['chenJing'] },
    created: -30,
    updated: -11,
  },
  {
    ref: 'ux',
    type: 'Story',
    summary: '一键支付交互设计 / One-tap payment UX',
    status: 'In Progress',
    assignee: 'gaoYuan',
    reporter: 'gaoYuan',
    due: -4,
    phase: 1,
    raci: { r: ['gaoYuan'], a: 'zhangWei', c: ['zhouJie'] },
    created: -28,
    updated: -5,
  },
  {
    ref: 'errorcodes',
    type: 'Task',
    summary: '支付失败错误码规范 / Payment error-code specification',
    status: 'In Progress',
    assignee: 'zhouJie',
    reporter: 'gaoYuan',
    due: -1,
    phase: 1,
    raci: { r: ['zhouJie'], a: 'zhaoMin', c: ['yangFan'], i: ['gaoYuan'] },
    created: -25,
    updated: -2,
  },
  {
    ref: 'legal',
    type: 'Task',
    summary: '支付服务协议与隐私条款审核 / Legal review of payment terms and privacy',
    status: 'To Do',
    assignee: 'heJun',
    reporter: 'gaoYuan',
    due: 2,
    phase: 1,
    raci: { r: ['heJun'], a: 'zhengLi', c: ['gaoYuan'], i: ['zhaoMin'] },
    labels: ['compliance'],
    created: -20,
  },
  {
    ref: 'thirdparty',
    type: 'Task',
    summary: '第三方支付接口稳定性评估 / Third-party payment API stability review',
    description: '风险：第三方接口不稳定 → 准备备用接口。',
    status: 'To Do',
    assignee: 'luoBin',
    reporter: 'zhaoMin',
    due: 3,
    phase: 1,
    raci: { r: ['luoBin'] },
    labels: ['risk'],
    created: -18,
  },
  {
    ref: 'budget',
    type: 'Task',
    summary: '预算审批：支付渠道费用 / Budget approval for payment-channel fees',
    description: '审批环节48小时内完成；已超时，待 PMO 统筹决策。',
    status: 'In Progress',
    assignee: 'wuFang',
    reporter: 'sunHao',
    due: -3,
    phase: 1,
    raci: { r: ['wuFang'], a: 'maChao', i: ['gaoYuan'] },
    created: -9,
    updated: -4,
  },
  {
    ref: 'frontend',
    type: 'Story',
    summary: '一键支付前端开发 / Build the one-tap payment UI',
    status: 'To Do',
    assignee: 'luoBin',
    reporter: 'zhaoMin',
    due: 12,
    phase: 2,
    raci: { r: ['luoBin'], a: 'zhaoMin', c: ['gaoYuan'] },
    created: -7,
  },
  {
    ref: 'gateway',
    type: 'Story',
    summary: '支付网关对接（含备用通道）/ Integrate the gateway with a backup channel',
    status: 'To Do',
    assignee: 'zhouJie',
    reporter: 'zhaoMin',
    due: 15,
    phase: 2,
    raci: { r: ['zhouJie', 'luoBin'], a: 'zhaoMin' },
    created: -7,
  },
  {
    ref: 'copy',
    type: 'Task',
    summary: '支付失败提示文案 / Messages shown for failed payments',
    status: 'To Do',
    assignee: 'gaoYuan',
    reporter: 'gaoYuan',
    due: 6,
    phase: 2,
    raci: { r: ['gaoYuan'], c: ['yangFan'] },
    created: -6,
  },
  {
    ref: 'doublecharge',
    type: 'Bug',
    summary: '支付回调超时导致重复扣款 / Callback timeout charges customers twice',
    status: 'In Progress',
    assignee: 'luoBin',
    reporter: 'yangFan',
    due: 1,
    phase: 2,
    raci: { r: ['luoBin'], a: 'zhaoMin', i: ['chenJing', 'yangFan'] },
    priority: 'Highest',
    created: -3,
    updated: 0,
  },
  {
    ref: 'regression',
    type: 'Task',
    summary: '支付流程回归测试 / Checkout regression test',
    status: 'To Do',
    assignee: 'zhouJie',
    reporter: 'zhaoMin',
    due: 20,
    phase: 2,
    raci: { a: 'zhaoMin' },
    created: -6,
  },
  {
    ref: 'scripts',
    type: 'Task',
    summary: '客服支付问题应答话术 / Agent scripts for payment questions',
    status: 'To Do',
    assignee: 'yangFan',
    reporter: 'chenJing',
    due: 18,
    phase: 2,
    raci: { r: ['yangFan'], a: 'chenJing', c: ['gaoYuan'] },
    created: -5,
  },
  {
    ref: 'campaignentry',
    type: 'Task',
    summary: '营销活动页支付入口改版 / Payment entry on campaign pages',
    status: 'To Do',
    assignee: 'sunHao',
    reporter: 'wuFang',
    due: 22,
    phase: 2,
    raci: { r: ['sunHao'], a: 'wuFang', c: ['gaoYuan'] },
    created: -5,
  },
  {
    ref: 'launchplan',
    type: 'Story',
    summary: '上线推广方案 / Launch campaign plan',
    status: 'To Do',
    assignee: 'sunHao',
    reporter: 'wuFang',
    due: 32,
    phase: 3,
    raci: { r: ['sunHao'], a: 'wuFang', i: ['gaoYuan'] },
    created: -5,
  },
  {
    ref: 'compliance',
    type: 'Task',
    summary: '合规验收 / Compliance sign-off',
    status: 'To Do',
    assignee: 'zhengLi',
    reporter: 'gaoYuan',
    due: 38,
    phase: 3,
    raci: { r: ['heJun'], a: 'zhengLi' },
    labels: ['compliance'],
    created: -5,
  },
  {
    ref: 'acceptance',
    type: 'Story',
    summary: '上线验收与数据复盘 / Launch acceptance and data review',
    status: 'To Do',
    assignee: 'gaoYuan',
    reporter: 'zhangWei',
    due: 45,
    phase: 3,
    raci: { r: ['gaoYuan'], a: 'zhangWei', c: ['sunHao', 'yangFan'], i: ['maChao'] },
    created: -5,
  },
  {
    ref: 'sop',
    type: 'Task',
    summary: '客服支付工单 SOP 更新 / Update the CS ticket SOP for payments',
    status: 'To Do',
    assignee: 'chenJing',
    reporter: 'gaoYuan',
    due: 40,
    phase: 3,
    raci: {},
    created: -4,
  },
  {
    ref: 'weekly',
    type: 'Task',
    summary: '跨部门周会：问题清单+解决方案 / Weekly cross-department sync: problems and solutions',
    status: 'In Progress',
    assignee: 'gaoYuan',
    reporter: 'gaoYuan',
    raci: { r: ['gaoYuan'] },
    created: -40,
    updated: -1,
  },
];

/** [blocker, blocked] pairs: "blocker blocks blocked"; refs are `PROJECT:ref`. */
const BLOCKS: Array<[string, string]> = [
  ['AICS:analysis', 'AICS:prd'],
  ['AICS:prd', 'AICS:design'],
  ['AICS:faq', 'AICS:model'],
  ['AICS:gpu', 'AICS:model'],
  ['AICS:model', 'AICS:desk'],
  ['AICS:model', 'AICS:accuracy'],
  ['AICS:desk', 'AICS:training'],
  ['AICS:accuracy', 'AICS:rollout'],
  ['AICS:training', 'AICS:rollout'],
  ['AICS:handover', 'AICS:rollout'],
  ['AICS:rollout', 'AICS:acceptance'],
  ['PAY:errorcodes', 'AICS:payfaq'],
  ['PAY:prd', 'PAY:ux'],
  ['PAY:ux', 'PAY:frontend'],
  ['PAY:errorcodes', 'PAY:copy'],
  ['PAY:thirdparty', 'PAY:gateway'],
  ['PAY:budget', 'PAY:gateway'],
  ['PAY:frontend', 'PAY:regression'],
  ['PAY:gateway', 'PAY:regression'],
  ['PAY:copy', 'PAY:scripts'],
  ['PAY:frontend', 'PAY:campaignentry'],
  ['PAY:campaignentry', 'PAY:launchplan'],
  ['PAY:legal', 'PAY:compliance'],
  ['PAY:regression', 'PAY:acceptance'],
  ['PAY:launchplan', 'PAY:acceptance'],
  ['PAY:compliance', 'PAY:acceptance'],
];
const RELATES: Array<[string, string]> = [
  ['AICS:masking', 'PAY:legal'],
  ['PAY:complaints', 'AICS:payfaq'],
];

const COMMENTS: Array<{ ref: string; by: SeedUserHandle; text: string; daysAgo: number }> = [
  { ref: 'AICS:gpu', by: 'wangLei', text: 'GPU 资源申请已提交，等待审批；预计影响模型训练 2 天。', daysAgo: 2 },
  { ref: 'AICS:faq', by: 'liNa', text: '@杨帆 FAQ 语料什么时候能交付？模型训练在等。', daysAgo: 1 },
  { ref: 'AICS:faq', by: 'yangFan', text: '已完成 420 条，剩余部分明天下午前提交。', daysAgo: 1 },
  { ref: 'PAY:doublecharge', by: 'chenJing', text: '今天又收到 12 起重复扣款投诉，请研发部尽快处理。', daysAgo: 0 },
  { ref: 'PAY:budget', by: 'maChao', text: 'PMO 已收到升级申请，周四跨部门协调会上决策。', daysAgo: 1 },
  { ref: 'PAY:errorcodes', by: 'zhouJie', text: 'Error codes draft v0.9 shared with CS for review.', daysAgo: 2 },
];

/**
 * Seeds the demo site once; a second call on a seeded database does nothing and returns the stored summary.
 * Writes go through {@link JiraSandbox.admin}, so no product events are emitted for seed data.
 */
export function seedJira(j: JiraSandbox, now: Date): SeedSummary {
  if (j.isSeeded()) return j.admin.seedSummary() as SeedSummary;
  const appFieldKeys = new Set(Object.keys(j.appFieldIds()));
  const admin = j.admin;
  return admin.transaction(() => {
    const people = [...SEED_USERS];
    for (const p of people) {
      admin.upsertUser({
        accountId: p.accountId,
        displayName: p.displayName,
        email: p.email,
        locale: p === U.kevinXu ? 'en_US' : 'zh_CN',
      });
    }
    for (const d of SEED_DEPARTMENTS) {
      admin.upsertGroup(
        d.group,
        people.filter((p) => p.department === d.id).map((p) => p.accountId),
      );
    }
    admin.upsertGroup(
      SEED_GROUPS.staff,
      people.filter((p) => p !== U.kevinXu).map((p) => p.accountId),
    );
    admin.upsertGroup(SEED_GROUPS.pmo, [U.maChao.accountId]);
    admin.upsertGroup(SEED_GROUPS.siteAdmins, [U.linTao.accountId]);
    admin.upsertGroup(SEED_GROUPS.contractors, [U.kevinXu.accountId]);

    const aics = admin.createProject({
      key: 'AICS',
      name: 'AI 客服系统升级 / AI customer-service upgrade',
      description: '技术部、产品部、客服部联合小组：1个月内上线AI客服，人工工单量下降、客户满意度提升。',
      leadAccountId: U.liuYang.accountId,
      grants: grantsFor(
        [
          { type: 'group', group: SEED_GROUPS.staff },
          { type: 'group', group: SEED_GROUPS.contractors },
        ],
        ['dept-tech', 'dept-product', 'dept-cs', SEED_GROUPS.pmo],
        [
          // The vendor works on its own tasks (moves and comments) but does not edit them.
          { permission: 'TRANSITION_ISSUES', holder: { type: 'group', group: SEED_GROUPS.contractors } },
          { permission: 'ADD_COMMENTS', holder: { type: 'group', group: SEED_GROUPS.contractors } },
        ],
      ),
    });
    const pay = admin.createProject({
      key: 'PAY',
      name: 'App 支付流程优化 / App payment-flow optimisation',
      description: '产品部牵头，研发部、市场部、客服部、法务部协同：提升支付转化率，降低支付失败投诉。',
      leadAccountId: U.gaoYuan.accountId,
      grants: grantsFor(
        [{ type: 'group', group: SEED_GROUPS.staff }],
        ['dept-product', 'dept-rnd', 'dept-marketing', 'dept-cs', 'dept-legal', SEED_GROUPS.pmo],
        [],
      ),
    });

    const phaseDays = {
      AICS: [
        [-28, -21, true],
        [-21, -12, true],
        [-12, 4, false],
        [4, 10, false],
      ],
      PAY: [
        [-45, -30, true],
        [-30, -3, false],
        [-3, 30, false],
        [30, 45, false],
      ],
    } as const;
    for (const [key, phases] of Object.entries(phaseDays)) {
      phases.forEach(([start, release, released], i) => {
        admin.createVersion(key, {
          name: SEED_PHASES[i] ?? `M${i + 1}`,
          description:
            [
              '需求调研阶段 Requirements research',
              '方案设计阶段 Solution design',
              '开发测试阶段 Build and test',
              '上线验收阶段 Launch and acceptance',
            ][i] ?? '',
          startDate: addDays(now, start),
          releaseDate: addDays(now, release),
          released,
        });
      });
    }

    const keys = new Map<string, string>();
    const day = (d: number): Date => new Date(now.getTime() + d * 86_400_000 - 3 * 3_600_000);
    const handles = (list: readonly SeedUserHandle[] | undefined): string[] => (list ?? []).map((h) => U[h].accountId);
    const appValues = (raci: Raci): Record<string, string | string[] | null> => {
      const values: Record<string, string | string[] | null> = {
        'raci-responsible': handles(raci.r),
        'raci-accountable': raci.a ? U[raci.a].accountId : null,
        'raci-consulted': handles(raci.c),
        'raci-informed': handles(raci.i),
      };
      return Object.fromEntries(Object.entries(values).filter(([k]) => appFieldKeys.has(k)));
    };
    for (const [projectKey, specs] of [
      ['AICS', AICS_ISSUES],
      ['PAY', PAY_ISSUES],
    ] as const) {
      for (const s of specs) {
        const parentKey = s.type === 'Epic' ? undefined : keys.get(`${projectKey}:epic`);
        const row = admin.createIssue({
          projectKey,
          issueType: s.type,
          summary: s.summary,
          ...(s.description ? { description: s.description } : {}),
          status: s.status,
          priority: s.priority ?? 'Medium',
          assignee: s.assignee ? U[s.assignee].accountId : null,
          reporter: U[s.reporter].accountId,
          dueDate: s.due === undefined ? null : addDays(now, s.due),
          fixVersions: s.phase === undefined ? [] : [SEED_PHASES[s.phase]],
          labels: s.labels ?? [],
          ...(parentKey ? { parentKey } : {}),
          created: day(s.created),
          updated: day(s.updated ?? s.created),
          appFields: appValues(s.raci),
        });
        keys.set(`${projectKey}:${s.ref}`, row.key);
      }
    }
    const key = (ref: string): string => {
      const k = keys.get(ref);
      if (!k) throw new Error(`seed: unknown issue ${ref}`);
      return k;
    };
    let links = 0;
    for (const [blocker, blocked] of BLOCKS) {
      admin.link('Blocks', key(blocker), key(blocked), day(-5));
      links += 1;
    }
    for (const [a, b] of RELATES) {
      admin.link('Relates', key(a), key(b), day(-5));
      links += 1;
    }
    for (const c of COMMENTS) admin.addComment(key(c.ref), U[c.by].accountId, c.text, day(-c.daysAgo));

    const summary: SeedSummary = {
      projects: [
        { key: 'AICS', id: String(aics.id), issues: AICS_ISSUES.length, versions: SEED_PHASES.length },
        { key: 'PAY', id: String(pay.id), issues: PAY_ISSUES.length, versions: SEED_PHASES.length },
      ],
      users: people.length,
      groups: SEED_DEPARTMENTS.length + Object.keys(SEED_GROUPS).length,
      issues: AICS_ISSUES.length + PAY_ISSUES.length,
      links,
      comments: COMMENTS.length,
    };
    admin.markSeeded(summary);
    return summary;
  });
}

/** The key the seed gives an issue, e.g. `seedIssueKey('PAY:ux')`: issues are created in list order, numbered from 1. */
export function seedIssueKey(ref: string): string {
  const [project, name] = ref.split(':') as [string, string];
  const list = project === 'AICS' ? AICS_ISSUES : PAY_ISSUES;
  const i = list.findIndex((s) => s.ref === name);
  if (i < 0) throw new Error(`seed: unknown issue ${ref}`);
  return `${project}-${i + 1}`;
}

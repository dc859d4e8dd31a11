/**
 * The demo site's people, departments and groups (see jira-seed.ts for the story). Account ids are stable,
 * so tests and the shell can name people by handle.
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

import type { PermissionHolder, ProjectPermission } from '../jira/types';
import { SEED_GROUPS, SEED_USERS } from './seed-people';

/** The demo site's projects, their phases (versions) and who may do what in them. */

const U = SEED_USERS;

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

const WORK: ProjectPermission[] = [
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
  'ASSIGN_ISSUES',
];

/** The permission scheme of a seeded project: who browses, which groups work in it, and the extras. */
export function grantsFor(
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

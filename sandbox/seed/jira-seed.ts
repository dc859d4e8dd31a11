import type { JiraSandbox } from '../jira/jira-sandbox';
import { addDays } from '../jira/time';
import { AICS_ISSUES, PAY_ISSUES, type Raci } from './seed-issues';
import { BLOCKS, COMMENTS, RELATES } from './seed-links';
import { SEED_DEPARTMENTS, SEED_GROUPS, SEED_USERS, type SeedUserHandle } from './seed-people';
import { grantsFor, SEED_PHASES } from './seed-projects';

/**
 * Demo data for the fake Jira site, modelled on the source documents (docs/domain.md): the AI customer-service
 * upgrade (技术部 + 产品部 + 客服部, one month, daily 10:00 stand-ups, "算法模型训练延迟" as the blocker) and an
 * app payment-flow project across five departments. Dates are relative to `now`, so some work is overdue
 * and some is due soon whenever the sandbox starts.
 */

// The seed's parts live next to this file; importers keep using these names from here.
export { seedIssueKey } from './seed-issues';
export {
  SEED_DEPARTMENTS,
  SEED_GROUPS,
  SEED_USERS,
  type SeedDepartment,
  type SeedUser,
  type SeedUserHandle,
} from './seed-people';
export { SEED_PHASES, SEED_PROJECTS, type SeedProject } from './seed-projects';

const U = SEED_USERS;

export interface SeedSummary {
  projects: Array<{ key: string; id: string; issues: number; versions: number }>;
  users: number;
  groups: number;
  issues: number;
  links: number;
  comments: number;
}

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

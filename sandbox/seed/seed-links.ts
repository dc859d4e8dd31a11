import type { SeedUserHandle } from './seed-people';

/** Links and comments between the seeded issues; refs are `PROJECT:ref` as in seed-issues.ts. */

/** [blocker, blocked] pairs: "blocker blocks blocked"; refs are `PROJECT:ref`. */
export const BLOCKS: Array<[string, string]> = [
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
export const RELATES: Array<[string, string]> = [
  ['AICS:masking', 'PAY:legal'],
  ['PAY:complaints', 'AICS:payfaq'],
];

export const COMMENTS: Array<{ ref: string; by: SeedUserHandle; text: string; daysAgo: number }> = [
  { ref: 'AICS:gpu', by: 'wangLei', text: 'GPU 资源申请已提交，等待审批；预计影响模型训练 2 天。', daysAgo: 2 },
  { ref: 'AICS:faq', by: 'liNa', text: '@杨帆 FAQ 语料什么时候能交付？模型训练在等。', daysAgo: 1 },
  { ref: 'AICS:faq', by: 'yangFan', text: '已完成 420 条，剩余部分明天下午前提交。', daysAgo: 1 },
  { ref: 'PAY:doublecharge', by: 'chenJing', text: '今天又收到 12 起重复扣款投诉，请研发部尽快处理。', daysAgo: 0 },
  { ref: 'PAY:budget', by: 'maChao', text: 'PMO 已收到升级申请，周四跨部门协调会上决策。', daysAgo: 1 },
  { ref: 'PAY:errorcodes', by: 'zhouJie', text: 'Error codes draft v0.9 shared with CS for review.', daysAgo: 2 },
];

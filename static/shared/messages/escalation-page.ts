/** The project page's escalation figures: kept out of the feature's shared part so the issue panel does not download them. */
export const en = {
  'escalations.page.heading': 'Escalations',
  'escalations.page.level': 'Level',
  'escalations.page.open': 'Open',
  'escalations.page.age.d0': 'under 1 day',
  'escalations.page.age.d1to2': '1–2 days',
  'escalations.page.age.d3to6': '3–6 days',
  'escalations.page.age.d7plus': '7 days or more',
  'escalations.page.withinLimit': 'Resolved within the limit',
  'escalations.page.meanAck': 'Mean time to acknowledge',
  'escalations.page.meanResolve': 'Mean time to resolve',
  'escalations.page.hours': '{n} h',
  'escalations.page.none': '–',
  'escalations.page.closed': '{n} closed so far',
  'escalations.page.ladderWhere': 'Who holds each level and its time limit: Project settings → Escalation ladder.',
} as const;

export const zh: { readonly [K in keyof typeof en]: string } = {
  'escalations.page.heading': '升级',
  'escalations.page.level': '级别',
  'escalations.page.open': '未关闭',
  'escalations.page.age.d0': '不足 1 天',
  'escalations.page.age.d1to2': '1–2 天',
  'escalations.page.age.d3to6': '3–6 天',
  'escalations.page.age.d7plus': '7 天及以上',
  'escalations.page.withinLimit': '时限内解决率',
  'escalations.page.meanAck': '平均受理时长',
  'escalations.page.meanResolve': '平均解决时长',
  'escalations.page.hours': '{n} 小时',
  'escalations.page.none': '暂无',
  'escalations.page.closed': '已关闭 {n} 个',
  'escalations.page.ladderWhere': '各级处理人及时限：空间设置 → 问题升级阶梯。',
};

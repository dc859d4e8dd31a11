import { surfaceMessages, type MessagePart, type Translation } from '../../shared/messages/surface';
import * as raci from '../../shared/messages/raci';
import * as dependencies from '../../shared/messages/dependencies';
import * as escalations from '../../shared/messages/escalations';

/** The issue panel's own strings. */
const panelEn = {
  'panel.title': 'Collaboration on {key}',
  'panel.raci.heading': 'RACI',
  'panel.raci.complete': 'Complete',
  'panel.raci.incomplete': 'Incomplete',
  'panel.raci.findingsTitle': 'RACI needs attention',
  'panel.raci.finding.NO_ACCOUNTABLE': 'Nobody is Accountable. Name exactly one person who answers for the result.',
  'panel.raci.finding.NO_RESPONSIBLE': 'Nobody is Responsible. Name at least one person who does the work.',
  'panel.raci.finding.ACCOUNTABLE_ALSO_RESPONSIBLE':
    'The Accountable person is also Responsible, so nobody checks the work independently.',
  'panel.raci.finding.DUPLICATE_CONSULTED_INFORMED':
    'Someone is both Consulted and Informed. Consulted people are informed anyway: keep them in one role.',
  'panel.raci.empty': 'No RACI roles yet: nobody is Responsible, Accountable, Consulted or Informed on this issue.',

  'panel.deps.heading': 'Dependencies',
  'panel.deps.upstream': 'Waiting for',
  'panel.deps.downstream': 'Waited on by',
  'panel.deps.emptyUpstream': 'This issue is not waiting for any other issue.',
  'panel.deps.emptyDownstream': 'No issue is waiting for this one.',
  'panel.deps.hiddenIssue': 'an issue you cannot see',
  'panel.deps.deliverable': 'Deliverable',
  'panel.deps.noDeliverable': 'not described',
  'panel.deps.needBy': 'Need by',
  'panel.deps.lateResponse': 'Late response',
  'panel.deps.responseWasDue': 'Response was due {time}',
  'panel.deps.responseDue': 'Response due {time}',
  'panel.deps.openIssue': 'Open {key}: {summary}',
  'panel.deps.showMore': 'Show {n} more',

  'panel.esc.heading': 'Escalations',
  'panel.esc.empty': 'No escalations on this issue.',
  'panel.esc.noSummary': 'No description',
  'panel.esc.due': 'Due',
} as const;

const panelZh: Translation<typeof panelEn> = {
  'panel.title': '{key} 的协作',
  'panel.raci.heading': 'RACI 职责',
  'panel.raci.complete': '完整',
  'panel.raci.incomplete': '不完整',
  'panel.raci.findingsTitle': 'RACI 需要完善',
  'panel.raci.finding.NO_ACCOUNTABLE': '尚无审批人。请指定唯一一位对结果负责的人。',
  'panel.raci.finding.NO_RESPONSIBLE': '尚无执行人。请至少指定一位执行工作的人。',
  'panel.raci.finding.ACCOUNTABLE_ALSO_RESPONSIBLE': '审批人同时是执行人，无人独立把关成果。',
  'panel.raci.finding.DUPLICATE_CONSULTED_INFORMED': '有人同时是咨询人和知悉人。咨询人本已知情，请只保留一个角色。',
  'panel.raci.empty': '尚未设置 RACI 角色：此工作项还没有执行人、审批人、咨询人或知悉人。',

  'panel.deps.heading': '依赖',
  'panel.deps.upstream': '等待（上游）',
  'panel.deps.downstream': '被等待（下游）',
  'panel.deps.emptyUpstream': '本工作项没有在等待其他工作项。',
  'panel.deps.emptyDownstream': '没有工作项在等待本工作项。',
  'panel.deps.hiddenIssue': '一个您无权查看的工作项',
  'panel.deps.deliverable': '交付物',
  'panel.deps.noDeliverable': '未说明',
  'panel.deps.needBy': '期望交付日期',
  'panel.deps.lateResponse': '响应逾期',
  'panel.deps.responseWasDue': '应于 {time} 前响应',
  'panel.deps.responseDue': '请于 {time} 前响应',
  'panel.deps.openIssue': '打开 {key}：{summary}',
  'panel.deps.showMore': '再显示 {n} 条',

  'panel.esc.heading': '升级',
  'panel.esc.empty': '本工作项没有问题升级记录。',
  'panel.esc.noSummary': '无描述',
  'panel.esc.due': '截止',
};

export const PANEL_MESSAGES = { en: panelEn, zh: panelZh } as const satisfies MessagePart;

/** The strings the issue panel ships: its own and those of the features it shows (checked by test/static/surface-messages.test.tsx). */
export const MESSAGES = surfaceMessages(PANEL_MESSAGES, raci, dependencies, escalations);

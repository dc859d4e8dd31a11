import type { Locale } from '@contract';
import * as raci from './messages/raci';
import * as dependencies from './messages/dependencies';
import * as escalations from './messages/escalations';
import * as project from './messages/project';

/**
 * The UI's strings in both shipped languages, in parts: the shared components' strings, each surface's own,
 * and one part per feature (messages/<feature>.ts). English defines the keys; each Chinese part is typed
 * from its English one, so a key missing from (or extra in) either language is a type error.
 * `{name}` is a parameter; keys ending in `.one` / `.other` are plural forms picked by `Intl.PluralRules`.
 *
 * A surface ships only the parts it renders (`surfaceMessages`, called in static/<app>/src/messages.ts), so
 * the issue panel does not download the project page's strings; test/static/surface-messages.test.tsx checks
 * that every key a surface's code uses is among them.
 */
type Translation<En> = { readonly [K in keyof En]: string };

/** Strings of the shared components (static/shared): every surface ships them. */
const sharedEn = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.errorTitle': 'Could not load this view',
  'common.inactive': '(inactive)',
  'common.noDate': 'no date',
  'common.nobody': 'Nobody',
  'common.asOf': 'As of {time}',

  'rel.now': 'now',
  'rel.today': 'due today',
  'rel.in.minute.one': 'in {n} min',
  'rel.in.minute.other': 'in {n} min',
  'rel.in.hour.one': 'in {n} h',
  'rel.in.hour.other': 'in {n} h',
  'rel.in.day.one': 'in {n} day',
  'rel.in.day.other': 'in {n} days',
  'rel.late.minute.one': '{n} min late',
  'rel.late.minute.other': '{n} min late',
  'rel.late.hour.one': '{n} h late',
  'rel.late.hour.other': '{n} h late',
  'rel.late.day.one': '{n} day late',
  'rel.late.day.other': '{n} days late',

  'dependency.status.requested': 'Requested',
  'dependency.status.acknowledged': 'Acknowledged',
  'dependency.status.declined': 'Declined',
  'dependency.status.countered': 'Countered',
  'dependency.status.committed': 'Committed',
  'dependency.status.delivered': 'Delivered',
  'dependency.status.cancelled': 'Cancelled',

  'escalation.status.open': 'Open',
  'escalation.status.acknowledged': 'Acknowledged',
  'escalation.status.resolved': 'Resolved',
  'escalation.status.rejected': 'Rejected',
  'escalation.status.withdrawn': 'Withdrawn',
  'escalation.level.1': 'Interface persons',
  'escalation.level.2': 'Department heads',
  'escalation.level.3': 'PMO arbiter',
  'escalation.levelLabel': 'L{n} · {name}',
  'escalation.levelFull': 'Level {n}: {name}',

  // The people picker (static/shared/components/UserPicker.tsx), first written for the admin page.
  'admin.picker.searchLabel': 'Search people for {field}',
  'admin.picker.placeholder': 'Type a name or email',
  'admin.picker.searching': 'Searching…',
  'admin.picker.noMatches': 'No one matches “{query}”.',
  'admin.picker.choose': 'Choose {name}',
  'admin.picker.remove': 'Remove {name}',
  'admin.picker.none': 'Nobody chosen',

  // The RACI role names (static/shared/raci-roles.ts), first written for the panel.
  'panel.raci.responsible': 'Responsible',
  'panel.raci.accountable': 'Accountable',
  'panel.raci.consulted': 'Consulted',
  'panel.raci.informed': 'Informed',
} as const;

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

/** The project page's own strings. */
const pageEn = {
  'page.subtitle': 'Collaboration health',
  'page.overview.heading': 'Overview',
  'page.overview.issues': 'Issues',
  'page.overview.collaboration': 'Cross-department work',
  'page.stat.issues': 'All issues',
  'page.stat.open': 'Open',
  'page.stat.overdueOpen': 'Overdue open',
  'page.stat.raciCoverage': 'RACI coverage',
  'page.stat.raciCoverageHint': 'of open issues have one Accountable and a Responsible',
  'page.stat.raciCoverageNone': 'no open issues',
  'page.stat.openDependencies': 'Open dependencies',
  'page.stat.lateResponses': 'Late responses',
  'page.stat.openEscalations': 'Open escalations',
  'page.stat.notAvailable': 'n/a',
  'page.figuresUpdated': 'Figures updated {time}',
  'page.figuresNeverUpdated': 'No figures recorded yet',
  'page.milestones.heading': 'Milestones',
  'page.milestones.caption': 'Versions of {project} with their release dates',
  'page.milestones.name': 'Milestone',
  'page.milestones.releaseDate': 'Release date',
  'page.milestones.status': 'Status',
  'page.milestones.released': 'Released',
  'page.milestones.overdue': 'Overdue',
  'page.milestones.planned': 'Planned',
  'page.milestones.empty': 'This project has no versions yet. Add versions in Jira to track milestones here.',
} as const;

/** The admin page's own strings. */
const adminEn = {
  'admin.title': 'Collaboration settings',
  'admin.subtitle': 'The department directory: heads, interface persons, members and how fast each department answers',
  'admin.readOnly': 'Only Jira administrators can change the department directory. You can read it.',
  'admin.departments.heading': 'Departments',
  'admin.departments.caption': 'Departments with their heads, interface persons and Jira groups',
  'admin.departments.empty': 'No departments yet. Add the first one to name its head and interface person.',
  'admin.col.department': 'Department',
  'admin.col.head': 'Head',
  'admin.col.interface': 'Interface person',
  'admin.col.members': 'Members',
  'admin.col.responseHours': 'Response time',
  'admin.col.actions': 'Actions',
  'admin.members.group': 'Jira group {group}',
  'admin.members.listed.one': '{n} listed by name',
  'admin.members.listed.other': '{n} listed by name',
  'admin.members.indexed.one': '{n} person in the index',
  'admin.members.indexed.other': '{n} people in the index',
  'admin.hours.one': '{n} hour',
  'admin.hours.other': '{n} hours',
  'admin.notSet': 'Not set',
  'admin.index.heading': 'People index',
  'admin.index.people.one': '{n} person resolved to a department',
  'admin.index.people.other': '{n} people resolved to a department',
  'admin.index.builtAt': 'Built {time} from the directory and its Jira groups.',
  'admin.index.never': 'Not built yet: it is built when a department is saved.',
  'admin.index.hint': 'Jira does not tell apps when a group changes. Refresh after changing group members in Jira.',
  'admin.index.rebuild': 'Refresh from Jira groups',
  'admin.index.rebuilt': 'People index refreshed from Jira groups.',
  'admin.add': 'Add department',
  'admin.edit': 'Edit',
  'admin.editLabel': 'Edit {name}',
  'admin.delete': 'Delete',
  'admin.deleteLabel': 'Delete {name}',
  'admin.deleteConfirm': 'Delete {name}? People keep their RACI roles on issues; they no longer resolve to this department.',
  'admin.deleteConfirmButton': 'Delete department',
  'admin.cancel': 'Cancel',
  'admin.save': 'Save',
  'admin.saved': '{name} saved.',
  'admin.deleted': '{name} deleted.',
  'admin.reloaded': 'The list below shows the latest directory; make your change again.',
  'admin.saveFailed': 'Could not save',
  'admin.form.createTitle': 'New department',
  'admin.form.editTitle': 'Edit {name}',
  'admin.form.fixFields': 'Some fields need attention: see the messages below them.',
  'admin.form.id': 'Department id',
  'admin.form.idHelp': '2-32 lower-case letters, digits or -, starting with a letter. It cannot be changed later.',
  'admin.form.nameZh': 'Name in Chinese',
  'admin.form.nameEn': 'Name in English',
  'admin.form.head': 'Head',
  'admin.form.headHelp': 'Decides at escalation level 2 and confirms project goals.',
  'admin.form.interface': 'Interface person',
  'admin.form.interfaceHelp': 'Routes requests into the department; escalation level 1.',
  'admin.form.members': 'Members listed by name',
  'admin.form.membersHelp': 'People who belong to the department but are not in its Jira group.',
  'admin.form.jiraGroup': 'Jira group',
  'admin.form.jiraGroupHelp': 'Everyone in this Jira group belongs to the department. Leave empty for none.',
  'admin.form.responseHours': 'Response time in hours',
  'admin.form.responseHoursHelp': 'How long a request to this department may wait for an answer (1-720).',
} as const;

const sharedZh: Translation<typeof sharedEn> = {
  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.errorTitle': '无法加载此视图',
  'common.inactive': '（已停用）',
  'common.noDate': '未定',
  'common.nobody': '无',
  'common.asOf': '数据时间：{time}',

  'rel.now': '现在',
  'rel.today': '今天到期',
  'rel.in.minute.one': '{n} 分钟后',
  'rel.in.minute.other': '{n} 分钟后',
  'rel.in.hour.one': '{n} 小时后',
  'rel.in.hour.other': '{n} 小时后',
  'rel.in.day.one': '{n} 天后',
  'rel.in.day.other': '{n} 天后',
  'rel.late.minute.one': '逾期 {n} 分钟',
  'rel.late.minute.other': '逾期 {n} 分钟',
  'rel.late.hour.one': '逾期 {n} 小时',
  'rel.late.hour.other': '逾期 {n} 小时',
  'rel.late.day.one': '逾期 {n} 天',
  'rel.late.day.other': '逾期 {n} 天',

  'dependency.status.requested': '已请求',
  'dependency.status.acknowledged': '已确认',
  'dependency.status.declined': '已拒绝',
  'dependency.status.countered': '已反提议',
  'dependency.status.committed': '已承诺',
  'dependency.status.delivered': '已交付',
  'dependency.status.cancelled': '已取消',

  'escalation.status.open': '待处理',
  'escalation.status.acknowledged': '已受理',
  'escalation.status.resolved': '已解决',
  'escalation.status.rejected': '已驳回',
  'escalation.status.withdrawn': '已撤回',
  'escalation.level.1': '部门对接人',
  'escalation.level.2': '部门负责人',
  'escalation.level.3': 'PMO 仲裁',
  'escalation.levelLabel': '{n} 级 · {name}',
  'escalation.levelFull': '第 {n} 级：{name}',

  'admin.picker.searchLabel': '为“{field}”搜索人员',
  'admin.picker.placeholder': '输入姓名或邮箱',
  'admin.picker.searching': '正在搜索…',
  'admin.picker.noMatches': '没有与“{query}”匹配的人员。',
  'admin.picker.choose': '选择{name}',
  'admin.picker.remove': '移除{name}',
  'admin.picker.none': '尚未选择',

  'panel.raci.responsible': '执行人（R）',
  'panel.raci.accountable': '问责人（A）',
  'panel.raci.consulted': '咨询人（C）',
  'panel.raci.informed': '知会人（I）',
};

const panelZh: Translation<typeof panelEn> = {
  'panel.title': '{key} 的协作',
  'panel.raci.heading': 'RACI 职责',
  'panel.raci.complete': '完整',
  'panel.raci.incomplete': '不完整',
  'panel.raci.findingsTitle': 'RACI 需要完善',
  'panel.raci.finding.NO_ACCOUNTABLE': '尚无问责人。请指定唯一一位对结果负责的人。',
  'panel.raci.finding.NO_RESPONSIBLE': '尚无执行人。请至少指定一位执行工作的人。',
  'panel.raci.finding.ACCOUNTABLE_ALSO_RESPONSIBLE': '问责人同时是执行人，无人独立把关成果。',
  'panel.raci.finding.DUPLICATE_CONSULTED_INFORMED': '有人同时是咨询人和知会人。咨询人本已知情，请只保留一个角色。',
  'panel.raci.empty': '尚未设置 RACI 角色：此事务还没有执行人、问责人、咨询人或知会人。',

  'panel.deps.heading': '依赖',
  'panel.deps.upstream': '等待（上游）',
  'panel.deps.downstream': '被等待（下游）',
  'panel.deps.emptyUpstream': '本事务没有在等待其他事务。',
  'panel.deps.emptyDownstream': '没有事务在等待本事务。',
  'panel.deps.hiddenIssue': '一个您无权查看的事务',
  'panel.deps.deliverable': '交付物',
  'panel.deps.noDeliverable': '未说明',
  'panel.deps.needBy': '需求日期',
  'panel.deps.lateResponse': '响应逾期',
  'panel.deps.responseWasDue': '应于 {time} 前响应',
  'panel.deps.responseDue': '请于 {time} 前响应',
  'panel.deps.openIssue': '打开 {key}：{summary}',
  'panel.deps.showMore': '再显示 {n} 条',

  'panel.esc.heading': '升级',
  'panel.esc.empty': '本事务没有升级记录。',
  'panel.esc.noSummary': '无描述',
  'panel.esc.due': '截止',
};

const pageZh: Translation<typeof pageEn> = {
  'page.subtitle': '协作健康度',
  'page.overview.heading': '概览',
  'page.overview.issues': '事务',
  'page.overview.collaboration': '跨部门协作',
  'page.stat.issues': '全部事务',
  'page.stat.open': '未完成',
  'page.stat.overdueOpen': '逾期未完成',
  'page.stat.raciCoverage': 'RACI 覆盖率',
  'page.stat.raciCoverageHint': '未完成事务中有唯一问责人和执行人的占比',
  'page.stat.raciCoverageNone': '没有未完成事务',
  'page.stat.openDependencies': '未完成依赖',
  'page.stat.lateResponses': '响应逾期',
  'page.stat.openEscalations': '未关闭升级',
  'page.stat.notAvailable': '暂无',
  'page.figuresUpdated': '数据更新于 {time}',
  'page.figuresNeverUpdated': '尚无统计数据',
  'page.milestones.heading': '里程碑',
  'page.milestones.caption': '{project} 的版本及发布日期',
  'page.milestones.name': '里程碑',
  'page.milestones.releaseDate': '发布日期',
  'page.milestones.status': '状态',
  'page.milestones.released': '已发布',
  'page.milestones.overdue': '已逾期',
  'page.milestones.planned': '计划中',
  'page.milestones.empty': '此项目还没有版本。在 Jira 中添加版本后，即可在此跟踪里程碑。',
};

const adminZh: Translation<typeof adminEn> = {
  'admin.title': '跨部门协作设置',
  'admin.subtitle': '部门目录：部门负责人、部门对接人、成员，以及各部门的响应时限',
  'admin.readOnly': '只有 Jira 管理员可以修改部门目录，您可以查看。',
  'admin.departments.heading': '部门',
  'admin.departments.caption': '各部门及其负责人、对接人和 Jira 用户组',
  'admin.departments.empty': '还没有部门。添加第一个部门，指定其负责人和对接人。',
  'admin.col.department': '部门',
  'admin.col.head': '部门负责人',
  'admin.col.interface': '部门对接人',
  'admin.col.members': '成员',
  'admin.col.responseHours': '响应时限',
  'admin.col.actions': '操作',
  'admin.members.group': 'Jira 用户组 {group}',
  'admin.members.listed.one': '另列 {n} 人',
  'admin.members.listed.other': '另列 {n} 人',
  'admin.members.indexed.one': '索引中 {n} 人',
  'admin.members.indexed.other': '索引中 {n} 人',
  'admin.hours.one': '{n} 小时',
  'admin.hours.other': '{n} 小时',
  'admin.notSet': '未设置',
  'admin.index.heading': '人员索引',
  'admin.index.people.one': '{n} 人已对应到部门',
  'admin.index.people.other': '{n} 人已对应到部门',
  'admin.index.builtAt': '于 {time} 根据部门目录及其 Jira 用户组生成。',
  'admin.index.never': '尚未生成：保存部门时自动生成。',
  'admin.index.hint': 'Jira 不会通知应用用户组的变化。在 Jira 中调整用户组成员后，请刷新索引。',
  'admin.index.rebuild': '从 Jira 用户组刷新',
  'admin.index.rebuilt': '已从 Jira 用户组刷新人员索引。',
  'admin.add': '添加部门',
  'admin.edit': '编辑',
  'admin.editLabel': '编辑{name}',
  'admin.delete': '删除',
  'admin.deleteLabel': '删除{name}',
  'admin.deleteConfirm': '确定删除{name}？事务上的 RACI 角色保留，但相关人员将不再对应到此部门。',
  'admin.deleteConfirmButton': '删除部门',
  'admin.cancel': '取消',
  'admin.save': '保存',
  'admin.saved': '已保存{name}。',
  'admin.deleted': '已删除{name}。',
  'admin.reloaded': '下方已显示最新的部门目录，请重新修改。',
  'admin.saveFailed': '保存失败',
  'admin.form.createTitle': '新建部门',
  'admin.form.editTitle': '编辑{name}',
  'admin.form.fixFields': '部分字段需要修改，请查看字段下方的提示。',
  'admin.form.id': '部门 ID',
  'admin.form.idHelp': '2-32 个小写字母、数字或“-”，以字母开头。保存后不能修改。',
  'admin.form.nameZh': '中文名称',
  'admin.form.nameEn': '英文名称',
  'admin.form.head': '部门负责人',
  'admin.form.headHelp': '在第 2 级升级时决策，并确认项目目标。',
  'admin.form.interface': '部门对接人',
  'admin.form.interfaceHelp': '负责把需求转入部门；第 1 级升级处理人。',
  'admin.form.members': '另列成员',
  'admin.form.membersHelp': '属于本部门、但不在其 Jira 用户组中的人员。',
  'admin.form.jiraGroup': 'Jira 用户组',
  'admin.form.jiraGroupHelp': '此 Jira 用户组的所有成员都属于本部门。不使用用户组请留空。',
  'admin.form.responseHours': '响应时限（小时）',
  'admin.form.responseHoursHelp': '发给本部门的需求最长等待多久必须得到响应（1-720）。',
};

/** One part of the strings: English defines its keys, Chinese has exactly the same ones. */
export interface MessagePart {
  readonly en: Readonly<Record<string, string>>;
  readonly zh: Readonly<Record<string, string>>;
}

export const SHARED_MESSAGES = { en: sharedEn, zh: sharedZh } as const satisfies MessagePart;
export const PANEL_MESSAGES = { en: panelEn, zh: panelZh } as const satisfies MessagePart;
export const PAGE_MESSAGES = { en: pageEn, zh: pageZh } as const satisfies MessagePart;
export const ADMIN_MESSAGES = { en: adminEn, zh: adminZh } as const satisfies MessagePart;

/** The keys of some parts (distributes over a union of parts). */
type KeysOf<P> = P extends { readonly en: infer E } ? keyof E & string : never;

/** Strings for the keys `K`, in both languages. */
export type Messages<K extends string> = { readonly [L in Locale]: { readonly [Key in K]: string } };

// Keys never collide: each part's keys carry its prefix.
type AllParts =
  | typeof SHARED_MESSAGES
  | typeof PANEL_MESSAGES
  | typeof PAGE_MESSAGES
  | typeof ADMIN_MESSAGES
  | typeof raci
  | typeof dependencies
  | typeof escalations
  | typeof project;

export type MessageKey = KeysOf<AllParts>;
export type Catalogue = { readonly [K in MessageKey]: string };

/** What a translator is given: the strings one surface ships, some of the keys. */
export type SurfaceMessages = { readonly [L in Locale]: Partial<Catalogue> };

/** A surface's strings: the shared components' and those of the parts it renders. */
export function surfaceMessages<P extends readonly MessagePart[]>(...parts: P): Messages<KeysOf<typeof SHARED_MESSAGES | P[number]>> {
  const merge = (locale: Locale) => Object.assign({}, SHARED_MESSAGES[locale], ...parts.map((part) => part[locale]));
  return { en: merge('en'), zh: merge('zh') };
}

/**
 * Every string of every surface, which tests check both languages of. No surface ships this whole: unused in a
 * bundle, the annotated call is left out of it.
 */
export const CATALOGUES: Messages<MessageKey> = /* @__PURE__ */ surfaceMessages(
  PANEL_MESSAGES,
  PAGE_MESSAGES,
  ADMIN_MESSAGES,
  raci,
  dependencies,
  escalations,
  project,
);

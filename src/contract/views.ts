import { z } from 'zod';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates';
import { RaciDepartmentViewShape } from './raci-departments';
import { UrgencySchema } from './limits';

/** Dates travel as ISO strings; `asOf` on every view is the server's clock, so the UI never reads its own. */

export const PersonSchema = z.object({
  accountId: z.string().min(1),
  displayName: z.string(),
  avatarUrl: z.string().optional(),
  active: z.boolean().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const STATUS_CATEGORIES = ['new', 'indeterminate', 'done'] as const;
export const StatusCategorySchema = z.enum(STATUS_CATEGORIES);
export type StatusCategory = z.infer<typeof StatusCategorySchema>;

export const RaciViewSchema = z.object({
  responsible: z.array(PersonSchema),
  accountable: PersonSchema.nullable(),
  consulted: z.array(PersonSchema),
  informed: z.array(PersonSchema),
  /** Rule findings, as stable codes the UI translates (see domain/raci). */
  findings: z.array(
    z.enum(['NO_ACCOUNTABLE', 'NO_RESPONSIBLE', 'ACCOUNTABLE_ALSO_RESPONSIBLE', 'DUPLICATE_CONSULTED_INFORMED']),
  ),
  complete: z.boolean(),
  // Departments per party, department-level RACI and the edit version (issue 3).
  ...RaciDepartmentViewShape,
});
export type RaciView = z.infer<typeof RaciViewSchema>;

export const DEPENDENCY_STATUSES = [
  'requested',
  'acknowledged',
  'declined',
  'countered',
  'committed',
  'delivered',
  'cancelled',
] as const;
export const DependencyStatusSchema = z.enum(DEPENDENCY_STATUSES);
export type DependencyStatus = z.infer<typeof DependencyStatusSchema>;

export const IssueRefSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  statusName: z.string(),
  statusCategory: StatusCategorySchema,
  dueDate: CalendarDateSchema.nullable(),
});
export type IssueRef = z.infer<typeof IssueRefSchema>;

export const DEPENDENCY_HEALTH_VALUES = ['onTrack', 'atRisk', 'overdue', 'blocked', 'done'] as const;
export const DependencyHealthSchema = z.enum(DEPENDENCY_HEALTH_VALUES);
export type DependencyHealthValue = z.infer<typeof DependencyHealthSchema>;
export const DEPENDENCY_HEALTH_REASONS = [
  'none',
  'declined',
  'needByPassed',
  'upstreamDueAfterNeedBy',
  'upstreamPastDue',
  'counterAfterNeedBy',
  'responseLate',
  'upstreamBlocked',
  'closed',
] as const;
export const DEPENDENCY_ACTION_NAMES = [
  'acknowledge',
  'decline',
  'counter',
  'commit',
  'deliver',
  'cancel',
  'acceptCounter',
  'request',
  'askDelay',
  'explainDelay',
  'approve',
] as const;
export const DependencyActionSchema = z.enum(DEPENDENCY_ACTION_NAMES);
export type DependencyActionName = z.infer<typeof DependencyActionSchema>;
const DeptRefSchema = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() });

export const DependencyViewSchema = z.object({
  id: z.string(),
  requestingDept: DeptRefSchema.nullable(),
  providingDept: DeptRefSchema.nullable(),
  health: DependencyHealthSchema,
  healthReason: z.enum(DEPENDENCY_HEALTH_REASONS),
  /** Working days late (overdue) or short (at risk), in the providing department's calendar; 0 otherwise. */
  healthDays: z.number().int(),
  /** The upstream Responsible: who delivers. */
  owner: PersonSchema.nullable(),
  /** The record's version: an action names the one the viewer saw. */
  version: z.number().int().min(1),
  /** What the viewer may do now; the server checks again on every action. */
  actions: z.array(DependencyActionSchema),
  proposedDate: CalendarDateSchema.nullable(),
  note: z.string(),
  delay: z.object({
    askedAt: IsoDateTimeSchema.nullable(),
    reason: z.string(),
    remedy: z.string(),
    answeredAt: IsoDateTimeSchema.nullable(),
  }),
  status: DependencyStatusSchema,
  deliverable: z.string(),
  needBy: CalendarDateSchema.nullable(),
  responseDueAt: IsoDateTimeSchema.nullable(),
  late: z.boolean(),
  /** 日常 / 重要 / 紧急. */
  urgency: UrgencySchema,
  /** The approval step (审批) of a delivery by the requesting side's Accountable, as the domain judged it now. */
  approval: z.object({
    state: z.enum(['none', 'awaiting', 'late', 'approved', 'approvedLate']),
    dueAt: IsoDateTimeSchema.nullable(),
    approvedAt: IsoDateTimeSchema.nullable(),
  }),
  /** The other issue: upstream for "waits for", downstream for "waited on by". Null when the viewer cannot see it. */
  other: IssueRefSchema.nullable(),
  otherIssueId: z.string(),
});
export type DependencyView = z.infer<typeof DependencyViewSchema>;

export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved', 'rejected', 'withdrawn'] as const;
export const EscalationStatusSchema = z.enum(ESCALATION_STATUSES);

export const ProjectRollupSchema = z.object({
  issueCount: z.number().int().nonnegative(),
  byCategory: z.record(StatusCategorySchema, z.number().int().nonnegative()),
  /** Open issues whose due date has passed, as of the last write. */
  overdueOpen: z.number().int().nonnegative(),
  openIssues: z.number().int().nonnegative(),
  raciCompleteOpen: z.number().int().nonnegative(),
  updatedAt: IsoDateTimeSchema.nullable(),
});
export type ProjectRollupView = z.infer<typeof ProjectRollupSchema>;

export const MilestoneViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  releaseDate: CalendarDateSchema.nullable(),
  released: z.boolean(),
  overdue: z.boolean(),
});
export type MilestoneView = z.infer<typeof MilestoneViewSchema>;

export const ProjectOverviewSchema = z.object({
  asOf: IsoDateTimeSchema,
  project: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  rollup: ProjectRollupSchema,
  /** RACI coverage: share of open issues with exactly one Accountable and at least one Responsible (0..1, null with no open issues). */
  raciCoverage: z.number().min(0).max(1).nullable(),
  milestones: z.array(MilestoneViewSchema),
  dependencies: z.object({
    open: z.number().int().nonnegative(),
    lateResponses: z.number().int().nonnegative(),
    /** Deliveries approved late or still unapproved past their approval deadline (审批 48 h). */
    lateApprovals: z.number().int().nonnegative(),
  }),
  escalations: z.object({ open: z.number().int().nonnegative() }),
});
export type ProjectOverview = z.infer<typeof ProjectOverviewSchema>;

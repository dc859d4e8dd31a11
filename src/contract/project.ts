import { z } from 'zod';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates';
import { DepartmentIdSchema, DepartmentRefSchema } from './departments';
import { MilestoneViewSchema, PersonSchema, ProjectOverviewSchema } from './views';
import { UserSearchSchema } from './admin';

/**
 * The project page's own records (issue 6): charter, milestone plans, risk register, retrospectives and
 * action items, the figures and their weekly trend, and the weekly sync agenda. Every write is checked here
 * first; the use cases check what needs Jira or the directory (people exist, departments exist).
 */
import {
  AccountId,
  ExpectedVersion,
  IssueKeySchema,
  ListPageInputSchema,
  NextCursor,
  RecordId,
  Text,
  Title,
  periodInOrder,
} from './project-common';
import {
  ActionInputSchema,
  ActionPageSchema,
  ActionViewSchema,
  AgendaSchema,
  RetrospectiveInputSchema,
  RetrospectiveViewSchema,
  RetrospectivesViewSchema,
} from './project-retros';

export { LIST_PAGE_SIZE, ListPageInputSchema, TagSchema, type ListPageInput } from './project-common';
export * from './project-retros';

// ---------------------------------------------------------------- charter (项目基本信息表)

export const CharterInputSchema = z
  .object({
    initiatingDepartmentId: DepartmentIdSchema,
    coordinatorAccountId: AccountId,
    participatingDepartmentIds: z.array(DepartmentIdSchema).min(1).max(30),
    goal: z.string().trim().min(1).max(2000),
    keyResults: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
    startDate: CalendarDateSchema,
    endDate: CalendarDateSchema,
    notes: Text(4000).default(''),
    expectedVersion: ExpectedVersion,
  })
  .strict()
  .refine(periodInOrder, { path: ['endDate'], params: { messageId: 'project.validation.period' } });
export type CharterInput = z.input<typeof CharterInputSchema>;

export const ConfirmationSchema = z.object({ departmentId: z.string(), by: PersonSchema, at: IsoDateTimeSchema });

export const CharterViewSchema = z.object({
  charter: z
    .object({
      initiatingDepartmentId: z.string(),
      coordinator: PersonSchema,
      participatingDepartmentIds: z.array(z.string()),
      goal: z.string(),
      keyResults: z.array(z.string()),
      startDate: z.string(),
      endDate: z.string(),
      notes: z.string(),
      version: z.number().int(),
      updatedAt: IsoDateTimeSchema,
      /** One per department whose head confirmed the goal as it stands (cleared when goal, results or period change). */
      confirmations: z.array(ConfirmationSchema),
    })
    .nullable(),
  departments: z.array(DepartmentRefSchema.extend({ head: PersonSchema.nullable() })),
  viewer: z.object({ canEdit: z.boolean(), headOf: z.array(z.string()) }),
});
export type CharterView = z.infer<typeof CharterViewSchema>;

// ---------------------------------------------------------------- milestones

export const MilestonePlanInputSchema = z
  .object({
    versionId: z.string().regex(/^\d+$/),
    bufferDays: z.number().int().min(0).max(90),
    ownerDepartmentId: DepartmentIdSchema.nullable(),
    expectedVersion: ExpectedVersion,
  })
  .strict();
export type MilestonePlanInput = z.input<typeof MilestonePlanInputSchema>;

export const HEALTHS = ['released', 'on-track', 'at-risk', 'off-track', 'no-issues'] as const;
export const HealthSchema = z.enum(HEALTHS);
export type Health = z.infer<typeof HealthSchema>;

/** Why a milestone is not on track; `n` is the count or days the reason is about. */
export const HEALTH_REASONS = [
  'pastDue',
  'inBuffer',
  'behind',
  'slightlyBehind',
  'overdueIssues',
  'depsBlocked',
  'depsAtRisk',
  'escalationsOpen',
] as const;
export const HealthReasonSchema = z.object({ code: z.enum(HEALTH_REASONS), n: z.number() });
export type HealthReason = z.infer<typeof HealthReasonSchema>;

export const BurnupPointSchema = z.object({ week: z.string(), scope: z.number().int(), done: z.number().int() });

export const MilestoneHealthSchema = MilestoneViewSchema.extend({
  startDate: z.string().nullable(),
  bufferDays: z.number().int(),
  ownerDepartmentId: z.string().nullable(),
  planVersion: z.number().int().nullable(),
  health: HealthSchema,
  reasons: z.array(HealthReasonSchema),
  issues: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
  /** Share of the time from start to release (plus buffer) that has passed, 0..1; null without dates. */
  elapsed: z.number().nullable(),
  burnup: z.array(BurnupPointSchema),
});
export type MilestoneHealth = z.infer<typeof MilestoneHealthSchema>;

// ---------------------------------------------------------------- figures

export const FIGURE_IDS = [
  'delayRate',
  'dependencyOnTime',
  'requestsInTime',
  'escalationsInTime',
  'raciCoverage',
  'overdueActions',
  'satisfaction',
] as const;
export const FigureIdSchema = z.enum(FIGURE_IDS);
export type FigureId = z.infer<typeof FigureIdSchema>;

export const FigureSchema = z.object({
  id: FigureIdSchema,
  /** null: no data yet (nothing counted, or the counter does not exist yet). */
  value: z.number().nullable(),
  unit: z.enum(['ratio', 'count', 'score']),
  target: z.number().nullable(),
  better: z.enum(['higher', 'lower']),
  /** What the value was computed from, e.g. 3 of 40. */
  of: z.object({ hit: z.number(), total: z.number() }).nullable(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const TrendPointSchema = z.object({ week: z.string(), values: z.record(z.string(), z.number().nullable()) });
export type TrendPoint = z.infer<typeof TrendPointSchema>;

/** Where a score falls on the 5×5 map, as the server's domain decides it (the UI only colours it). */
export const RiskZoneSchema = z.enum(['low', 'medium', 'high']);
export type RiskZone = z.infer<typeof RiskZoneSchema>;

export const ProjectSummarySchema = ProjectOverviewSchema.extend({
  milestones: z.array(MilestoneHealthSchema),
  figures: z.array(FigureSchema),
  trend: z.array(TrendPointSchema),
  risks: z.object({
    open: z.number().int(),
    high: z.number().int(),
    closed: z.number().int(),
    cells: z.record(z.string(), z.number().int()),
  }),
  /** Each cell of the risks' 5×5 map ("probability:impact") with its zone. */
  riskZones: z.record(z.string(), RiskZoneSchema),
  actions: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
  departments: z.array(DepartmentRefSchema),
  /** When the reconcile pass last found the figures equal to Jira's counts (or repaired them); null: not yet. */
  verifiedAt: IsoDateTimeSchema.nullable().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

// ---------------------------------------------------------------- risks (风险记录表)

export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export const RiskStatusSchema = z.enum(RISK_STATUSES);

export const RiskInputSchema = z
  .object({
    id: RecordId.optional(),
    title: Title,
    probability: z.number().int().min(1).max(5),
    impact: z.number().int().min(1).max(5),
    ownerAccountId: AccountId,
    deputyAccountId: AccountId.nullable().default(null),
    response: Text(2000).default(''),
    status: RiskStatusSchema,
    reviewDate: CalendarDateSchema,
    issueKeys: z.array(IssueKeySchema).max(20).default([]),
    dependencyIds: z.array(z.string().min(1).max(64)).max(20).default([]),
    expectedVersion: ExpectedVersion,
  })
  .strict();
export type RiskInput = z.input<typeof RiskInputSchema>;

/** A month, yyyy-mm. */
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const RiskViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  probability: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  owner: PersonSchema,
  deputy: PersonSchema.nullable(),
  response: z.string(),
  status: RiskStatusSchema,
  reviewDate: z.string(),
  issueKeys: z.array(z.string()),
  dependencyIds: z.array(z.string()),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  closedAt: IsoDateTimeSchema.nullable(),
  version: z.number().int(),
  zone: RiskZoneSchema,
  /** The months it was raised and closed in, in the viewer's time zone: what the monthly report groups by. */
  openedMonth: YearMonth,
  closedMonth: YearMonth.nullable(),
});
export type RiskView = z.infer<typeof RiskViewSchema>;

/** One page of the register, worst first (open and mitigating before closed, then by score); the total is the summary's open + closed. */
export const RiskRegisterSchema = z.object({
  asOf: IsoDateTimeSchema,
  risks: z.array(RiskViewSchema),
  next: NextCursor,
  canEdit: z.boolean(),
});
export type RiskRegister = z.infer<typeof RiskRegisterSchema>;

/**
 * The monthly risk report (风险月报), decided on the server from the whole register: the risks open at the
 * month's end (how many high), those raised and closed in it, and every risk it names, worst first.
 */
export const RiskReportSchema = z.object({
  asOf: IsoDateTimeSchema,
  month: YearMonth,
  open: z.number().int(),
  high: z.number().int(),
  opened: z.number().int(),
  closed: z.number().int(),
  reported: z.array(RiskViewSchema),
});
export type RiskReport = z.infer<typeof RiskReportSchema>;

const none = z.object({}).strict();

/** The resolver functions of the project page (issue 6), per surface. `functions.ts` merges them into the surface tables. */
export const PROJECT_PANEL_FUNCTIONS = {} as const;

export const PROJECT_PROJECT_FUNCTIONS = {
  getCharter: { input: none, output: CharterViewSchema },
  saveCharter: { input: CharterInputSchema, output: CharterViewSchema },
  confirmCharter: { input: z.object({ departmentId: DepartmentIdSchema }).strict(), output: CharterViewSchema },
  saveMilestonePlan: {
    input: MilestonePlanInputSchema,
    output: z.object({ versionId: z.string(), version: z.number().int() }),
  },
  listRisks: { input: ListPageInputSchema, output: RiskRegisterSchema },
  saveRisk: { input: RiskInputSchema, output: RiskViewSchema },
  /** The month defaults to the viewer's current month. */
  getRiskReport: { input: z.object({ month: YearMonth.optional() }).strict(), output: RiskReportSchema },
  listRetrospectives: {
    input: z.object({ limit: ListPageInputSchema.shape.limit }).strict(),
    output: RetrospectivesViewSchema,
  },
  listActions: { input: ListPageInputSchema, output: ActionPageSchema },
  saveRetrospective: { input: RetrospectiveInputSchema, output: RetrospectiveViewSchema },
  saveAction: { input: ActionInputSchema, output: ActionViewSchema },
  createActionIssue: { input: z.object({ id: RecordId }).strict(), output: ActionViewSchema },
  getAgenda: { input: none, output: AgendaSchema },
  /** People to pick as owner, deputy or coordinator: Jira's user search as the viewer. */
  searchPeople: { input: UserSearchSchema, output: z.object({ users: z.array(PersonSchema) }) },
} as const;

/**
 * The resolver functions of cross-department dependencies (issue 4), per surface. `functions.ts` merges them into the surface tables.
 */
import { z } from 'zod';
import { CalendarDateSchema } from './dates';
import {
  DependencyActionSchema,
  DependencyHealthSchema,
  DependencyViewSchema,
  IssueRefSchema,
  DEPENDENCY_HEALTH_REASONS,
} from './views';
import { DepartmentIdSchema, DepartmentRefSchema } from './departments';
import { UrgencySchema } from './limits';

const IssueKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'expected an issue key such as PAY-12');

export const CreateDependencyInputSchema = z
  .object({
    /** The other issue, by key. */
    otherIssueKey: IssueKey,
    /** `upstream`: this issue waits for the other; `downstream`: the other waits for this one. */
    direction: z.enum(['upstream', 'downstream']),
    deliverable: z.string().trim().min(1).max(500),
    needBy: CalendarDateSchema,
    /** Departments; when left out, each side's department is the one of its Responsible (or of the requester). */
    requestingDept: DepartmentIdSchema.optional(),
    providingDept: DepartmentIdSchema.optional(),
    /** 日常 / 重要 / 紧急: which response and approval limits apply. */
    urgency: UrgencySchema.default('routine'),
  })
  .strict();
export type CreateDependencyInput = z.infer<typeof CreateDependencyInputSchema>;

export const ActOnDependencyInputSchema = z
  .object({
    dependencyId: z.string().min(1).max(200),
    action: DependencyActionSchema,
    /** The version the user saw; an action on a changed dependency is refused with CONFLICT. */
    version: z.number().int().min(1),
    /** decline: the reason (required); counter: a note; explainDelay: the reason (required). */
    text: z.string().trim().max(1000).optional(),
    /** counter: the proposed date (required). */
    date: CalendarDateSchema.optional(),
    /** explainDelay: the remedy (required). */
    remedy: z.string().trim().max(1000).optional(),
  })
  .strict();
export type ActOnDependencyInput = z.infer<typeof ActOnDependencyInputSchema>;

export const DependencySavedSchema = z.object({ dependency: DependencyViewSchema, version: z.number().int() });

export const IssueSearchInputSchema = z.object({ query: z.string().trim().min(1).max(100) }).strict();

export const DependencyProblemSchema = z.object({
  id: z.string(),
  /** null: a work item of a project the viewer cannot browse (its key is not theirs to see). */
  upstreamKey: z.string().nullable(),
  downstreamKey: z.string().nullable(),
  requestingDept: z.string(),
  providingDept: z.string(),
  deliverable: z.string(),
  needBy: CalendarDateSchema.nullable(),
  status: z.string(),
  health: DependencyHealthSchema,
  reason: z.enum(DEPENDENCY_HEALTH_REASONS),
  /** Working days late or short, in the providing department's calendar. */
  days: z.number().int(),
});

export const DependencyOverviewSchema = z.object({
  asOf: z.string(),
  departments: z.array(DepartmentRefSchema),
  /** Requesting × providing department ('' = no department): counts by health. */
  matrix: z.array(
    z.object({
      requesting: z.string(),
      providing: z.string(),
      total: z.number().int(),
      onTrack: z.number().int(),
      atRisk: z.number().int(),
      overdue: z.number().int(),
      blocked: z.number().int(),
    }),
  ),
  /** Blocked, overdue and at-risk dependencies, worst first. */
  problems: z.array(DependencyProblemSchema),
  criticalPath: z.object({
    /** The lead times along the longest chain, each in working days of its providing department's calendar. */
    lengthDays: z.number(),
    /** null where the work item is in a project the viewer cannot browse. */
    issueKeys: z.array(z.string().nullable()),
    dependencyIds: z.array(z.string()),
  }),
  open: z.number().int(),
});
export type DependencyOverview = z.infer<typeof DependencyOverviewSchema>;

export const DependencySettingsSchema = z.object({
  linkType: z.string().trim().min(1).max(255),
  /** Link types that exist on the site, to choose from. */
  available: z.array(z.object({ name: z.string(), outward: z.string(), inward: z.string() })),
});

export const DEPENDENCY_PANEL_FUNCTIONS = {
  createDependency: { input: CreateDependencyInputSchema, output: DependencySavedSchema },
  actOnDependency: { input: ActOnDependencyInputSchema, output: DependencySavedSchema },
  searchIssuesForDependency: { input: IssueSearchInputSchema, output: z.object({ issues: z.array(IssueRefSchema) }) },
} as const;

export const DEPENDENCY_PROJECT_FUNCTIONS = {
  getDependencyOverview: { input: z.object({}).strict(), output: DependencyOverviewSchema },
} as const;

export const DEPENDENCY_ADMIN_FUNCTIONS = {
  getDependencySettings: { input: z.object({}).strict(), output: DependencySettingsSchema },
  saveDependencySettings: {
    input: z.object({ linkType: z.string().trim().min(1).max(255) }).strict(),
    output: DependencySettingsSchema,
  },
} as const;

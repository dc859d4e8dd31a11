import { z } from 'zod';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates';
import { DepartmentIdSchema, DepartmentRefSchema } from './departments';
import { EscalationStatusSchema, PersonSchema } from './views';
import { DependencyLimitsSchema, EscalationTiersSchema, URGENT_UNIT_NAME, UrgencySchema } from './limits';

/**
 * Escalations, working-time calendars and the audit trail (issue 5): schemas shared by the backend and the
 * UI, and the resolver functions per surface. `functions.ts` merges the tables into the surface tables.
 */

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const CalendarIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'use 2-32 lower-case letters, digits or -, starting with a letter');

/** A working-time calendar: when a department works, so deadlines count working hours, not clock hours. */
export const WorkingCalendarSchema = z
  .object({
    id: CalendarIdSchema,
    name: z.string().trim().min(1).max(80),
    /** IANA time zone, e.g. Asia/Shanghai; working hours are wall-clock times there (daylight saving included). */
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, { message: 'unknown time zone', params: { messageId: 'validation.detail.timeZone' } }),
    workStart: ClockTime,
    workEnd: ClockTime,
    /** Lunch break inside the working day, or both null. */
    lunchStart: ClockTime.nullable(),
    lunchEnd: ClockTime.nullable(),
    /** ISO weekdays that are working days (1 Monday … 7 Sunday). */
    workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** Days off although they fall on a working weekday (public holidays). */
    holidays: z.array(CalendarDateSchema).max(400),
    /** Days worked although they fall on a weekend (调休 make-up working days). */
    makeUpDays: z.array(CalendarDateSchema).max(100),
    /** What the data covers and where it comes from, shown to admins. */
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((c, ctx) => {
    const bad = (path: string, messageId: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { messageId } });
    if (minutesOf(c.workStart) >= minutesOf(c.workEnd))
      bad('workEnd', 'validation.detail.endAfterStart', 'must be after the start');
    if ((c.lunchStart === null) !== (c.lunchEnd === null))
      bad('lunchEnd', 'validation.detail.lunchBoth', 'give both ends of the lunch break or neither');
    if (c.lunchStart && c.lunchEnd) {
      const [ls, le] = [minutesOf(c.lunchStart), minutesOf(c.lunchEnd)];
      if (ls >= le || ls <= minutesOf(c.workStart) || le >= minutesOf(c.workEnd))
        bad('lunchStart', 'validation.detail.lunchInside', 'the lunch break must lie inside the working hours');
    }
    if (new Set(c.workdays).size !== c.workdays.length)
      bad('workdays', 'validation.detail.repeatedDay', 'a day is listed twice');
    const off = new Set(c.holidays);
    const both = c.makeUpDays.find((d) => off.has(d));
    if (both)
      bad('makeUpDays', 'validation.detail.holidayAndWorkday', `${both} is both a holiday and a make-up working day`);
  });
export type WorkingCalendar = z.infer<typeof WorkingCalendarSchema>;

export const LEVEL_HOLDER_ROLES = ['interface', 'head', 'none'] as const;

/** One rung of a project's ladder: how long it may take, and who holds it. */
export const LadderLevelSchema = z.object({
  /**
   * Ladders saved before issue 15: the level's limit in working hours. Read only, to map an old ladder onto
   * `tiers` (see the domain's `ladderTiers`); a ladder saved since has none.
   */
  hours: z.number().int().min(1).max(720).optional(),
  /** Who in the departments involved holds the level (level 1: interface persons, level 2: heads; level 3 usually none). */
  role: z.enum(LEVEL_HOLDER_ROLES),
  /** People who hold the level besides (level 3: the PMO / management arbiter). */
  accountIds: z.array(z.string().min(1)).max(20),
});
export type LadderLevel = z.infer<typeof LadderLevelSchema>;

/** A ladder as stored and shown (the default one may have nobody at level 3 yet). */
export const LadderShapeSchema = z.object({
  levels: z.tuple([LadderLevelSchema, LadderLevelSchema, LadderLevelSchema]),
  /** Per urgency tier: the end-to-end limit split across the levels. Absent on ladders saved before issue 15. */
  tiers: EscalationTiersSchema.optional(),
});

/** A ladder as saved: somebody must hold every level. */
export const LadderConfigSchema = LadderShapeSchema.superRefine((c, ctx) => {
  if (c.tiers && c.tiers.urgent.unit !== URGENT_UNIT_NAME)
    ctx.addIssue({
      code: 'custom',
      path: ['tiers', 'urgent', 'unit'],
      message: 'urgent limits count clock hours',
      params: { messageId: 'validation.detail.urgentClock' },
    });
  c.levels.forEach((l, i) => {
    if (l.role === 'none' && l.accountIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['levels', i, 'accountIds'],
        message: 'somebody must hold every level',
        params: { messageId: 'validation.detail.levelHolder' },
      });
    }
  });
});
export type LadderConfig = z.infer<typeof LadderConfigSchema>;

export const ESCALATION_ACTIONS = ['acknowledge', 'resolve', 'reject', 'withdraw', 'climb', 'decide'] as const;
export const EscalationActionSchema = z.enum(ESCALATION_ACTIONS);
export type EscalationAction = z.infer<typeof EscalationActionSchema>;

/** 问题申请单: what a person fills in to raise an escalation. The issue comes from the context. */
export const RaiseEscalationInputSchema = z
  .object({
    description: z.string().trim().min(1).max(5000),
    impact: z.string().trim().max(2000).default(''),
    supportNeeded: z.string().trim().max(2000).default(''),
    departmentAsked: DepartmentIdSchema,
    /** The date-time the requester needs an answer by, or null. */
    deadline: IsoDateTimeSchema.nullable().default(null),
    /** Raised from a dependency that missed its response deadline. */
    dependencyId: z.string().min(1).max(100).nullable().default(null),
    /** 日常 / 重要 / 紧急: which of the ladder's limits apply. */
    urgency: UrgencySchema.default('routine'),
    /** 紧急 only, and then required: the temporary owner (临时负责人) who answers for it meanwhile. */
    temporaryOwner: z.string().min(1).max(128).nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.urgency === 'urgent' && !v.temporaryOwner)
      ctx.addIssue({
        code: 'custom',
        path: ['temporaryOwner'],
        message: 'an urgent escalation names a temporary owner',
        params: { messageId: 'validation.detail.temporaryOwner' },
      });
  });
export type RaiseEscalationInput = z.infer<typeof RaiseEscalationInputSchema>;

export const EscalationActInputSchema = z
  .object({
    id: z.string().min(1).max(100),
    action: EscalationActionSchema,
    /** The resolution, the reason for a rejection, the arbiter's decision or a note; required where the action needs one. */
    text: z.string().trim().max(5000).default(''),
    /** The version the user saw; an older one is refused with CONFLICT. */
    version: z.number().int().min(1),
  })
  .strict();
export type EscalationActInput = z.infer<typeof EscalationActInputSchema>;

export const AUDIT_KINDS = [
  'escalation.raised',
  'escalation.acknowledged',
  'escalation.resolved',
  'escalation.rejected',
  'escalation.withdrawn',
  'escalation.climbed',
  'escalation.breached',
  'escalation.decided',
  'escalation.notified',
] as const;

export const AuditEventViewSchema = z.object({
  at: IsoDateTimeSchema,
  kind: z.string(),
  actor: PersonSchema.nullable(),
  /** Level before and after, text, people notified: what the kind carries. */
  fromLevel: z.number().int().optional(),
  toLevel: z.number().int().optional(),
  text: z.string().optional(),
  source: z.string().optional(),
  notified: z.array(PersonSchema).optional(),
});
export type AuditEventView = z.infer<typeof AuditEventViewSchema>;

export const EscalationViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: EscalationStatusSchema,
  level: z.number().int().min(1).max(3),
  summary: z.string(),
  description: z.string(),
  impact: z.string(),
  supportNeeded: z.string(),
  departmentAsked: DepartmentRefSchema.nullable(),
  requestedDeadline: IsoDateTimeSchema.nullable(),
  raisedAt: IsoDateTimeSchema,
  raisedBy: PersonSchema.nullable(),
  source: z.string(),
  /** When the current level's limit runs out; null once closed or breached at the top. */
  dueAt: IsoDateTimeSchema.nullable(),
  urgency: UrgencySchema,
  /** The end-to-end limit from raising to decision: the resolution deadline (解决时限). */
  decisionDueAt: IsoDateTimeSchema.nullable(),
  /** 紧急: the temporary owner named when raised. */
  temporaryOwner: PersonSchema.nullable(),
  breached: z.boolean(),
  /** The resolution, rejection reason or decision. */
  outcome: z.string(),
  /** True when the level-3 arbiter decided: binding on every department. */
  binding: z.boolean(),
  holders: z.array(PersonSchema),
  /** What the viewer may do now. */
  actions: z.array(EscalationActionSchema),
});
export type EscalationView = z.infer<typeof EscalationViewSchema>;

export const IssueEscalationsSchema = z.object({
  asOf: IsoDateTimeSchema,
  escalations: z.array(EscalationViewSchema),
  departments: z.array(DepartmentRefSchema),
  canRaise: z.boolean(),
});
export type IssueEscalations = z.infer<typeof IssueEscalationsSchema>;

export const EscalationStatsSchema = z.object({
  asOf: IsoDateTimeSchema,
  /** Open escalations per level and age band (days since raised). */
  openByLevel: z.array(
    z.object({
      level: z.number().int(),
      count: z.number().int(),
      ages: z.object({
        d0: z.number().int(),
        d1to2: z.number().int(),
        d3to6: z.number().int(),
        d7plus: z.number().int(),
      }),
    }),
  ),
  closed: z.number().int().nonnegative(),
  /** Share of resolved escalations that were resolved within their end-to-end limit, from raising to decision. */
  resolvedWithinLimit: z.number().min(0).max(1).nullable(),
  meanHoursToAcknowledge: z.number().nonnegative().nullable(),
  meanHoursToResolve: z.number().nonnegative().nullable(),
  canConfigure: z.boolean(),
});
export type EscalationStats = z.infer<typeof EscalationStatsSchema>;

/** The project's open escalations on work items the viewer may see, highest level then oldest first. */
export const OpenEscalationsSchema = z.object({
  asOf: IsoDateTimeSchema,
  items: z.array(
    z.object({
      id: z.string(),
      issueKey: z.string(),
      issueSummary: z.string(),
      level: z.number().int(),
      raisedAt: IsoDateTimeSchema,
      /** null when a web request raised it. */
      raisedBy: PersonSchema.nullable(),
      /** What is asked: the escalation's own summary. */
      summary: z.string(),
    }),
  ),
  /** Open escalations beyond the listed ones. */
  more: z.number().int().nonnegative(),
});
export type OpenEscalations = z.infer<typeof OpenEscalationsSchema>;

export const LadderViewSchema = z.object({
  ladder: LadderShapeSchema,
  version: z.number().int().min(0),
  people: z.array(PersonSchema),
  canEdit: z.boolean(),
});
export type LadderView = z.infer<typeof LadderViewSchema>;

export const CalendarSettingsSchema = z.object({
  calendars: z.array(WorkingCalendarSchema).min(1).max(30),
  /** The dependency limits per tier (issue 15); absent on settings saved before, which read as the defaults. */
  limits: DependencyLimitsSchema.optional(),
  /** department id -> calendar id; departments left out use `defaultCalendarId`. */
  byDepartment: z.record(DepartmentIdSchema, CalendarIdSchema),
  defaultCalendarId: CalendarIdSchema,
});
export type CalendarSettings = z.infer<typeof CalendarSettingsSchema>;

export const CalendarSettingsViewSchema = z.object({
  settings: CalendarSettingsSchema,
  version: z.number().int().min(0),
  departments: z.array(DepartmentRefSchema),
  canEdit: z.boolean(),
});

export const WebhookSecretStatusSchema = z.object({
  configured: z.boolean(),
  rotatedAt: IsoDateTimeSchema.nullable(),
  /** The first characters of the secret's SHA-256, to tell secrets apart without showing one. */
  fingerprint: z.string().nullable(),
  canEdit: z.boolean(),
  /** The projects whose issues a web request may escalate; none listed, none accepted. */
  allowedProjects: z.array(z.string()),
});

/** A Jira project key as Jira makes them: a capital letter, then capitals, digits or underscores. */
const WebhookProjectKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'expected a project key such as PAY');

export const ESCALATION_PANEL_FUNCTIONS = {
  raiseEscalation: { input: RaiseEscalationInputSchema, output: IssueEscalationsSchema },
  actOnEscalation: { input: EscalationActInputSchema, output: IssueEscalationsSchema },
  getEscalationTimeline: {
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ events: z.array(AuditEventViewSchema) }),
  },
} as const;

export const ESCALATION_PROJECT_FUNCTIONS = {
  getEscalationStats: { input: z.object({}).strict(), output: EscalationStatsSchema },
  listOpenEscalations: { input: z.object({}).strict(), output: OpenEscalationsSchema },
} as const;

/** Project settings → Escalation ladder (`jira:projectSettingsPage` page `escalation-ladder`). */
export const ESCALATION_SETTINGS_FUNCTIONS = {
  getEscalationLadder: { input: z.object({}).strict(), output: LadderViewSchema },
  saveEscalationLadder: {
    input: z.object({ ladder: LadderConfigSchema, version: z.number().int().min(0) }).strict(),
    output: LadderViewSchema,
  },
  /** Jira's user search as the viewer, for naming the people who hold a level. */
  searchLadderUsers: {
    input: z.object({ query: z.string().trim().min(1).max(100) }).strict(),
    output: z.object({ users: z.array(PersonSchema) }),
  },
} as const;

export const ESCALATION_ADMIN_FUNCTIONS = {
  getCalendars: { input: z.object({}).strict(), output: CalendarSettingsViewSchema },
  saveCalendars: {
    input: z.object({ settings: CalendarSettingsSchema, version: z.number().int().min(0) }).strict(),
    output: CalendarSettingsViewSchema,
  },
  getWebhookSecret: { input: z.object({}).strict(), output: WebhookSecretStatusSchema },
  /** Makes a new signing secret; the answer is the only time it is shown. */
  rotateWebhookSecret: {
    input: z.object({}).strict(),
    output: WebhookSecretStatusSchema.extend({ secret: z.string() }),
  },
  /** The projects the web trigger accepts, replaced as a whole; each must be a project Jira has. */
  saveWebhookProjects: {
    input: z.object({ projectKeys: z.array(WebhookProjectKeySchema).max(100) }).strict(),
    output: WebhookSecretStatusSchema,
  },
} as const;

/** What a Jira Automation action hands the app: the declared inputs only (manifest `action` modules). */
export const AutomationRaiseInputSchema = z.object({
  issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, 'expected an issue key such as PAY-12'),
  description: z.string().trim().min(1).max(5000),
  impact: z.string().trim().max(2000).optional(),
  supportNeeded: z.string().trim().max(2000).optional(),
  departmentAsked: DepartmentIdSchema,
});
export const AutomationClimbInputSchema = z.object({
  issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, 'expected an issue key such as PAY-12'),
  note: z.string().trim().max(2000).optional(),
});
export type AutomationRaiseInput = z.output<typeof AutomationRaiseInputSchema>;

import { z } from 'zod';
import { saysSomething } from './retro-rules';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates';
import { PersonSchema } from './views';
import { AccountId, ExpectedVersion, NextCursor, RecordId, Tags, Text, Title } from './project-common';

/** Retrospectives with their feedback and action items, and the weekly sync agenda, of the project page. */

// ---------------------------------------------------------------- retrospectives (复盘会) and action items (整改清单)

export const FeedbackScoresSchema = z
  .object({
    communication: z.number().int().min(1).max(5),
    accountability: z.number().int().min(1).max(5),
    resources: z.number().int().min(1).max(5),
    resolution: z.number().int().min(1).max(5),
  })
  .strict();

/** What a retrospective's findings are sorted into (seed 000): 流程卡点, 沟通问题, 权责漏洞. */
export const FINDING_CATEGORIES = ['process', 'communication', 'accountability'] as const;
export const FindingSchema = z
  .object({ category: z.enum(FINDING_CATEGORIES), text: z.string().trim().min(1).max(500) })
  .strict();
export type Finding = z.infer<typeof FindingSchema>;

export const RetrospectiveInputSchema = saysSomething(
  z
    .object({
      id: RecordId.optional(),
      /** The milestone (fix version) it looks back on; null for the end of the project. */
      versionId: z.string().regex(/^\d+$/).nullable(),
      heldOn: CalendarDateSchema,
      wentWell: Text(4000),
      toImprove: Text(4000),
      scores: FeedbackScoresSchema.nullable(),
      tags: Tags,
      findings: z.array(FindingSchema).max(30).default([]),
      expectedVersion: ExpectedVersion,
    })
    .strict(),
);
export type RetrospectiveInput = z.input<typeof RetrospectiveInputSchema>;

export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const;
export const ActionStatusSchema = z.enum(ACTION_STATUSES);

export const ActionInputSchema = z
  .object({
    id: RecordId.optional(),
    retrospectiveId: RecordId.nullable(),
    title: Title,
    ownerAccountId: AccountId,
    dueDate: CalendarDateSchema,
    status: ActionStatusSchema,
    tags: Tags,
    expectedVersion: ExpectedVersion,
  })
  .strict();
export type ActionInput = z.input<typeof ActionInputSchema>;

export const RetrospectiveViewSchema = z.object({
  id: z.string(),
  versionId: z.string().nullable(),
  heldOn: z.string(),
  wentWell: z.string(),
  toImprove: z.string(),
  scores: FeedbackScoresSchema.nullable(),
  tags: z.array(z.string()),
  findings: z.array(FindingSchema),
  createdBy: PersonSchema,
  version: z.number().int(),
});
export type RetrospectiveView = z.infer<typeof RetrospectiveViewSchema>;

export const ActionViewSchema = z.object({
  id: z.string(),
  retrospectiveId: z.string().nullable(),
  title: z.string(),
  owner: PersonSchema,
  dueDate: z.string(),
  status: ActionStatusSchema,
  tags: z.array(z.string()),
  issueKey: z.string().nullable(),
  overdue: z.boolean(),
  /** Still open and raised at an earlier retrospective than the latest one. */
  carriedOver: z.boolean(),
  version: z.number().int(),
});
export type ActionView = z.infer<typeof ActionViewSchema>;

export const RetrospectivesViewSchema = z.object({
  asOf: IsoDateTimeSchema,
  /** All of them, latest first: one per review, a short list the action form and the CSV need whole. */
  retrospectives: z.array(RetrospectiveViewSchema),
  /** The first page of the action items, most urgent first (open by due date, then done); `listActions` pages on. */
  actions: z.array(ActionViewSchema),
  actionsNext: NextCursor,
  /** Case-library tags seen at two or more retrospectives or action items of different retrospectives: the problem recurs. */
  recurringTags: z.array(z.string()),
  canEdit: z.boolean(),
});
export type RetrospectivesView = z.infer<typeof RetrospectivesViewSchema>;

/** A further page of the action items; the total is the summary's open + done. */
export const ActionPageSchema = z.object({
  asOf: IsoDateTimeSchema,
  actions: z.array(ActionViewSchema),
  next: NextCursor,
  canEdit: z.boolean(),
});
export type ActionPage = z.infer<typeof ActionPageSchema>;

// ---------------------------------------------------------------- weekly sync agenda (跨部门协调会)

export const AGENDA_KINDS = ['dependency', 'escalation', 'issue', 'risk', 'action'] as const;
export const AgendaItemSchema = z.object({
  kind: z.enum(AGENDA_KINDS),
  /** Why it is on the agenda. */
  reason: z.enum(['blocked', 'late', 'open', 'newRisk', 'highRisk', 'overdue']),
  id: z.string(),
  title: z.string(),
  issueKey: z.string().nullable(),
  /** A dependency: the work item it waits for ("PAY-12 waits for PAY-9"); null when not visible to the viewer. */
  waitsFor: z.string().nullable(),
  /** Who must act: the providing side's owner for a dependency, the owner for the others. */
  owner: PersonSchema.nullable(),
  due: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export const AgendaSchema = z.object({ asOf: IsoDateTimeSchema, weekOf: z.string(), items: z.array(AgendaItemSchema) });
export type Agenda = z.infer<typeof AgendaSchema>;

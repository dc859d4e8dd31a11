/**
 * The collaboration page (`jira:globalPage`, issue 16): my queue across projects, and acting on it.
 */
import { z } from 'zod';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates';
import { DepartmentRefSchema } from './departments';
import { ActOnDependencyInputSchema, DependencySavedSchema } from './dependencies';
import { EscalationActInputSchema, EscalationActionSchema, IssueEscalationsSchema } from './escalations';
import { DependencyActionSchema } from './views';

export const QUEUE_KINDS = ['response', 'owed', 'counter', 'escalation'] as const;
export const QueueKindSchema = z.enum(QUEUE_KINDS);
export type QueueKind = z.infer<typeof QueueKindSchema>;

const IssueKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'expected an issue key such as PAY-12');

export const QueueItemSchema = z.object({
  kind: QueueKindSchema,
  /** The dependency's or the escalation's id. */
  id: z.string(),
  /** The work item to act on and open. */
  issueKey: z.string(),
  projectKey: z.string(),
  /** The other side's work item; null when the viewer cannot browse its project or there is none. */
  otherKey: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  /** Escalation level (1-3); 0 for dependencies. */
  level: z.number().int(),
  department: DepartmentRefSchema.nullable(),
  /** The response deadline or the level's limit. */
  dueAt: IsoDateTimeSchema.nullable(),
  /** The date asked for (need-by, or the counter-proposal's). */
  dueDate: CalendarDateSchema.nullable(),
  /** Working hours left in the answering department's calendar; negative once late; null without a deadline. */
  hoursLeft: z.number().nullable(),
  late: z.boolean(),
  version: z.number().int(),
  /** What the list offers; the use case checks the same rules as the panel when one is pressed. */
  dependencyActions: z.array(DependencyActionSchema),
  escalationActions: z.array(EscalationActionSchema),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const MyQueueSchema = z.object({
  asOf: IsoDateTimeSchema,
  /** The viewer's department, from the directory; null when they belong to none. */
  department: DepartmentRefSchema.nullable(),
  /** Worst first: late, then least time left, then the earliest date. */
  items: z.array(QueueItemSchema),
  counts: z.object({
    response: z.number().int(),
    owed: z.number().int(),
    counter: z.number().int(),
    escalation: z.number().int(),
    late: z.number().int(),
  }),
});
export type MyQueue = z.infer<typeof MyQueueSchema>;

export const COLLAB_PAGE_FUNCTIONS = {
  getMyQueue: { input: z.object({}).strict(), output: MyQueueSchema },
  /** The panel's dependency action, on the work item named in the queue (the use case checks the user may browse it). */
  actOnQueueDependency: {
    input: ActOnDependencyInputSchema.extend({ issueKey: IssueKey }).strict(),
    output: DependencySavedSchema,
  },
  actOnQueueEscalation: {
    input: EscalationActInputSchema.extend({ issueKey: IssueKey }).strict(),
    output: IssueEscalationsSchema,
  },
} as const;

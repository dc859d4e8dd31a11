import { z } from 'zod';
import { IsoDateTimeSchema } from './dates';
import { DepartmentIdSchema } from './departments';

/** Headers of a signed escalation request (lower-case, as Forge hands them to the web trigger). */
export const WEBHOOK_HEADERS = {
  signature: 'x-collab-signature',
  timestamp: 'x-collab-timestamp',
  nonce: 'x-collab-nonce',
} as const;

/** How old a signed request may be before it is refused as a replay. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;

export const EscalationRequestSchema = z
  .object({
    issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, 'expected an issue key such as PAY-12'),
    description: z.string().trim().min(1).max(5000),
    impact: z.string().trim().max(2000).default(''),
    supportNeeded: z.string().trim().max(2000).default(''),
    /** The department asked to act: an escalation asked of nobody would notify nobody. */
    departmentAsked: DepartmentIdSchema,
    deadline: IsoDateTimeSchema.optional(),
  })
  .strict();
export type EscalationRequest = z.infer<typeof EscalationRequestSchema>;

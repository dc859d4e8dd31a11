import { z } from 'zod';

/** Stable error codes shared by resolvers, web triggers and the UI. */
export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM',
  'NOT_CONFIGURED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const AppErrorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Dotted path of the offending input field, when one field is to blame. */
  field: z.string().optional(),
  /**
   * Every field the input got wrong, when there is more than one: its dotted path and what is wrong with it, in
   * the user's language and without naming the field (the form shows it under the field's own label).
   */
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type AppErrorBody = z.infer<typeof AppErrorBodySchema>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: AppErrorBodySchema }),
  ]);
}

/**
 * The headline figures of the seed documents (issue 15, part 2): each with its target, its value as a
 * numerator over a denominator, and a weekly trend. Computed on the server from the records.
 */
import { z } from 'zod';
import { IsoDateTimeSchema } from './dates';

export const HEADLINE_FIGURE_IDS = [
  'buckPassing',
  'problemOmission',
  'infoOmission',
  'compliance',
  'projectDelay',
  'repeatProblems',
  'satisfactionShare',
  'deliveryOnTime',
] as const;
export const HeadlineFigureIdSchema = z.enum(HEADLINE_FIGURE_IDS);
export type HeadlineFigureId = z.infer<typeof HeadlineFigureIdSchema>;

export const HeadlineTrendPointSchema = z.object({
  /** The Monday (yyyy-mm-dd) of the week. */
  week: z.string(),
  value: z.number().nullable(),
  hit: z.number().int(),
  total: z.number().int(),
});

export const HeadlineFigureSchema = z.object({
  id: HeadlineFigureIdSchema,
  /** hit / total; null when nothing was counted ("no data", never 0 %). */
  value: z.number().nullable(),
  /** The numerator: what the figure counts (bounced requests, steps in time …). */
  hit: z.number().int(),
  /** The denominator. */
  total: z.number().int(),
  /** The seeds' target; below it ("lower", strictly) or at least it ("higher"). null where they set none. */
  target: z.number().nullable(),
  better: z.enum(['higher', 'lower']),
  /** Weekly points, oldest first: each week's own events (requests made, steps due, problems raised in it). */
  trend: z.array(HeadlineTrendPointSchema),
});
export type HeadlineFigure = z.infer<typeof HeadlineFigureSchema>;

export const HeadlineFiguresSchema = z.object({
  asOf: IsoDateTimeSchema,
  figures: z.array(HeadlineFigureSchema),
});
export type HeadlineFigures = z.infer<typeof HeadlineFiguresSchema>;

export const PROJECT_FIGURE_FUNCTIONS = {
  getHeadlineFigures: { input: z.object({}).strict(), output: HeadlineFiguresSchema },
} as const;

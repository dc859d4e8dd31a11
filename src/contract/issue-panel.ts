import { z } from 'zod';
import { IsoDateTimeSchema } from './dates';
import { DependencyViewSchema, IssueRefSchema, RaciViewSchema } from './views';
import { IssueEscalationsSchema } from './escalations';

/** Everything the issue panel shows when it opens, from one invocation: every section's first paint and what the viewer may do. */
export const IssuePanelViewSchema = z.object({
  asOf: IsoDateTimeSchema,
  issue: IssueRefSchema.extend({ projectKey: z.string() }),
  raci: RaciViewSchema,
  dependencies: z.object({
    /** The first page of each direction (late and open ones first); the rest come from `getIssueDependencies`. */
    upstream: z.array(DependencyViewSchema),
    downstream: z.array(DependencyViewSchema),
    /** How many there are in all, each way; absent from a view that lists every one. */
    totals: z
      .object({ upstream: z.number().int().nonnegative(), downstream: z.number().int().nonnegative() })
      .optional(),
  }),
  escalations: IssueEscalationsSchema,
  viewer: z.object({ accountId: z.string(), canEdit: z.boolean() }),
});
export type IssuePanelView = z.infer<typeof IssuePanelViewSchema>;

export const DependencyDirectionSchema = z.enum(['upstream', 'downstream']);

/** The next page of one direction of the panel's dependencies, in the order the panel's first page began. */
export const IssueDependenciesPageSchema = z.object({
  items: z.array(DependencyViewSchema),
  total: z.number().int().nonnegative(),
  nextOffset: z.number().int().nonnegative().nullable(),
});
export type IssueDependenciesPage = z.infer<typeof IssueDependenciesPageSchema>;

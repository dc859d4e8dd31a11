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
    upstream: z.array(DependencyViewSchema),
    downstream: z.array(DependencyViewSchema),
  }),
  escalations: IssueEscalationsSchema,
  viewer: z.object({ accountId: z.string(), canEdit: z.boolean() }),
});
export type IssuePanelView = z.infer<typeof IssuePanelViewSchema>;

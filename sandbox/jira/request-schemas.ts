import { z } from 'zod';

/** Request bodies as the spec describes them; parsed at the sandbox's JSON boundary. */

const idLike = z.union([z.string(), z.number()]).transform((v) => String(v));

export const IssueUpdateBody = z.object({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
  historyMetadata: z.unknown().optional(),
  transition: z.object({ id: idLike }).optional(),
});
export type IssueUpdateBody = z.infer<typeof IssueUpdateBody>;

export const TransitionBody = IssueUpdateBody.extend({ transition: z.object({ id: idLike }) });

export const CountBody = z.strictObject({ jql: z.string().optional() });

export const SearchBody = z.strictObject({
  jql: z.string().optional(),
  nextPageToken: z.string().nullable().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).optional(),
});

export const BulkFetchBody = z.strictObject({
  issueIdsOrKeys: z.array(z.string()),
  fields: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
});

const IssueRef = z.object({ id: idLike.optional(), key: z.string().optional() });
export const LinkBody = z.object({
  type: z.object({ id: idLike.optional(), name: z.string().optional() }),
  inwardIssue: IssueRef,
  outwardIssue: IssueRef,
  comment: z.object({ body: z.unknown() }).optional(),
});

const GroupRef = z.object({ name: z.string().optional(), groupId: z.string().optional() });
export const NotifyBody = z.object({
  subject: z.string().optional(),
  textBody: z.string().optional(),
  htmlBody: z.string().optional(),
  to: z
    .object({
      reporter: z.boolean().optional(),
      assignee: z.boolean().optional(),
      watchers: z.boolean().optional(),
      voters: z.boolean().optional(),
      users: z.array(z.object({ accountId: z.string() })).optional(),
      groups: z.array(GroupRef).optional(),
      groupIds: z.array(z.string()).optional(),
    })
    .optional(),
  restrict: z
    .object({
      groups: z.array(GroupRef).optional(),
      groupIds: z.array(z.string()).optional(),
      permissions: z.array(z.object({ id: z.string().optional(), key: z.string().optional() })).optional(),
    })
    .optional(),
});
export type NotifyBody = z.infer<typeof NotifyBody>;

export const AppFieldValueBody = z.strictObject({
  updates: z.array(z.strictObject({ issueIds: z.array(z.number().int()), value: z.unknown() })),
});

/** POST /app/field/value: like the above, but each update names its field. */
export const MultipleAppFieldValuesBody = z.strictObject({
  updates: z.array(
    z.strictObject({ customField: z.string(), issueIds: z.array(z.number().int()), value: z.unknown() }),
  ),
});

export const CommentBody = z.object({
  body: z.unknown(),
  visibility: z.unknown().optional(),
  properties: z.unknown().optional(),
});

/** The first problem zod found, worded for an errorMessages entry. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request payload.';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

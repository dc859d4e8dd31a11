import { z } from 'zod';
import type { Deps } from '../app/kernel/ports';
import { issueChanged } from '../app/triggers/issue-changed';
import { onDependencyLinkCreated, onDependencyLinkDeleted } from '../app/triggers/sync-link';
import { productionDeps } from './deps';

const IdSchema = z.union([z.string(), z.number()]).transform(String);

/** Only the fields the handlers read; everything else in Forge's event payload is ignored. */
export const IssueEventSchema = z
  .object({
    eventType: z.string(),
    issue: z.object({ id: IdSchema }).passthrough(),
    atlassianId: z.string().optional(),
  })
  .passthrough();

/** The changelog of `avi:jira:updated:issue`: what changed, with Jira's ids and display strings. */
export const ChangelogSchema = z.object({
  id: IdSchema,
  items: z.array(
    z
      .object({
        field: z.string(),
        fieldId: z.string().optional(),
        from: z
          .string()
          .nullish()
          .transform((v) => v ?? null),
        fromString: z
          .string()
          .nullish()
          .transform((v) => v ?? null),
        to: z
          .string()
          .nullish()
          .transform((v) => v ?? null),
        toString: z
          .string()
          .nullish()
          .transform((v) => v ?? null),
      })
      .passthrough(),
  ),
});

export const LinkEventSchema = z
  .object({
    eventType: z.string(),
    id: IdSchema,
    sourceIssueId: IdSchema,
    destinationIssueId: IdSchema,
    issueLinkType: z.object({ name: z.string() }).passthrough(),
    atlassianId: z.string().optional(),
  })
  .passthrough();

/** Pure event filters, testable on recorded payloads. */
export const isLinkCreated = (eventType: string) => eventType === 'avi:jira:created:issuelink';
export const isLinkDeleted = (eventType: string) => eventType === 'avi:jira:deleted:issuelink';

export async function handleIssueEvent(deps: Deps, event: unknown): Promise<void> {
  const parsed = IssueEventSchema.safeParse(event);
  if (!parsed.success) {
    deps.log.warn('issue event ignored: unexpected shape', { problem: parsed.error.issues[0]?.message });
    return;
  }
  const raw = (event as { changelog?: unknown }).changelog;
  const changelog =
    parsed.data.eventType === 'avi:jira:updated:issue' && raw !== undefined ? ChangelogSchema.safeParse(raw) : null;
  if (changelog && !changelog.success)
    deps.log.warn('issue event: changelog ignored, unexpected shape', { problem: changelog.error.issues[0]?.message });
  await issueChanged(deps, {
    issueId: parsed.data.issue.id,
    changelog: changelog?.success ? changelog.data : null,
    actorId: parsed.data.atlassianId ?? null,
  });
}

export async function handleLinkEvent(deps: Deps, event: unknown): Promise<void> {
  const parsed = LinkEventSchema.safeParse(event);
  if (!parsed.success) {
    deps.log.warn('link event ignored: unexpected shape', { problem: parsed.error.issues[0]?.message });
    return;
  }
  const e = parsed.data;
  const link = {
    linkId: e.id,
    sourceIssueId: e.sourceIssueId,
    destinationIssueId: e.destinationIssueId,
    linkTypeName: e.issueLinkType.name,
    actorId: e.atlassianId ?? null,
  };
  if (isLinkCreated(e.eventType)) await onDependencyLinkCreated(deps, link);
  else if (isLinkDeleted(e.eventType)) await onDependencyLinkDeleted(deps, link);
}

/** `trigger` module `issue-events`. */
export const onIssueEvent = (event: unknown) => handleIssueEvent(productionDeps(), event);
/** `trigger` module `link-events`. */
export const onLinkEvent = (event: unknown) => handleLinkEvent(productionDeps(), event);

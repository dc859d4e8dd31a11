import { z } from 'zod';
import type { Deps } from '../app/ports';
import { syncIssue } from '../app/sync-issue';
import { onDependencyLinkCreated, onDependencyLinkDeleted } from '../app/sync-link';
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
  await syncIssue(deps, parsed.data.issue.id);
}

export async function handleLinkEvent(deps: Deps, event: unknown): Promise<void> {
  const parsed = LinkEventSchema.safeParse(event);
  if (!parsed.success) {
    deps.log.warn('link event ignored: unexpected shape', { problem: parsed.error.issues[0]?.message });
    return;
  }
  const e = parsed.data;
  if (isLinkCreated(e.eventType)) {
    await onDependencyLinkCreated(deps, {
      linkId: e.id,
      sourceIssueId: e.sourceIssueId,
      destinationIssueId: e.destinationIssueId,
      linkTypeName: e.issueLinkType.name,
      actorId: e.atlassianId ?? null,
    });
  } else if (isLinkDeleted(e.eventType)) {
    await onDependencyLinkDeleted(deps, { linkId: e.id, actorId: e.atlassianId ?? null });
  }
}

/** `trigger` module `issue-events`. */
export const onIssueEvent = (event: unknown) => handleIssueEvent(productionDeps(), event);
/** `trigger` module `link-events`. */
export const onLinkEvent = (event: unknown) => handleLinkEvent(productionDeps(), event);

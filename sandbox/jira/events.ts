import type { ForgeProductEvent } from './types';

/**
 * Forge product event payloads, shaped after developer.atlassian.com/platform/forge/events-reference/jira/:
 * issue events carry `issue {id, key, fields}`, `atlassianId` (who caused it) and `associatedUsers`;
 * `avi:jira:updated:issue` adds `changelog {id, items}`. Link events carry the link's fields at the top level
 * (`id, sourceIssueId, destinationIssueId, sourceProjectId, destinationProjectId, issueLinkType`), not an
 * `issueLink` object, as recorded from live Forge logs.
 *
 * Not confirmed by Atlassian's docs, and chosen here: `timestamp` (epoch ms as a string, seen in live
 * payloads); `associatedUsers` as an array of `{ accountId }` (the docs' type reference is ambiguous);
 * `selfGenerated` true when the app's own call caused the event (the sandbox cannot tell the app's asUser
 * calls from a person in the shell, so only asApp calls count as self-generated).
 */
export interface EventContext {
  atlassianId: string;
  selfGenerated: boolean;
  now: Date;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

const base = (eventType: string, ctx: EventContext): Record<string, unknown> => ({
  eventType,
  timestamp: String(ctx.now.getTime()),
  atlassianId: ctx.atlassianId,
  selfGenerated: ctx.selfGenerated,
});

export function issueEvent(
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue',
  issue: Record<string, unknown>,
  ctx: EventContext,
  changelog?: { id: string; items: ChangeItem[] },
): ForgeProductEvent {
  return {
    eventType,
    payload: {
      ...base(eventType, ctx),
      issue,
      associatedUsers: [{ accountId: ctx.atlassianId }],
      ...(changelog ? { changelog } : {}),
    },
  };
}

export function commentEvent(
  issue: Record<string, unknown>,
  comment: Record<string, unknown>,
  ctx: EventContext,
): ForgeProductEvent {
  const eventType = 'avi:jira:commented:issue';
  return {
    eventType,
    payload: { ...base(eventType, ctx), issue, comment, associatedUsers: [{ accountId: ctx.atlassianId }] },
  };
}

export interface LinkEventData {
  id: number;
  sourceIssueId: number;
  destinationIssueId: number;
  sourceProjectId: number;
  destinationProjectId: number;
  issueLinkType: { id: string; name: string; inward: string; outward: string };
}

export function linkEvent(
  eventType: 'avi:jira:created:issuelink' | 'avi:jira:deleted:issuelink',
  link: LinkEventData,
  ctx: EventContext,
): ForgeProductEvent {
  return {
    eventType,
    payload: {
      ...base(eventType, ctx),
      id: String(link.id),
      sourceIssueId: String(link.sourceIssueId),
      destinationIssueId: String(link.destinationIssueId),
      sourceProjectId: String(link.sourceProjectId),
      destinationProjectId: String(link.destinationProjectId),
      issueLinkType: link.issueLinkType,
    },
  };
}

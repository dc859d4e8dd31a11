/** Escalation ladder (DOMAIN.md practice 3): interface persons, then department heads, then the PMO arbiter. */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Default time limit per level, in hours (24, 48, 48). Working-time calendars arrive with issue 5. */
export const DEFAULT_LEVEL_LIMIT_HOURS: Record<EscalationLevel, number> = { 1: 24, 2: 48, 3: 48 };

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved' | 'rejected' | 'withdrawn';

export interface EscalationRecord {
  id: string;
  issueId: string;
  issueKey: string;
  projectKey: string;
  status: EscalationStatus;
  level: EscalationLevel;
  dueAt: number;
  raisedAt: number;
  raisedBy: string;
  source: 'panel' | 'dependency' | 'automation' | 'webtrigger';
  summary: string;
  description: string;
  impact: string;
  supportNeeded: string;
  departmentAsked: string;
  /** ISO date-time the requester asked for, or ''. */
  requestedDeadline: string;
  updatedAt: number;
  version: number;
}

export function levelDueAt(from: number, level: EscalationLevel, limits = DEFAULT_LEVEL_LIMIT_HOURS): number {
  return from + limits[level] * 3_600_000;
}

export function isEscalationOpen(status: EscalationStatus): boolean {
  return status === 'open' || status === 'acknowledged';
}

/** A one-line summary for lists: the first line of the description, at most 120 characters. */
export function summarize(description: string): string {
  const firstLine = description.trim().split(/\r?\n/, 1)[0] ?? '';
  return firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine;
}

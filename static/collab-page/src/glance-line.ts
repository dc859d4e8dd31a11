import type { IssueGlance } from '@contract';
import type { Translator } from '../../shared/translator';

/** "Waiting for 2 · Escalated L2", or that nothing waits; the line the issue context shows first. */
export function glanceLine(t: Translator, g: IssueGlance): string {
  const parts: string[] = [];
  if (g.waitingFor > 0) parts.push(t.plural('collab.glance.waiting', g.waitingFor));
  if (g.escalationLevel !== null) parts.push(t('collab.glance.escalated', { level: g.escalationLevel }));
  return parts.length ? parts.join(' · ') : t('collab.glance.none');
}

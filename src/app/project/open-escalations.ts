import type { OpenEscalations } from '../../contract';
import type { Deps } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { peopleOf, requireBrowse } from './project-access';
import { isEscalationOpen, type EscalationRecord } from '../../domain/escalations/escalation';

/** At most this many open escalations listed on the project page; the rest are counted. */
export const OPEN_ESCALATIONS_SHOWN = 50;

/**
 * The project page's open escalations: who raised each, its level, when and what is asked. One index query
 * for the project's escalations and one bulk read of their work items as the user, so escalations on work
 * items the viewer may not see are left out, not merely unnamed.
 */
export async function listOpenEscalations(deps: Deps, projectKey: string): Promise<OpenEscalations> {
  await requireBrowse(deps, projectKey);
  const all = await readAll<EscalationRecord>(deps, {
    entity: ENTITY.escalation,
    index: INDEX.escalationByProject,
    partition: [projectKey],
    limit: 100,
  });
  const open = all.filter((e) => isEscalationOpen(e.status));
  const ids = [...new Set(open.map((e) => e.issueId))];
  const issues = ids.length ? await deps.jira.bulkFetchIssues('user', ids) : [];
  const visible = new Map(issues.map((i) => [i.id, i]));
  const seen = open.filter((e) => visible.has(e.issueId)).sort((a, b) => b.level - a.level || a.raisedAt - b.raisedAt);
  const shown = seen.slice(0, OPEN_ESCALATIONS_SHOWN);
  const person = await peopleOf(
    deps,
    shown.map((e) => e.raisedBy || null),
  );
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    items: shown.map((e) => {
      const issue = visible.get(e.issueId)!;
      return {
        id: e.id,
        issueKey: issue.key,
        issueSummary: issue.summary,
        level: e.level,
        raisedAt: new Date(e.raisedAt).toISOString(),
        raisedBy: e.raisedBy ? person(e.raisedBy) : null,
        summary: e.summary,
      };
    }),
    more: seen.length - shown.length,
  };
}

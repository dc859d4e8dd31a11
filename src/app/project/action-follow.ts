import type { Deps, JiraIssue } from '../kernel/ports';
import { ENTITY, KEY } from '../kernel/storage-keys';
import { applyActionChange, type ActionContribution } from '../../domain/rollup/project';
import { actionStatusFor } from '../../domain/project/retrospectives';
import { saveRecord, type StoredRecord } from './records';
import { actionContribution, rankOf, type ActionData } from './retrospectives';

type ActionStatus = 'open' | 'in-progress' | 'done';

/**
 * An action item follows the Jira work item made for it: done when the work item is done, open again when it
 * is reopened. Called by the issue trigger when a work item's status moved: one KVS read finds the item (the
 * link written when the app made the work item), so work items without one cost nothing more.
 */
export async function followActionIssue(deps: Deps, issue: Pick<JiraIssue, 'id' | 'statusCategory'>): Promise<boolean> {
  const link = await deps.store.get<{ projectKey: string; id: string }>(KEY.actionOfIssue(issue.id));
  if (!link) return false;
  const a = await deps.store.getEntity<StoredRecord<ActionData>>(
    ENTITY.actionItem,
    KEY.projectRecord(link.projectKey, link.id),
  );
  if (!a) return false;
  const status = actionStatusFor((a.status ?? 'open') as ActionStatus, issue.statusCategory);
  if (status === a.status) return false;
  await saveRecord<ActionData, ActionContribution>(deps, {
    entity: ENTITY.actionItem,
    kind: 'action',
    what: 'action item',
    projectKey: a.projectKey,
    id: a.id,
    expectedVersion: a.version,
    make: (prev) => ({ status, data: prev!.data }),
    contribution: actionContribution,
    apply: applyActionChange,
    rank: rankOf,
  });
  return true;
}

import type { Deps, JiraIssue } from '../kernel/ports';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { applyActionChange, type ActionContribution } from '../../domain/rollup/project';
import { actionStatusFor } from '../../domain/project/retrospectives';
import { saveRecord, type StoredRecord } from './records';
import { actionContribution, rankOf, type ActionData } from './retrospectives';

type ActionStatus = 'open' | 'in-progress' | 'done';

/**
 * An action item follows the Jira work item made for it: done when the work item is done, open again when it
 * is reopened. Called by the issue trigger when a work item's status moved; reads the project's action items
 * (one index query per 100) only then. Returns how many items changed.
 */
export async function followActionIssue(deps: Deps, issue: Pick<JiraIssue, 'key' | 'projectKey' | 'statusCategory'>) {
  const actions = await readAll<StoredRecord<ActionData>>(deps, {
    entity: ENTITY.actionItem,
    index: INDEX.actionByProject,
    partition: [issue.projectKey],
    limit: 100,
  });
  let changed = 0;
  for (const a of actions) {
    if (a.data.issueKey !== issue.key) continue;
    const status = actionStatusFor((a.status ?? 'open') as ActionStatus, issue.statusCategory);
    if (status === a.status) continue;
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
    changed += 1;
  }
  return changed;
}

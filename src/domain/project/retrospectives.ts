import { rankTail } from './risks';

/**
 * Case library: a tag is a known problem; it recurs when it was raised at two or more different retrospectives
 * (counting each action item's tags toward its retrospective).
 */
export function recurringTags(
  retros: ReadonlyArray<{ id: string; tags: readonly string[] }>,
  actions: ReadonlyArray<{ retrospectiveId: string | null; id: string; tags: readonly string[] }>,
): string[] {
  const seenAt = new Map<string, Set<string>>();
  const note = (tag: string, where: string) => (seenAt.get(tag) ?? seenAt.set(tag, new Set()).get(tag)!).add(where);
  for (const r of retros) for (const t of r.tags) note(t, r.id);
  for (const a of actions) for (const t of a.tags) note(t, a.retrospectiveId ?? a.id);
  return [...seenAt]
    .filter(([, where]) => where.size >= 2)
    .map(([t]) => t)
    .sort();
}

/** Not done before done, then the earliest due date, then the oldest. */
export function actionRank(a: { id: string; status?: string | undefined; createdAt: number; dueDate: string }): string {
  return `${a.status === 'done' ? 1 : 0}.${a.dueDate}.${rankTail(a.createdAt, a.id)}`;
}

/**
 * The RACI of the work item made for an action item: its owner does it (Responsible); the retrospective's owner
 * answers for it (Accountable), or whoever recorded a loose action item. With both set, the app's own
 * workflow validator lets the work item close.
 */
export function actionIssueRaci(owner: string, retroOwner: string | null, recordedBy: string | null) {
  return {
    responsible: [owner],
    accountable: retroOwner || recordedBy || owner,
    consulted: [] as string[],
    informed: [] as string[],
  };
}

/** An action item follows its work item: done when the work item is done, open again when it is reopened. */
export function actionStatusFor(
  current: 'open' | 'in-progress' | 'done',
  issueCategory: string,
): 'open' | 'in-progress' | 'done' {
  if (issueCategory === 'done') return 'done';
  if (current === 'done') return issueCategory === 'indeterminate' ? 'in-progress' : 'open';
  return current;
}

import type { Deps, JiraIssueDraft } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { KEY } from '../kernel/storage-keys';

/** "A Jira issue is being, or was, made for this action item": written before Jira is asked. */
interface IssueIntent {
  label: string;
  at: number;
}

/**
 * Jira search may not show an issue made moments ago (its index lags): an unfinished attempt younger than this
 * is reported as under way rather than looked up, so a lagging search cannot lead to a second issue.
 */
export const SEARCH_LAG_MS = 2 * 60_000;
/** The intent outlives any retry; it is removed once the issue's key is on the action item. */
const INTENT_TTL_SECONDS = 30 * 24 * 3600;

/** The label that marks the Jira issue made for one action item: how a retry finds it again. */
export function actionIssueLabel(recordKey: string): string {
  let h = 2166136261;
  for (let i = 0; i < recordKey.length; i++) h = Math.imul(h ^ recordKey.charCodeAt(i), 16777619);
  return `collab-action-${(h >>> 0).toString(36)}${recordKey.length.toString(36)}`;
}

/**
 * Makes the action item's Jira issue once, even when an earlier attempt died after Jira made the issue but
 * before its key was recorded: the intent is written first, the issue carries the item's label, and a later
 * attempt that finds the intent adopts the labelled issue instead of making another. Run under the item's lease.
 */
export async function makeActionIssueOnce(
  deps: Deps,
  recordKey: string,
  draft: JiraIssueDraft,
): Promise<{ id: string; key: string }> {
  const intentKey = KEY.actionIssueIntent(recordKey);
  const label = actionIssueLabel(recordKey);
  const now = deps.clock.now();
  const previous = await deps.store.get<IssueIntent>(intentKey);
  if (previous) {
    if (now - previous.at < SEARCH_LAG_MS) throw new AppError('CONFLICT', 'project.action.issueUnderWay');
    const found = await deps.jira.searchIssues('app', `labels = "${label}" ORDER BY created ASC`, { maxResults: 1 });
    if (found.issues[0]) return { id: found.issues[0].id, key: found.issues[0].key };
    await deps.store.delete(intentKey);
  }
  if (!(await deps.store.setIfAbsent(intentKey, { label, at: now } satisfies IssueIntent, INTENT_TTL_SECONDS)))
    throw new AppError('CONFLICT', 'project.action.issueUnderWay');
  try {
    return await deps.jira.createIssue('user', { ...draft, labels: [...(draft.labels ?? []), label] });
  } catch (e) {
    // Jira answered that it made nothing (throttled, refused): the next click may ask again at once. Anything
    // else (a 5xx, no answer) may have made the issue: the intent stays, and the next attempt looks it up.
    if (isAppError(e) && NOTHING_MADE.has(e.code)) await deps.store.delete(intentKey).catch(() => undefined);
    throw e;
  }
}

const NOTHING_MADE = new Set(['RATE_LIMITED', 'VALIDATION', 'FORBIDDEN', 'NOT_FOUND']);

/** Once the issue's key is on the action item the intent has done its work. */
export async function forgetActionIssueIntent(deps: Deps, recordKey: string): Promise<void> {
  await deps.store
    .delete(KEY.actionIssueIntent(recordKey))
    .catch((e: unknown) => deps.log.warn('action issue intent not removed', { recordKey, error: String(e) }));
}

import { isEscalationOpen, type Authority, type EscalationRecord } from '../../domain/escalations/escalation';
import { holdersOf, levelHeldBy } from '../../domain/escalations/ladder';
import type { Deps, EscalationFieldUpdate, JiraIssue, TransactionOp } from '../kernel/ports';
import { ENTITY, INDEX, MAX_TRANSACTION_OPS } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import { readAsUser } from '../kernel/visibility';
import type { LadderContext } from './escalation-settings';

export function authorityOf(
  rec: EscalationRecord,
  accountId: string | null,
  lc: LadderContext,
  automation = false,
  projectAdmin = false,
): Authority {
  return {
    accountId,
    holds: levelHeldBy(rec, accountId, lc),
    raiser: !!accountId && rec.raisedBy === accountId,
    automation,
    projectAdmin,
  };
}

/**
 * Every escalation of an issue, newest first: one index query (a hundred a page). Index queries are eventually
 * consistent, so the record this invocation has just written (`written`) is put in as written, not as the
 * index may still show it (or leave it out).
 */
export async function readIssueEscalations(
  deps: Deps,
  issueId: string,
  written?: EscalationRecord,
): Promise<EscalationRecord[]> {
  const found = await readAll<EscalationRecord>(deps, {
    entity: ENTITY.escalation,
    index: INDEX.escalationByIssue,
    partition: [issueId],
    sort: 'DESC',
  });
  if (!written || written.issueId !== issueId) return found;
  const at = found.findIndex((e) => e.id === written.id);
  if (at >= 0) return found.map((e, i) => (i === at ? written : e));
  return [written, ...found];
}

/**
 * What the issue's escalation fields show: the highest open level and that escalation's state ('breached' once
 * past the top limit), who holds the current level of any open escalation, and who raised any of them.
 */
export function issueEscalationFields(
  all: readonly EscalationRecord[],
  lc: LadderContext,
): Required<Omit<EscalationFieldUpdate, 'issueIds'>> {
  const open = all.filter((e) => isEscalationOpen(e.status));
  const top = [...open].sort((a, b) => b.level - a.level || Number(b.breached) - Number(a.breached))[0];
  return {
    level: top ? top.level : null,
    state: top ? (top.breached ? 'breached' : top.status) : null,
    holders: [...new Set(open.flatMap((e) => holdersOf(e, e.level, lc)))],
    raisers: [...new Set(all.map((e) => e.raisedBy).filter((id) => !!id))],
  };
}

/** Writes audit operations in transactions of at most 25. */
export async function writeAudit(deps: Deps, ops: TransactionOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += MAX_TRANSACTION_OPS)
    await deps.store.transact(ops.slice(i, i + MAX_TRANSACTION_OPS));
}

export async function readIssueForUser(deps: Deps, issueKey: string): Promise<JiraIssue> {
  return readAsUser(
    'issue',
    () => deps.jira.getIssue('user', issueKey),
    () => deps.jira.getIssue('app', issueKey),
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * The issue's escalation people fields catch up with its records when they drifted (the directory or the ladder
 * changed who holds a level since the last escalation change, or the issue's escalations predate the fields).
 * One write as the app, only when they differ; a failure leaves them for the next change. The issue panel calls
 * it as it opens, so a stale field heals the first time someone looks at the issue.
 */
export async function repairPeopleFields(
  deps: Deps,
  issue: JiraIssue,
  records: readonly EscalationRecord[],
  lc: LadderContext,
): Promise<void> {
  const shown = issue.escalationPeople;
  if (!shown) return;
  const { holders, raisers } = issueEscalationFields(records, lc);
  const update = {
    ...(sameSet(holders, shown.holders) ? {} : { holders }),
    ...(sameSet(raisers, shown.raisers) ? {} : { raisers }),
  };
  if (Object.keys(update).length === 0) return;
  try {
    await deps.jira.setEscalationFields([{ issueIds: [issue.id], ...update }]);
  } catch (e) {
    deps.log.warn('escalation people fields not repaired', { issueId: issue.id, error: String(e) });
  }
}

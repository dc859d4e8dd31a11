import { NEVER, type EscalationRecord } from '../../domain/escalations/escalation';
import { noticeRecipients } from '../../domain/escalations/ladder';
import type { Deps, JiraIssue, TransactionOp } from '../kernel/ports';
import { auditOp } from '../kernel/audit';
import { escapeHtml, inEveryLanguage } from '../kernel/notifications';
import type { LadderContext } from './escalation-settings';
import { issueEscalationFields, readIssueEscalations, writeAudit } from './escalation-records';

/** After a write: the issue's escalation fields follow the issue's escalations, and the new level's holders hear. */
export async function afterChange(
  deps: Deps,
  issue: Pick<JiraIssue, 'id' | 'key' | 'summary'>,
  rec: EscalationRecord,
  lc: LadderContext,
  notifyKind: 'raised' | 'climbed' | 'breached' | null,
): Promise<void> {
  try {
    const all = await readIssueEscalations(deps, rec.issueId, rec);
    await deps.jira.setEscalationFields([{ issueIds: [rec.issueId], ...issueEscalationFields(all, lc) }]);
  } catch (e) {
    // The record is written; the fields catch up at the next change. Never fail the user's action for it.
    deps.log.warn('escalation fields not updated', { issueId: rec.issueId, error: String(e) });
  }
  if (notifyKind) {
    const op = await sendLevelNotice(deps, issue, rec, lc, notifyKind);
    if (op) await writeAudit(deps, [op]);
  }
}

/**
 * One email to the holders of the escalation's current level. Returns the audit operation that records it
 * (written by the caller, batched where many go out), or null when nobody holds the level or Jira refused.
 */
export async function sendLevelNotice(
  deps: Deps,
  issue: Pick<JiraIssue, 'key' | 'summary'>,
  rec: EscalationRecord,
  lc: LadderContext,
  kind: 'raised' | 'climbed' | 'breached',
): Promise<TransactionOp | null> {
  const to = noticeRecipients(rec, kind, lc);
  if (to.length === 0) return null;
  const params = {
    key: issue.key,
    summary: issue.summary,
    level: rec.level,
    description: rec.description,
    impact: rec.impact || '-',
    support: rec.supportNeeded || '-',
    due: rec.dueAt >= NEVER ? '-' : `${new Date(rec.dueAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
  const texts = inEveryLanguage('notify.escalation.body', params);
  try {
    await deps.jira.notify('app', issue.key, {
      subject: inEveryLanguage(`notify.escalation.${kind}.subject`, params).join(' / '),
      textBody: texts.join('\n\n'),
      htmlBody: texts.map((t) => `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`).join(''),
      toAccountIds: to,
    });
  } catch (e) {
    deps.log.warn('escalation notification failed', { id: rec.id, error: String(e) });
    return null;
  }
  return auditOp(
    {
      subjectId: rec.id,
      at: deps.clock.now(),
      kind: 'escalation.notified',
      actorId: null,
      detail: { level: rec.level, to, reason: kind },
    },
    `n${rec.version}`,
  );
}

import { NEVER, type EscalationRecord } from '../../domain/escalations/escalation';
import { noticeRecipients } from '../../domain/escalations/ladder';
import type { Deps, EscalationFieldUpdate, JiraIssue, JiraNotification } from '../kernel/ports';
import { auditOp } from '../kernel/audit';
import { escapeHtml, inEveryLanguage } from '../kernel/notifications';
import type { Effect, EffectHandlers } from '../kernel/outbox';
import { ENTITY } from '../kernel/storage-keys';
import { readLadderContext, type LadderContext } from './escalation-settings';
import { issueEscalationFields, readIssueEscalations } from './escalation-records';

/** The outbox kinds of the escalation feature. */
export const ESCALATION_EFFECT = {
  notice: 'escalation.notice',
  fields: 'escalation.fields',
} as const;

export type NoticeKind = 'raised' | 'climbed' | 'breached';

/**
 * The effects that follow a change of escalations: the issues' escalation fields (one per issue) and, where a
 * level was reached, one e-mail to its holders. Ids are the idempotency keys: one per record version.
 */
export function escalationEffects(
  changes: ReadonlyArray<{
    rec: EscalationRecord;
    notice: NoticeKind | null;
    issue?: Pick<JiraIssue, 'key' | 'summary'>;
  }>,
  lc: LadderContext,
): Effect[] {
  const effects: Effect[] = [];
  const byIssue = new Map<string, string[]>();
  let versions = '';
  for (const { rec, notice, issue } of changes) {
    byIssue.set(rec.issueId, [...(byIssue.get(rec.issueId) ?? []), rec.id]);
    versions += `${rec.id}.${rec.version};`;
    if (!notice) continue;
    const n = levelNotice(issue ?? { key: rec.issueKey, summary: rec.summary }, rec, lc, notice);
    if (n)
      effects.push({
        id: `esc-notice:${rec.id}:v${rec.version}`,
        kind: ESCALATION_EFFECT.notice,
        payload: {
          escalationId: rec.id,
          issueKey: issue?.key ?? rec.issueKey,
          notification: n,
          audit: { level: rec.level, to: n.toAccountIds, reason: notice, version: rec.version },
        },
      });
  }
  const projectKey = changes[0]?.rec.projectKey;
  // One effect for every issue of the change: one ladder read and ONE Jira request set all their fields.
  if (projectKey)
    effects.push({
      id: `esc-fields:${projectKey}:${shortHash(versions)}`,
      kind: ESCALATION_EFFECT.fields,
      payload: { projectKey, issues: [...byIssue].map(([issueId, touched]) => ({ issueId, touched })) },
    });
  return effects;
}

/** A short stable digest, so an id names the exact set of record versions it follows. */
function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `${(h >>> 0).toString(36)}${text.length.toString(36)}`;
}

/** One e-mail to the holders of the escalation's current level; null when nobody holds it. */
function levelNotice(
  issue: Pick<JiraIssue, 'key' | 'summary'>,
  rec: EscalationRecord,
  lc: LadderContext,
  kind: NoticeKind,
): JiraNotification | null {
  // The new level's holders; an urgent escalation also reaches level 2 when it is raised.
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
  return {
    subject: inEveryLanguage(`notify.escalation.${kind}.subject`, params).join(' / '),
    textBody: texts.join('\n\n'),
    htmlBody: texts.map((t) => `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`).join(''),
    toAccountIds: to,
  };
}

interface NoticePayload {
  escalationId: string;
  issueKey: string;
  notification: JiraNotification;
  audit: { level: number; to: string[]; reason: NoticeKind; version: number };
}

interface FieldsPayload {
  projectKey: string;
  issues: Array<{ issueId: string; touched: string[] }>;
}

/**
 * How the outbox delivers the escalation effects. The e-mail is not repeatable (a second one is what users
 * complain of); the fields are: they are recomputed from the records each time, the records just written read
 * by key (current) over the index query (which may lag).
 */
export const escalationEffectHandlers: EffectHandlers = {
  [ESCALATION_EFFECT.notice]: {
    repeatable: false,
    async deliver(deps, raw) {
      const p = raw as unknown as NoticePayload;
      await deps.jira.notify('app', p.issueKey, p.notification);
      return [
        auditOp(
          {
            subjectId: p.escalationId,
            at: deps.clock.now(),
            kind: 'escalation.notified',
            actorId: null,
            detail: { level: p.audit.level, to: p.audit.to, reason: p.audit.reason },
          },
          `n${p.audit.version}`,
        ),
      ];
    },
  },
  [ESCALATION_EFFECT.fields]: {
    repeatable: true,
    async deliver(deps, raw) {
      const p = raw as unknown as FieldsPayload;
      await syncEscalationFields(deps, p.projectKey, p.issues);
      return [];
    },
  },
};

/** Sets the issues' escalation fields to what their escalations say now, in one Jira request. */
export async function syncEscalationFields(
  deps: Deps,
  projectKey: string,
  issues: ReadonlyArray<{ issueId: string; touched: readonly string[] }>,
  lc?: LadderContext,
): Promise<void> {
  const touched = issues.flatMap((i) => i.touched);
  const [listed, current, ladder] = await Promise.all([
    Promise.all(issues.map((i) => readIssueEscalations(deps, i.issueId))),
    deps.store.getMany(touched.map((key) => ({ key, entity: ENTITY.escalation }))) as Promise<
      Array<EscalationRecord | undefined>
    >,
    lc ? Promise.resolve(lc) : readLadderContext(deps, projectKey),
  ]);
  const fresh = new Map(current.filter((r): r is EscalationRecord => !!r).map((r) => [r.id, r]));
  const updates: EscalationFieldUpdate[] = issues.map((issue, i) => {
    const byId = new Map(listed[i]!.map((e) => [e.id, e]));
    // A record just written is read by key (current); the index query may not show it yet.
    for (const id of issue.touched) {
      const rec = fresh.get(id);
      if (rec && (byId.get(id)?.version ?? 0) <= rec.version) byId.set(id, rec);
    }
    return { issueIds: [issue.issueId], ...issueEscalationFields([...byId.values()], ladder) };
  });
  await deps.jira.setEscalationFields(updates);
}

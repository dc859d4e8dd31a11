import { raciFindings, type RaciAssignment } from './raci';

/**
 * RACI in the workflow (docs/domain.md practice 1): work is not closed without someone who answers for it and
 * someone who did it, and the people around the work hear of it once, when it concerns them: the Informed on
 * every status change, the Consulted when they are asked in.
 */

/** What keeps a transition from going ahead: the gaps that make a RACI incomplete. */
export type RaciGap = 'NO_ACCOUNTABLE' | 'NO_RESPONSIBLE';

export function raciGaps(raci: RaciAssignment): RaciGap[] {
  return raciFindings(raci).filter((f): f is RaciGap => f === 'NO_ACCOUNTABLE' || f === 'NO_RESPONSIBLE');
}

/** One item of an issue's changelog, as Jira reports it with `avi:jira:updated:issue`. */
export interface ChangelogItem {
  field: string;
  fieldId?: string | undefined;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/**
 * Account ids in a changelog value of a user field: one id, or several separated by commas, possibly in
 * brackets (`[a, b]`), depending on the field. Account ids never contain commas, brackets or spaces.
 */
export function accountIdsIn(value: string | null): string[] {
  if (!value) return [];
  return value.split(/[\s,[\]]+/).filter((s) => s !== '');
}

export interface NotificationPlan {
  /** The status change the Informed hear of, and who they are; null when the status did not change or nobody is to hear. */
  status: { from: string; to: string; recipients: string[] } | null;
  /** People added as Consulted by this change who still are, to be asked in. */
  consulted: string[];
}

/**
 * Who hears of one change, and of what. The person who made the change never hears of it; someone added as
 * Consulted by the very change that moved the status hears once (the Consulted note names the status), so
 * each person gets at most one notification per change. Recipients are today's RACI, not the event's copy:
 * someone removed again before the event arrived is not notified.
 */
export function planRaciNotifications(input: {
  items: readonly ChangelogItem[];
  consultedFieldId: string | undefined;
  raci: RaciAssignment;
  actorId: string | null;
}): NotificationPlan {
  const { items, consultedFieldId, raci, actorId } = input;
  const notActor = (id: string): boolean => id !== actorId;

  const consultedItem = consultedFieldId ? items.find((i) => i.fieldId === consultedFieldId) : undefined;
  let consulted: string[] = [];
  if (consultedItem) {
    const before = new Set(accountIdsIn(consultedItem.from));
    const now = new Set(raci.consulted);
    consulted = [...new Set(accountIdsIn(consultedItem.to))].filter(
      (id) => !before.has(id) && now.has(id) && notActor(id),
    );
  }

  const statusItem = items.find((i) => (i.fieldId ?? i.field) === 'status');
  let status: NotificationPlan['status'] = null;
  if (statusItem && statusItem.from !== statusItem.to) {
    const asked = new Set(consulted);
    const recipients = [...new Set(raci.informed)].filter((id) => notActor(id) && !asked.has(id));
    if (recipients.length > 0) {
      status = {
        from: statusItem.fromString ?? statusItem.from ?? '',
        to: statusItem.toString ?? statusItem.to ?? '',
        recipients,
      };
    }
  }
  return { status, consulted };
}

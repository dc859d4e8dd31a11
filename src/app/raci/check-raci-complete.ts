import { z } from 'zod';
import { formatMessage, toLocale, type MessageId } from '../../contract';
import type { RaciAssignment } from '../../domain/raci/raci';
import { raciGaps, type RaciGap } from '../../domain/raci/raci-workflow';
import type { Deps, RaciFieldIds } from '../kernel/ports';
import { inEveryLanguage } from '../kernel/notifications';

/** What Jira's workflow validator expects back: whether the transition may go ahead, and why not. */
export type ValidatorVerdict = { result: true } | { result: false; errorMessage: string };

export interface RaciCheckInput {
  issueKey: string;
  /** Who makes the transition, from the Forge context; null when the platform does not say. */
  actorAccountId: string | null;
  /** Fields set on the transition itself (its screen or the REST request), by field id, as Jira passes them. */
  modifiedFields: Record<string, unknown>;
}

const UserRef = z.object({ accountId: z.string().min(1) });
const UserRefs = z.array(UserRef);

/**
 * The Accountable and Responsible as the transition leaves them: a value set on the transition wins over the
 * stored one (Jira runs validators before it saves those fields); an emptied field arrives as `null`.
 */
export function withTransitionChanges(
  raci: RaciAssignment,
  modifiedFields: Record<string, unknown>,
  ids: RaciFieldIds,
): RaciAssignment {
  const next = { ...raci };
  if (ids.accountable && Object.hasOwn(modifiedFields, ids.accountable)) {
    const v = UserRef.safeParse(modifiedFields[ids.accountable]);
    next.accountable = v.success ? v.data.accountId : null;
  }
  if (ids.responsible && Object.hasOwn(modifiedFields, ids.responsible)) {
    const v = UserRefs.safeParse(modifiedFields[ids.responsible]);
    next.responsible = v.success ? v.data.map((u) => u.accountId) : [];
  }
  return next;
}

const REFUSAL: Record<string, MessageId> = {
  NO_ACCOUNTABLE: 'workflow.raci.noAccountable',
  NO_RESPONSIBLE: 'workflow.raci.noResponsible',
  'NO_ACCOUNTABLE,NO_RESPONSIBLE': 'workflow.raci.noAccountableNoResponsible',
};

/** The refusal naming exactly what is missing. */
export function refusalFor(gaps: readonly RaciGap[]): MessageId {
  const id = REFUSAL[[...gaps].sort().join(',')];
  if (!id) throw new Error(`no refusal message for ${gaps.join(', ')}`);
  return id;
}

/**
 * The "RACI complete" workflow validator: a transition goes ahead only when the issue has an Accountable and
 * at least one Responsible (docs/domain.md practice 1). One Jira read when it passes; a refusal reads the acting
 * person's Jira language too, so the message is theirs, and falls back to every language when Jira does not
 * tell (privacy settings, or no acting user in the context).
 */
export async function checkRaciComplete(deps: Deps, input: RaciCheckInput): Promise<ValidatorVerdict> {
  const issue = await deps.jira.getIssue('app', input.issueKey);
  const changed = Object.keys(input.modifiedFields).length > 0;
  const raci = changed
    ? withTransitionChanges(issue.raci, input.modifiedFields, await deps.jira.raciFieldIds())
    : issue.raci;
  const gaps = raciGaps(raci);
  if (gaps.length === 0) return { result: true };
  const id = refusalFor(gaps);
  let locale: string | null = null;
  if (input.actorAccountId) {
    try {
      locale = await deps.jira.getUserLocale('app', input.actorAccountId);
    } catch (e) {
      deps.log.warn('raci validator: the acting user’s language is unknown', {
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return {
    result: false,
    errorMessage: locale ? formatMessage(id, toLocale(locale)) : inEveryLanguage(id).join(' / '),
  };
}

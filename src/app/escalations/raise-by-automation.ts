import { toLocale, type AutomationRaiseInput, type Locale } from '../../contract';
import type { EscalationRecord } from '../../domain/escalations/escalation';
import type { Deps } from '../kernel/ports';
import { raise } from './escalations';

/** A new escalation's id: time-ordered, with a random tail so two raised in the same millisecond differ. */
export function newEscalationId(now: number): string {
  return `esc-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Jira Automation "Raise escalation": the issue is read as the rule's actor (Automation runs the action as
 * them), so an issue they may not see is NOT_FOUND, and it is raised at level 1 with their name on it.
 */
export async function raiseByAutomation(
  deps: Deps,
  accountId: string | null,
  input: AutomationRaiseInput,
): Promise<EscalationRecord> {
  const issue = await deps.jira.getIssue('user', input.issueKey);
  return raise(deps, {
    source: 'automation',
    accountId,
    issue,
    id: newEscalationId(deps.clock.now()),
    input: {
      description: input.description,
      impact: input.impact ?? '',
      supportNeeded: input.supportNeeded ?? '',
      departmentAsked: input.departmentAsked,
      deadline: null,
      dependencyId: null,
    },
  });
}

/**
 * The language to tell a rule's actor why the action failed in (Automation shows it in the rule's audit log):
 * the invocation's locale when Forge gives one, else the actor's Jira language, else English. Asked only when
 * something failed, so a successful action costs no extra call.
 */
export async function automationActorLocale(
  deps: Deps,
  actor: { accountId: string | null; locale: string | null },
): Promise<Locale> {
  if (actor.locale) return toLocale(actor.locale);
  if (!actor.accountId) return 'en';
  try {
    return toLocale(await deps.jira.getUserLocale('app', actor.accountId));
  } catch (e) {
    deps.log.warn('automation: the actor’s language is unknown', { error: e instanceof Error ? e.message : String(e) });
    return 'en';
  }
}

import { z } from 'zod';
import { AutomationClimbInputSchema, AutomationRaiseInputSchema, toLocale } from '../contract';
import type { Deps } from '../app/kernel/ports';
import { climbByAutomation, raise } from '../app/escalations/escalations';
import { toErrorBody } from './envelope';
import { productionDeps } from './deps';

/** What Forge hands an Automation action's function besides the inputs: the rule's actor. */
const ActionContextSchema = z.object({ principal: z.object({ accountId: z.string() }).optional(), locale: z.string().optional() }).passthrough();

/** Automation shows `errors[].message` in the rule's audit log and stops the rule. */
export type ActionResult = { errors: Array<{ message: string }> } | { escalationId: string; level: number };

async function runAction<S extends z.ZodType>(deps: Deps, schema: S, payload: unknown, context: unknown, act: (input: z.output<S>, accountId: string | null) => Promise<{ id: string; level: number }>): Promise<ActionResult> {
  const ctx = ActionContextSchema.safeParse(context ?? {});
  const locale = toLocale(ctx.success ? ctx.data.locale : undefined);
  const input = schema.safeParse(payload ?? {});
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return { errors: [{ message: `${issue.path.join('.') || 'input'}: ${issue.message}` }] };
  }
  try {
    const rec = await act(input.data, ctx.success ? (ctx.data.principal?.accountId ?? null) : null);
    return { escalationId: rec.id, level: rec.level };
  } catch (e) {
    return { errors: [{ message: toErrorBody(e, locale, deps.log).message }] };
  }
}

export function handleAutomationRaise(deps: Deps, payload: unknown, context: unknown): Promise<ActionResult> {
  return runAction(deps, AutomationRaiseInputSchema, payload, context, async (input, accountId) => {
    // Automation runs the action as the rule's actor: the issue is read with their permissions.
    const issue = await deps.jira.getIssue('user', input.issueKey);
    return raise(deps, {
      source: 'automation',
      accountId,
      issue,
      id: `esc-${deps.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      input: {
        description: input.description,
        impact: input.impact ?? '',
        supportNeeded: input.supportNeeded ?? '',
        departmentAsked: input.departmentAsked,
        deadline: null,
        dependencyId: null,
      },
    });
  });
}

export function handleAutomationClimb(deps: Deps, payload: unknown, context: unknown): Promise<ActionResult> {
  return runAction(deps, AutomationClimbInputSchema, payload, context, (input, accountId) => climbByAutomation(deps, accountId, input.issueKey, input.note ?? ''));
}

/** `action` module `raise-escalation` (Jira Automation "THEN: Raise a cross-department escalation"). */
export const automationRaiseEscalation = (payload: unknown, context: unknown) => handleAutomationRaise(productionDeps(), payload, context);
/** `action` module `climb-escalation` (Jira Automation "THEN: Climb a cross-department escalation"). */
export const automationClimbEscalation = (payload: unknown, context: unknown) => handleAutomationClimb(productionDeps(), payload, context);

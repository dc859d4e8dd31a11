import { z } from 'zod';
import { AutomationClimbInputSchema, AutomationRaiseInputSchema, validationErrorBody, type Locale } from '../contract';
import type { Deps } from '../app/kernel/ports';
import { climbByAutomation } from '../app/escalations/escalations';
import { automationActorLocale, raiseByAutomation } from '../app/escalations/raise-by-automation';
import { toErrorBody } from './envelope';
import { productionDeps } from './deps';

/** What Forge hands an Automation action's function besides the inputs: the rule's actor. */
const ActionContextSchema = z
  .object({ principal: z.object({ accountId: z.string() }).optional(), locale: z.string().optional() })
  .passthrough();

/** Automation shows `errors[].message` in the rule's audit log and stops the rule. */
export type ActionResult = { errors: Array<{ message: string }> } | { escalationId: string; level: number };

async function runAction<S extends z.ZodType>(
  deps: Deps,
  schema: S,
  payload: unknown,
  context: unknown,
  act: (input: z.output<S>, accountId: string | null) => Promise<{ id: string; level: number }>,
): Promise<ActionResult> {
  const ctx = ActionContextSchema.safeParse(context ?? {});
  const actor = {
    accountId: ctx.success ? (ctx.data.principal?.accountId ?? null) : null,
    locale: ctx.success ? (ctx.data.locale ?? null) : null,
  };
  const failed = async (message: (locale: Locale) => string): Promise<ActionResult> => ({
    errors: [{ message: message(await automationActorLocale(deps, actor)) }],
  });
  const input = schema.safeParse(payload ?? {});
  if (!input.success) return failed((locale) => validationErrorBody(input.error, locale).message);
  try {
    const rec = await act(input.data, actor.accountId);
    return { escalationId: rec.id, level: rec.level };
  } catch (e) {
    return failed((locale) => toErrorBody(e, locale, deps.log).message);
  }
}

export function handleAutomationRaise(deps: Deps, payload: unknown, context: unknown): Promise<ActionResult> {
  return runAction(deps, AutomationRaiseInputSchema, payload, context, (input, accountId) =>
    raiseByAutomation(deps, accountId, input),
  );
}

export function handleAutomationClimb(deps: Deps, payload: unknown, context: unknown): Promise<ActionResult> {
  return runAction(deps, AutomationClimbInputSchema, payload, context, (input, accountId) =>
    climbByAutomation(deps, accountId, input.issueKey, input.note ?? ''),
  );
}

/** `action` module `raise-escalation` (Jira Automation "THEN: Raise a cross-department escalation"). */
export const automationRaiseEscalation = (payload: unknown, context: unknown) =>
  handleAutomationRaise(productionDeps(), payload, context);
/** `action` module `climb-escalation` (Jira Automation "THEN: Climb a cross-department escalation"). */
export const automationClimbEscalation = (payload: unknown, context: unknown) =>
  handleAutomationClimb(productionDeps(), payload, context);

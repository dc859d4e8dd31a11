import { z } from 'zod';
import type { Deps } from '../app/kernel/ports';
import { checkRaciComplete, type ValidatorVerdict } from '../app/raci/check-raci-complete';
import { inEveryLanguage } from '../app/kernel/notifications';
import { productionDeps } from './deps';

/**
 * What Jira passes a function validator: the issue key, the rule's configuration and the transition, with the
 * fields changed on it. Only what the rule reads is required.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#validating-with-lambda-functions
 */
export const ValidatorPayloadSchema = z
  .object({
    issue: z.object({ key: z.string().min(1) }).passthrough(),
    transition: z
      .object({ modifiedFields: z.record(z.string(), z.unknown()).nullish() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** The invocation context every Forge function gets; the acting person, if the platform names one, is `principal`. */
const FunctionContextSchema = z
  .object({ principal: z.object({ accountId: z.string().min(1) }).nullish() })
  .passthrough();

/**
 * Glue for the `raci-complete` validator. A validator guards the workflow, so anything it cannot check (an
 * unexpected payload, Jira not answering) refuses the transition with a message saying to try again, in every
 * language, since the person's language is unknown then.
 */
export async function handleRaciCompleteValidator(
  deps: Deps,
  payload: unknown,
  context: unknown,
): Promise<ValidatorVerdict> {
  const unavailable: ValidatorVerdict = {
    result: false,
    errorMessage: inEveryLanguage('workflow.raci.unavailable').join(' / '),
  };
  const parsed = ValidatorPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    deps.log.warn('raci validator: unexpected payload', { problem: parsed.error.issues[0]?.message });
    return unavailable;
  }
  const ctx = FunctionContextSchema.safeParse(context ?? {});
  try {
    return await checkRaciComplete(deps, {
      issueKey: parsed.data.issue.key,
      actorAccountId: ctx.success ? (ctx.data.principal?.accountId ?? null) : null,
      modifiedFields: parsed.data.transition?.modifiedFields ?? {},
    });
  } catch (e) {
    deps.log.error('raci validator: check failed', {
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
    return unavailable;
  }
}

/** `jira:workflowValidator` module `raci-complete` (function `raci-complete-fn`). */
export const validateRaciComplete = (payload: unknown, context: unknown) =>
  handleRaciCompleteValidator(productionDeps(), payload, context);

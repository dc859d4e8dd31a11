import { z } from 'zod';

/**
 * Time limits (issue 15): a number and the unit it counts in, chosen by a department (the admin page's calendar
 * settings) or a project (its escalation ladder), per urgency tier. docs/domain.md "Deadlines" says what each
 * unit means; `src/domain/shared/limits.ts` does the arithmetic.
 */

/**
 * `workdayHours`: hours that pass only on the department's working days, at any hour of those days (24 of them
 * make a working day: Friday 17:00 + 24 → Monday 17:00); the documents' "24小时内响应" and the default.
 * `clockHours`: every hour of every day. `workingHours`: only inside the working hours (09:00-18:00 less lunch).
 */
export const LIMIT_UNITS = ['workdayHours', 'clockHours', 'workingHours'] as const;
export const LimitUnitSchema = z.enum(LIMIT_UNITS);
export type LimitUnit = z.infer<typeof LimitUnitSchema>;

export const LimitSchema = z.object({
  amount: z.number().int().min(1).max(720),
  unit: LimitUnitSchema,
});
export type Limit = z.infer<typeof LimitSchema>;

/** 日常 / 重要 / 紧急 (seed 001: 日常事项, 重要事项, 紧急事项). */
export const URGENCY_TIERS = ['routine', 'important', 'urgent'] as const;
export const UrgencySchema = z.enum(URGENCY_TIERS);
export type Urgency = z.infer<typeof UrgencySchema>;

/** 紧急 counts clock hours every day: an urgent limit is never paused by a weekend or a holiday. */
export const URGENT_UNIT_NAME = 'clockHours' satisfies LimitUnit;

export const TierLimitsSchema = z
  .object({ routine: LimitSchema, important: LimitSchema, urgent: LimitSchema })
  .superRefine((t, ctx) => {
    if (t.urgent.unit !== URGENT_UNIT_NAME)
      ctx.addIssue({
        code: 'custom',
        path: ['urgent', 'unit'],
        message: 'urgent limits count clock hours',
        params: { messageId: 'validation.detail.urgentClock' },
      });
  });
export type TierLimits = z.infer<typeof TierLimitsSchema>;

/**
 * The site's limits for dependencies, per tier: the answer to a request (需求传递后24小时内响应) and the
 * requesting side's approval of a delivery (审批环节48小时内完成). A department's own response time (its entry in
 * the directory) replaces the routine response amount for requests to it.
 */
export const DependencyLimitsSchema = z.object({ response: TierLimitsSchema, approval: TierLimitsSchema });
export type DependencyLimits = z.infer<typeof DependencyLimitsSchema>;

/**
 * One tier of a project's escalation ladder: the end-to-end limit from raising to decision, split across the
 * three levels (24 / 12 / 12 makes 48), all in one unit. A level's deadline is the sum of its share and the
 * shares before it, counted from the raising: climbing early does not lengthen the whole.
 */
export const EscalationTierSchema = z.object({
  unit: LimitUnitSchema,
  levelHours: z.tuple([
    z.number().int().min(1).max(720),
    z.number().int().min(1).max(720),
    z.number().int().min(1).max(720),
  ]),
});
export type EscalationTier = z.infer<typeof EscalationTierSchema>;

export const EscalationTiersSchema = z.object({
  routine: EscalationTierSchema,
  important: EscalationTierSchema,
  urgent: EscalationTierSchema,
});
export type EscalationTiers = z.infer<typeof EscalationTiersSchema>;

import type {
  CalendarSettings,
  DependencyLimits,
  EscalationTier,
  EscalationTiers,
  Limit,
  LimitUnit,
  Urgency,
  WorkingCalendar,
} from '../../contract';
import { addWorkdayHours, addWorkingHours } from './calendar';

/**
 * Time limits (docs/domain.md "Deadlines"): a number of hours and the unit they count in, per urgency tier. The
 * one place that turns a limit into a deadline, so the panel, the sweep and the figures agree on what "in
 * time" means. Pure: instants in, instants out.
 */

const HOUR = 3_600_000;

/** The instant `limit` runs out when it starts at `from`, counted in `calendar` (the department's working days). */
export function addLimit(from: number, limit: Limit, calendar: WorkingCalendar): number {
  switch (limit.unit) {
    case 'clockHours':
      return from + limit.amount * HOUR;
    case 'workdayHours':
      return addWorkdayHours(from, limit.amount, calendar);
    case 'workingHours':
      return addWorkingHours(from, limit.amount, calendar);
  }
}

/** The unit an unlabelled number of hours is read in: hours on the department's working days. */
export const DEFAULT_LIMIT_UNIT: LimitUnit = 'workdayHours';

/**
 * The site's dependency limits before an admin chooses: the documents' 24 h to answer (需求传递后24小时内响应)
 * and 48 h to approve (审批环节48小时内完成) for routine requests, shorter for important ones, and clock hours
 * for urgent ones (seed 002: an urgent problem such as a customer complaint is settled within 24 hours, weekends
 * included).
 */
export const DEFAULT_DEPENDENCY_LIMITS: DependencyLimits = {
  response: {
    routine: { amount: 24, unit: 'workdayHours' },
    important: { amount: 8, unit: 'workdayHours' },
    urgent: { amount: 2, unit: 'clockHours' },
  },
  approval: {
    routine: { amount: 48, unit: 'workdayHours' },
    important: { amount: 24, unit: 'workdayHours' },
    urgent: { amount: 4, unit: 'clockHours' },
  },
};

/**
 * A project's escalation limits before its admin chooses: raising to decision within 48 h on working days
 * (48小时内解决跨部门突发冲突), split 24 / 12 / 12 over interface persons, heads and the PMO; important ones
 * within 24 h; urgent ones within 24 clock hours, weekends and holidays included.
 */
export const DEFAULT_ESCALATION_TIERS: EscalationTiers = {
  routine: { unit: 'workdayHours', levelHours: [24, 12, 12] },
  important: { unit: 'workdayHours', levelHours: [12, 6, 6] },
  urgent: { unit: 'clockHours', levelHours: [12, 6, 6] },
};

/**
 * The response limit of a request to a department: its own response time (the directory's number, when it
 * has one) for routine requests, in the unit the site chose; the site's tier limit for important and urgent ones.
 */
export function responseLimit(limits: DependencyLimits, urgency: Urgency, departmentHours?: number): Limit {
  const tier = limits.response[urgency];
  return urgency === 'routine' && departmentHours ? { amount: departmentHours, unit: tier.unit } : tier;
}

/** The site's dependency limits: what the admin saved, or the defaults on settings saved before issue 15. */
export function dependencyLimitsOf(settings: Pick<CalendarSettings, 'limits'> | undefined): DependencyLimits {
  return settings?.limits ?? structuredClone(DEFAULT_DEPENDENCY_LIMITS);
}

export function approvalLimit(limits: DependencyLimits, urgency: Urgency): Limit {
  return limits.approval[urgency];
}

/** A tier's end-to-end limit: the sum of its levels' shares. */
export function endToEndLimit(tier: EscalationTier): Limit {
  return { amount: tier.levelHours[0] + tier.levelHours[1] + tier.levelHours[2], unit: tier.unit };
}

/** The limit from raising to the end of `level` (1-3): that level's share and the shares before it. */
export function limitThroughLevel(tier: EscalationTier, level: 1 | 2 | 3): Limit {
  return { amount: tier.levelHours.slice(0, level).reduce((a, b) => a + b, 0), unit: tier.unit };
}

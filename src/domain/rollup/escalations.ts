import type { EscalationContribution } from '../escalations/escalation';
import { change, type Delta, type ProjectRollup, type Tree } from './core';
import { setOwn } from '../shared/dictionary';

// What an escalation contributes to its project's rollup (the contribution itself is the escalation's to say).

function escalationDelta(c: EscalationContribution): Delta {
  const openByVersion: Tree = {};
  if (c.open) for (const v of new Set(c.versionIds ?? [])) setOwn(openByVersion, v, 1);
  return {
    escalations: {
      open: c.open ? 1 : 0,
      openByLevel: c.open && c.level ? { [String(c.level)]: 1 } : {},
      openByVersion,
      resolved: c.resolvedInTime === undefined ? {} : { hit: c.resolvedInTime ? 1 : 0, total: 1 },
      acknowledgeTime: c.acknowledgeMs === undefined ? {} : { ms: c.acknowledgeMs, count: 1 },
      resolveTime: c.resolveMs === undefined ? {} : { ms: c.resolveMs, count: 1 },
      openByLevelDay: c.open && c.level && c.raisedDay ? { [`${c.level}|${c.raisedDay}`]: 1 } : {},
      closed: c.closed ? 1 : 0,
    },
  };
}

export function applyEscalationChange(
  rollup: ProjectRollup,
  before: EscalationContribution | null,
  after: EscalationContribution | null,
  at: number,
): ProjectRollup {
  return change(rollup, escalationDelta, before, after, at);
}

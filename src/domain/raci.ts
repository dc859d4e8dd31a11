/**
 * RACI rules (DOMAIN.md practice 1): exactly one Accountable, at least one Responsible,
 * nobody both Consulted and Informed, and the Accountable doing the work too is worth flagging.
 */
export interface RaciAssignment {
  responsible: readonly string[];
  accountable: string | null;
  consulted: readonly string[];
  informed: readonly string[];
}

export type RaciFinding =
  | 'NO_ACCOUNTABLE'
  | 'NO_RESPONSIBLE'
  | 'ACCOUNTABLE_ALSO_RESPONSIBLE'
  | 'DUPLICATE_CONSULTED_INFORMED';

export function raciFindings(raci: RaciAssignment): RaciFinding[] {
  const findings: RaciFinding[] = [];
  if (!raci.accountable) findings.push('NO_ACCOUNTABLE');
  if (raci.responsible.length === 0) findings.push('NO_RESPONSIBLE');
  if (raci.accountable && raci.responsible.includes(raci.accountable)) findings.push('ACCOUNTABLE_ALSO_RESPONSIBLE');
  const consulted = new Set(raci.consulted);
  if (raci.informed.some((id) => consulted.has(id))) findings.push('DUPLICATE_CONSULTED_INFORMED');
  return findings;
}

/** Complete means someone answers for it and someone does it; flags alone do not make it incomplete. */
export function isRaciComplete(raci: RaciAssignment): boolean {
  return raci.accountable !== null && raci.responsible.length > 0;
}

/** Removes duplicates within each role, and from Informed anyone already Consulted (they hear anyway). */
export function normalizeRaci(raci: RaciAssignment): RaciAssignment {
  const uniq = (ids: readonly string[]) => [...new Set(ids)];
  const consulted = uniq(raci.consulted);
  const consultedSet = new Set(consulted);
  return {
    responsible: uniq(raci.responsible),
    accountable: raci.accountable,
    consulted,
    informed: uniq(raci.informed).filter((id) => !consultedSet.has(id)),
  };
}

/** Every account id named in any role, once. */
export function raciParticipants(raci: RaciAssignment): string[] {
  const ids = [...raci.responsible, ...(raci.accountable ? [raci.accountable] : []), ...raci.consulted, ...raci.informed];
  return [...new Set(ids)];
}

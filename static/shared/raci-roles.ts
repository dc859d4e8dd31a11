import type { Person, RaciRoleName, RaciView } from '@contract';
import type { MessageKey } from './i18n';

/** The label of each RACI role, shared by the section, the editor and the template preview. */
export const ROLE_LABEL: Record<RaciRoleName, MessageKey> = {
  responsible: 'panel.raci.responsible',
  accountable: 'panel.raci.accountable',
  consulted: 'panel.raci.consulted',
  informed: 'panel.raci.informed',
};

export const peopleIn = (raci: RaciView, role: RaciRoleName): readonly Person[] =>
  role === 'accountable' ? (raci.accountable ? [raci.accountable] : []) : raci[role];

import type { Person, RaciRoleName, RaciView, TemplateRoleName } from '@contract';
import type { MessageKey } from './i18n';

/** The label of each RACI role, shared by the section, the editor and the template preview. */
export const ROLE_LABEL: Record<RaciRoleName, MessageKey> = {
  responsible: 'panel.raci.responsible',
  accountable: 'panel.raci.accountable',
  consulted: 'panel.raci.consulted',
  informed: 'panel.raci.informed',
};

/** A template rule's role: the RACI four and the accepting department's quality review (质量审核). */
export const TEMPLATE_ROLE_LABEL: Record<TemplateRoleName, MessageKey> = {
  ...ROLE_LABEL,
  reviewing: 'raci.template.reviewing',
};

export const peopleIn = (raci: RaciView, role: RaciRoleName): readonly Person[] =>
  role === 'accountable' ? (raci.accountable ? [raci.accountable] : []) : raci[role];

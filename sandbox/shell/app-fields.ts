import { jira } from './api';
import { state, type UserRef } from './state';

/** The app's RACI fields, found by their module keys, in R, A, C, I order. */
export async function raciFields() {
  if (state.raciFields.length) return state.raciFields;
  const fields =
    await jira<Array<{ id: string; name: string; schema?: { type?: string; custom?: string } }>>('/rest/api/3/field');
  const order = ['raci-responsible', 'raci-accountable', 'raci-consulted', 'raci-informed'];
  state.raciFields = order.flatMap((key) => {
    const f = fields.find((x) => x.schema?.custom?.endsWith(`/static/${key}`));
    return f ? [{ id: f.id, name: f.name, multi: f.schema?.type === 'array' }] : [];
  });
  return state.raciFields;
}

/** The app's read-only escalation fields (level, state, holders, raised by), shown as Jira shows any field. */
export async function escalationFields() {
  if (state.escalationFields) return state.escalationFields;
  const fields = await jira<Array<{ id: string; name: string; schema?: { custom?: string } }>>('/rest/api/3/field');
  state.escalationFields = ['escalation-level', 'escalation-state', 'escalation-holders', 'escalation-raisers'].flatMap(
    (key) => {
      const f = fields.find((x) => x.schema?.custom?.endsWith(`/static/${key}`));
      return f ? [{ id: f.id, name: f.name }] : [];
    },
  );
  return state.escalationFields;
}

/** A read-only field's value as Jira's issue view writes it: people by name, a number or text as is, else "None". */
export function readOnlyValue(raw: unknown): string {
  const list = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
  const text = list
    .map((v) => (v && typeof v === 'object' ? ((v as UserRef).displayName ?? (v as UserRef).accountId) : String(v)))
    .join(', ');
  return text || 'None';
}

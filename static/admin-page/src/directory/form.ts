import {
  DepartmentInputSchema,
  DepartmentUpdateSchema,
  describeIssue,
  issueField,
  type DepartmentRecord,
  type Locale,
} from '@contract';

/** The fields of the department form in the order shown, named as the contract names them (server errors point at these). */
export const FIELDS = [
  'id',
  'nameZh',
  'nameEn',
  'headAccountId',
  'interfaceAccountId',
  'responseHours',
  'jiraGroup',
  'memberAccountIds',
] as const;
export type FieldName = (typeof FIELDS)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

/** What the form edits: text as typed (the hours too, so "abc" can be named as wrong rather than lost). */
export interface DepartmentDraft {
  id: string;
  nameZh: string;
  nameEn: string;
  headAccountId: string | null;
  interfaceAccountId: string | null;
  memberAccountIds: string[];
  jiraGroup: string;
  responseHours: string;
  /** The version the department was read at; null for a new department. */
  version: number | null;
}

/** A new department answers within a day unless the admin says otherwise ("需求传递后24小时内响应"). */
export const NEW_DRAFT: DepartmentDraft = {
  id: '',
  nameZh: '',
  nameEn: '',
  headAccountId: null,
  interfaceAccountId: null,
  memberAccountIds: [],
  jiraGroup: '',
  responseHours: '24',
  version: null,
};

export function draftOf(d: DepartmentRecord): DepartmentDraft {
  return {
    id: d.id,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    headAccountId: d.headAccountId,
    interfaceAccountId: d.interfaceAccountId,
    memberAccountIds: [...d.memberAccountIds],
    jiraGroup: d.jiraGroup ?? '',
    responseHours: String(d.responseHours),
    version: d.version,
  };
}

function hours(text: string): number | string | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** The resolver payload for the draft: create without a version, update with the one it was read at. */
export function payloadOf(draft: DepartmentDraft): Record<string, unknown> {
  return {
    id: draft.id.trim(),
    nameZh: draft.nameZh,
    nameEn: draft.nameEn,
    headAccountId: draft.headAccountId,
    interfaceAccountId: draft.interfaceAccountId,
    memberAccountIds: draft.memberAccountIds,
    jiraGroup: draft.jiraGroup.trim() === '' ? null : draft.jiraGroup.trim(),
    responseHours: hours(draft.responseHours),
    ...(draft.version === null ? {} : { version: draft.version }),
  };
}

/** The form field a contract path ("memberAccountIds.2") belongs to, or null for the form as a whole. */
export function fieldOf(path: string | undefined): FieldName | null {
  const head = (path ?? '').split('.')[0];
  return (FIELDS as readonly string[]).includes(head ?? '') ? (head as FieldName) : null;
}

/**
 * The same checks the resolver runs (the contract's schema), before anything is sent, with every problem
 * named at its field in the viewer's language. The resolver checks again: Jira users and groups, versions.
 */
export function checkDraft(draft: DepartmentDraft, locale: Locale): FieldErrors {
  const schema = draft.version === null ? DepartmentInputSchema : DepartmentUpdateSchema;
  const result = schema.safeParse(payloadOf(draft));
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issueField(issue));
    if (field && !errors[field]) errors[field] = describeIssue(issue, locale);
  }
  return errors;
}

import { z } from 'zod';
import { ERROR_MESSAGES, formatMessage, type MessageId } from './messages';
import { AppErrorBodySchema } from './errors';
import type { Locale } from './locale';

/**
 * The parts of a zod issue read here (zod 4's issue shape, kept loose so the UI and the backend can pass
 * what zod gives them without depending on its internal types).
 */
export interface ValidationIssue {
  code: string;
  message: string;
  path?: ReadonlyArray<PropertyKey>;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

/** Messages written in the contract's schemas (English), with their translated counterparts. */
const SCHEMA_MESSAGES: Record<string, MessageId> = {
  [ERROR_MESSAGES['validation.detail.departmentId'].en]: 'validation.detail.departmentId',
  [ERROR_MESSAGES['validation.detail.issueKey'].en]: 'validation.detail.issueKey',
};

const isMessageId = (v: unknown): v is MessageId => typeof v === 'string' && v in ERROR_MESSAGES;

/** The dotted path of the field an issue is about ("memberAccountIds.2"), or '' for the whole input. */
export function issueField(issue: ValidationIssue): string {
  return (issue.path ?? []).map(String).join('.');
}

/** A message id with its parameters: words not yet put into a language. */
export interface MessageRef {
  id: MessageId;
  params: Record<string, string | number>;
}

/**
 * What is wrong with a field, language-free: "must be at most {n}". zod's own messages are English only, so the
 * issue's code and limits are translated instead of its text.
 */
export function issueDetail(issue: ValidationIssue): MessageRef {
  const m = (id: MessageId, params: Record<string, string | number> = {}): MessageRef => ({ id, params });
  const n = (v: number | bigint | undefined) => Number(v ?? 0);
  if (issue.code === 'custom' && isMessageId(issue.params?.messageId)) return m(issue.params.messageId);
  const known = SCHEMA_MESSAGES[issue.message];
  if (known) return m(known);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return m('validation.detail.required');
      if (issue.expected === 'int') return m('validation.detail.int');
      if (issue.expected === 'number') return m('validation.detail.number');
      return m('validation.detail.type');
    case 'too_small':
      if (issue.origin === 'string')
        return n(issue.minimum) <= 1
          ? m('validation.detail.empty')
          : m('validation.detail.minChars', { n: n(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return m('validation.detail.minItems', { n: n(issue.minimum) });
      return m('validation.detail.minNumber', { n: n(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return m('validation.detail.maxChars', { n: n(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return m('validation.detail.maxItems', { n: n(issue.maximum) });
      return m('validation.detail.maxNumber', { n: n(issue.maximum) });
    case 'invalid_format':
      return m('validation.detail.format');
    case 'unrecognized_keys':
      return m('validation.detail.unknownKeys', { keys: (issue.keys ?? []).join(', ') });
    default:
      return m('validation.detail.invalid');
  }
}

/** What is wrong with a field, in the user's language: "must be at most 720" / "不能大于 720". */
export function describeIssue(issue: ValidationIssue, locale: Locale): string {
  const { id, params } = issueDetail(issue);
  return formatMessage(id, locale, params);
}

/**
 * The body every boundary answers an input its schema refused with (resolvers, the UI's own check before it
 * calls, Automation actions): VALIDATION, the message in the user's language, and the field to blame, which a
 * form uses to show the message in place.
 */
export const ValidationErrorBodySchema = AppErrorBodySchema.extend({ code: z.literal('VALIDATION') });
export type ValidationErrorBody = z.infer<typeof ValidationErrorBodySchema>;

/**
 * The first problem zod found, language-free: the field as the user named it in the input (its dotted path,
 * '' for the input as a whole), and the message that says what is wrong, with its detail.
 */
export interface ValidationProblem {
  field: string;
  message: MessageRef;
  detail: MessageRef;
}

export function validationProblem(error: { issues: readonly ValidationIssue[] }): ValidationProblem {
  const issue = error.issues[0];
  const field = issue ? issueField(issue) : '';
  const detail = issue ? issueDetail(issue) : { id: 'validation.detail.invalid' as const, params: {} };
  return field
    ? { field, message: { id: 'validation.field', params: { field } }, detail }
    : { field, message: { id: 'validation.invalid', params: {} }, detail };
}

/** A zod error as the validation-error body, in the user's language; every wrong field when there are several. */
export function validationErrorBody(
  error: { issues: readonly ValidationIssue[] },
  locale: Locale,
): ValidationErrorBody {
  const { field, message, detail } = validationProblem(error);
  const text = formatMessage(message.id, locale, {
    ...message.params,
    detail: formatMessage(detail.id, locale, detail.params),
  });
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issueField(issue);
    if (!path || fields.has(path)) continue;
    const d = issueDetail(issue);
    fields.set(path, sentence(formatMessage(d.id, locale, d.params)));
  }
  const all = fields.size > 1 ? { fields: [...fields].map(([f, m]) => ({ field: f, message: m })) } : {};
  return field ? { code: 'VALIDATION', message: text, field, ...all } : { code: 'VALIDATION', message: text, ...all };
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The prefix every field message starts with (`Field "{field}" is invalid: `), in either language. */
const FIELD_PREFIX = [/^Field "[^"]*" is invalid: /, /^字段“[^”]*”无效：/];

/**
 * What is wrong with each field an error blames, without the field's path: a form shows each under the field's
 * own label. An error that blames no field gives none.
 */
export function fieldProblems(error: {
  field?: string;
  message: string;
  fields?: ReadonlyArray<{ field: string; message: string }>;
}): Array<{ field: string; message: string }> {
  if (error.fields && error.fields.length > 0) return [...error.fields];
  if (!error.field) return [];
  const bare = FIELD_PREFIX.reduce((m, re) => m.replace(re, ''), error.message);
  return [{ field: error.field, message: sentence(bare) }];
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AutomationRaiseInputSchema,
  DepartmentSchema,
  validationErrorBody,
  ValidationErrorBodySchema,
  validationProblem,
} from '../../src/contract';

/** The one validation-error body: what the resolvers, the UI's bridge client and the Automation actions answer. */
const refused = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to be refused');
  return r.error;
};

describe('validationErrorBody', () => {
  it('names the field by its path and says what is wrong, in English and Chinese', () => {
    const error = refused(z.object({ risk: z.object({ probability: z.number().int().max(5) }) }), {
      risk: { probability: 7 },
    });
    expect(validationErrorBody(error, 'en')).toEqual({
      code: 'VALIDATION',
      field: 'risk.probability',
      message: 'Field "risk.probability" is invalid: must be at most 5',
    });
    expect(validationErrorBody(error, 'zh')).toEqual({
      code: 'VALIDATION',
      field: 'risk.probability',
      message: '字段“risk.probability”无效：不能大于 5',
    });
  });

  it('an input wrong as a whole has no field', () => {
    const error = refused(z.object({ a: z.string() }).strict(), { a: 'x', b: 1 });
    expect(validationErrorBody(error, 'en')).toEqual({
      code: 'VALIDATION',
      message: 'The request is invalid: unknown field(s) b',
    });
  });

  it('translates the words a schema writes itself instead of passing zod’s English through', () => {
    const key = refused(AutomationRaiseInputSchema, { issueKey: 'pay-1', description: 'x', departmentAsked: 'rnd' });
    expect(validationErrorBody(key, 'zh').message).toBe('字段“issueKey”无效：应为工作项键，例如 PAY-12');
    const dept = refused(DepartmentSchema.pick({ id: true }), { id: 'R&D' });
    expect(validationErrorBody(dept, 'en').message).toBe(
      'Field "id" is invalid: use 2-32 lower-case letters, digits or -, starting with a letter',
    );
  });

  it('is language-free until asked for words: the field, the message and its detail as message ids', () => {
    const error = refused(z.object({ note: z.string().max(3) }), { note: 'longer' });
    expect(validationProblem(error)).toEqual({
      field: 'note',
      message: { id: 'validation.field', params: { field: 'note' } },
      detail: { id: 'validation.detail.maxChars', params: { n: 3 } },
    });
    expect(validationProblem({ issues: [] })).toEqual({
      field: '',
      message: { id: 'validation.invalid', params: {} },
      detail: { id: 'validation.detail.invalid', params: {} },
    });
  });

  it('the body satisfies its schema, which only a VALIDATION error does', () => {
    const body = validationErrorBody(refused(z.object({ n: z.number() }), {}), 'en');
    expect(ValidationErrorBodySchema.parse(body)).toEqual({
      code: 'VALIDATION',
      field: 'n',
      message: 'Field "n" is invalid: is required',
    });
    expect(ValidationErrorBodySchema.safeParse({ code: 'NOT_FOUND', message: 'x' }).success).toBe(false);
  });
});

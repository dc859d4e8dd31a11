import { describe, expect, it } from 'vitest';
import { fieldProblems, RetrospectiveInputSchema, validationErrorBody } from '../../src/contract';

const retro = {
  versionId: null,
  heldOn: '2026-12-01',
  wentWell: '',
  toImprove: '',
  scores: { communication: 4, accountability: 4, resources: 4, resolution: 4 },
  tags: [],
  expectedVersion: null,
};

describe('every wrong field at once, without its path', () => {
  it('lists each wrong field in the body, in the user language', () => {
    const r = RetrospectiveInputSchema.safeParse({ ...retro, heldOn: '2026-02-30', tags: ['?'] });
    if (r.success) throw new Error('expected a refusal');
    const body = validationErrorBody(r.error, 'zh');
    expect(body.fields?.map((f) => f.field).sort()).toEqual(['heldOn', 'tags.0', 'wentWell']);
    for (const f of body.fields ?? []) expect(f.message).not.toMatch(/字段|heldOn|wentWell/);
  });

  it('one wrong field: its problem comes from the message, the path and "Field …" left out', () => {
    expect(
      fieldProblems({ field: 'ownerAccountId', message: 'Field "ownerAccountId" is invalid: must not be empty' }),
    ).toEqual([{ field: 'ownerAccountId', message: 'Must not be empty' }]);
    expect(fieldProblems({ field: 'x', message: '字段“x”无效：不能为空' })).toEqual([
      { field: 'x', message: '不能为空' },
    ]);
    expect(fieldProblems({ message: 'The request is invalid: unknown field(s) b' })).toEqual([]);
  });

  it('refuses a retrospective that says nothing, scores or not (the server checks the same schema)', () => {
    const r = RetrospectiveInputSchema.safeParse(retro);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(validationErrorBody(r.error, 'en').message).toBe(
        'Field "wentWell" is invalid: say what went well or what to improve',
      );
    expect(RetrospectiveInputSchema.safeParse({ ...retro, toImprove: 'handoffs' }).success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, fieldOf, NEW_DRAFT, payloadOf } from '../../static/admin-page/src/directory/form';

/** The admin page's form: what it sends, and the problems it names before sending. */
describe('department form', () => {
  const draft = { ...NEW_DRAFT, id: 'finance', nameZh: '财务部', nameEn: 'Finance' };

  it('sends a new department without a version, an empty group as none and the hours as a number', () => {
    expect(payloadOf({ ...draft, jiraGroup: '  ', responseHours: ' 48 ' })).toEqual({
      id: 'finance',
      nameZh: '财务部',
      nameEn: 'Finance',
      headAccountId: null,
      interfaceAccountId: null,
      memberAccountIds: [],
      jiraGroup: null,
      responseHours: 48,
    });
    expect(checkDraft(draft, 'en')).toEqual({});
  });

  it('names every wrong field at once, in the viewer’s language', () => {
    const bad = { ...draft, id: 'Fin', nameEn: '', responseHours: 'abc' };
    expect(checkDraft(bad, 'en')).toEqual({
      id: 'use 2-32 lower-case letters, digits or -, starting with a letter',
      nameEn: 'must not be empty',
      responseHours: 'must be a number',
    });
    expect(checkDraft({ ...draft, responseHours: '999' }, 'zh')).toEqual({ responseHours: '不能大于 720' });
    expect(checkDraft({ ...draft, responseHours: '' }, 'zh')).toEqual({ responseHours: '必填' });
  });

  it('edits keep the version they were read at', () => {
    const record = {
      ...draft,
      headAccountId: 'h',
      interfaceAccountId: null,
      memberAccountIds: ['m'],
      jiraGroup: 'dept-x',
      responseHours: 12,
      version: 3,
      updatedAt: '2025-01-01T00:00:00.000Z',
      updatedBy: 'u',
    };
    const edit = draftOf(record);
    expect(edit).toMatchObject({ responseHours: '12', jiraGroup: 'dept-x', version: 3 });
    expect(payloadOf(edit)).toMatchObject({ version: 3, responseHours: 12, jiraGroup: 'dept-x' });
    expect(checkDraft(edit, 'en')).toEqual({});
  });

  it('maps a server error to the field it names', () => {
    expect(fieldOf('memberAccountIds.3')).toBe('memberAccountIds');
    expect(fieldOf('jiraGroup')).toBe('jiraGroup');
    expect(fieldOf('version')).toBeNull();
    expect(fieldOf(undefined)).toBeNull();
  });
});

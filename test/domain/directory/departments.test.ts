import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPeopleIndex, departmentByAccount, namedAccountIds } from '../../../src/domain/directory/departments';
import {
  ADMIN_PAGE_FUNCTIONS,
  DepartmentInputSchema,
  DepartmentUpdateSchema,
  describeIssue,
  issueField,
  type Department,
} from '../../../src/contract';

const dept = (id: string, over: Partial<Department> = {}): Department => ({
  id,
  nameZh: `${id}部`,
  nameEn: id,
  headAccountId: null,
  interfaceAccountId: null,
  memberAccountIds: [],
  jiraGroup: null,
  responseHours: 24,
  ...over,
});

describe('the people index', () => {
  it('puts heads, interface persons, listed members and group members in their department', () => {
    const index = buildPeopleIndex(
      [dept('tech', { headAccountId: 'h', interfaceAccountId: 'i', memberAccountIds: ['m'], jiraGroup: 'dept-tech' })],
      new Map([['dept-tech', ['g1', 'g2']]]),
    );
    expect(index.departments).toEqual([{ id: 'tech', nameZh: 'tech部', nameEn: 'tech' }]);
    expect(index.members).toEqual([['g1', 'g2', 'h', 'i', 'm']]);
    expect(departmentByAccount(index)).toEqual({ g1: 'tech', g2: 'tech', h: 'tech', i: 'tech', m: 'tech' });
  });

  it('gives each person one department: named beats listed beats group; equal ties go to the first department', () => {
    const index = buildPeopleIndex(
      [
        dept('a', { memberAccountIds: ['listedA'], jiraGroup: 'ga' }),
        dept('b', { headAccountId: 'listedA', interfaceAccountId: 'both', jiraGroup: 'gb' }),
        dept('c', { interfaceAccountId: 'both', memberAccountIds: ['groupB'] }),
      ],
      new Map([
        ['ga', ['groupB', 'onlyA']],
        ['gb', ['groupB', 'listedA']],
      ]),
    );
    expect(departmentByAccount(index)).toEqual({ listedA: 'b', both: 'b', groupB: 'c', onlyA: 'a' });
  });

  it('ignores a group it has no members for (deleted in Jira) and keeps the department', () => {
    const index = buildPeopleIndex([dept('a', { jiraGroup: 'gone', headAccountId: 'h' })], new Map());
    expect(departmentByAccount(index)).toEqual({ h: 'a' });
  });

  it('lists everyone reached exactly once, whatever the directory', () => {
    const person = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');
    const department = fc.record({
      headAccountId: fc.option(person, { nil: null }),
      interfaceAccountId: fc.option(person, { nil: null }),
      memberAccountIds: fc.uniqueArray(person, { maxLength: 4 }),
      jiraGroup: fc.option(fc.constantFrom('g1', 'g2'), { nil: null }),
    });
    const groups = fc.record({
      g1: fc.uniqueArray(person, { maxLength: 4 }),
      g2: fc.uniqueArray(person, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(department, { maxLength: 5 }), groups, (ds, gs) => {
        const list = ds.map((d, i) => dept(`d${i}`, d));
        const index = buildPeopleIndex(list, new Map(Object.entries(gs)));
        const everyone = index.members.flat();
        const reached = new Set(
          list.flatMap((d) => [
            ...namedAccountIds(d).map((r) => r.accountId),
            ...(d.jiraGroup ? gs[d.jiraGroup as 'g1' | 'g2'] : []),
          ]),
        );
        expect(new Set(everyone).size).toBe(everyone.length);
        expect(new Set(everyone)).toEqual(reached);
        // A named person always resolves to a department that names them.
        const byAccount = departmentByAccount(index);
        for (const id of list.flatMap((d) => [d.headAccountId, d.interfaceAccountId])) {
          if (!id) continue;
          const home = list.find((x) => x.id === byAccount[id])!;
          expect([home.headAccountId, home.interfaceAccountId]).toContain(id);
        }
      }),
    );
  });

  it('names the input field of every account id a department names', () => {
    expect(namedAccountIds(dept('a', { headAccountId: 'h', memberAccountIds: ['x', 'y'] }))).toEqual([
      { field: 'headAccountId', accountId: 'h' },
      { field: 'memberAccountIds.0', accountId: 'x' },
      { field: 'memberAccountIds.1', accountId: 'y' },
    ]);
  });
});

describe('department validation (the contract both sides check)', () => {
  const valid = { ...dept('finance'), nameZh: '财务部', nameEn: 'Finance' };
  const problem = (
    input: unknown,
    locale: 'en' | 'zh' = 'en',
    schema: typeof DepartmentInputSchema | typeof DepartmentUpdateSchema = DepartmentInputSchema,
  ) => {
    const r = schema.safeParse(input);
    if (r.success) return null;
    const issue = r.error.issues[0]!;
    return { field: issueField(issue), detail: describeIssue(issue, locale) };
  };

  it('accepts a complete department and trims its names', () => {
    const r = DepartmentInputSchema.safeParse({ ...valid, nameZh: ' 财务部 ', jiraGroup: ' dept-finance ' });
    expect(r.success && [r.data.nameZh, r.data.jiraGroup]).toEqual(['财务部', 'dept-finance']);
  });

  it.each([
    [{ responseHours: 0 }, 'responseHours', 'must be at least 1', '不能小于 1'],
    [{ responseHours: 721 }, 'responseHours', 'must be at most 720', '不能大于 720'],
    [{ responseHours: 2.5 }, 'responseHours', 'must be a whole number', '必须是整数'],
    [{ responseHours: undefined }, 'responseHours', 'is required', '必填'],
    [{ nameZh: '' }, 'nameZh', 'must not be empty', '不能为空'],
    [{ nameEn: 'x'.repeat(61) }, 'nameEn', 'must have at most 60 characters', '不能超过 60 个字符'],
    [
      { id: '1abc' },
      'id',
      'use 2-32 lower-case letters, digits or -, starting with a letter',
      '请使用 2-32 个小写字母、数字或“-”，并以字母开头',
    ],
    [{ memberAccountIds: ['a', 'b', 'a'] }, 'memberAccountIds.2', 'this person is listed twice', '此人被重复列出'],
    [{ memberAccountIds: 'a' }, 'memberAccountIds', 'has the wrong type', '类型不正确'],
    [{ jiraGroup: '' }, 'jiraGroup', 'must not be empty', '不能为空'],
  ])('refuses %j at %s, in English and Chinese', (over, field, en, zh) => {
    expect(problem({ ...valid, ...over })).toEqual({ field, detail: en });
    expect(problem({ ...valid, ...over }, 'zh')).toEqual({ field, detail: zh });
  });

  it('refuses unknown fields, and an edit without the version it was read at', () => {
    expect(problem({ ...valid, owner: 'x' })).toEqual({ field: '', detail: 'unknown field(s) owner' });
    expect(problem(valid, 'en', DepartmentUpdateSchema)).toEqual({ field: 'version', detail: 'is required' });
    expect(problem({ ...valid, version: 0 }, 'zh', DepartmentUpdateSchema)).toEqual({
      field: 'version',
      detail: '不能小于 1',
    });
  });

  it('has every admin resolver function in its contract table', () => {
    const directory = [
      'createDepartment',
      'deleteDepartment',
      'departmentPeople',
      'getDependencySettings',
      'listDepartments',
      'rebuildPeopleIndex',
      'saveDependencySettings',
      'searchUsers',
      'updateDepartment',
    ];
    // Escalation settings (issue 5) share the admin page: calendars, the web trigger secret and its projects.
    const escalations = [
      'getCalendars',
      'getWebhookSecret',
      'rotateWebhookSecret',
      'saveCalendars',
      'saveWebhookProjects',
    ];
    expect(Object.keys(ADMIN_PAGE_FUNCTIONS).sort()).toEqual([...directory, ...escalations].sort());
  });
});

import { describe, expect, it } from 'vitest';
import type { RaciMatrixRow } from '@contract';
import { cellOf, columnsOf, matrixCsv } from '../../static/project-page/src/raci-matrix/raci-csv';

const row = (key: string, over: Partial<RaciMatrixRow> = {}): RaciMatrixRow => ({
  issue: { id: key, key, summary: `Summary of ${key}`, statusName: 'To Do', statusCategory: 'new', dueDate: null },
  responsible: [],
  accountable: null,
  consulted: [],
  informed: [],
  departments: { responsible: [], accountable: [], consulted: [], informed: [] },
  gaps: [],
  ...over,
});

describe('RACI matrix cells and CSV', () => {
  const a = row('PAY-1', {
    responsible: ['u1'],
    accountable: 'u1',
    informed: ['u2'],
    departments: { responsible: ['rnd'], accountable: ['rnd'], consulted: ['legal'], informed: [] },
  });
  const b = row('PAY-2', { summary: '=1+1, "quoted"', gaps: ['NO_ACCOUNTABLE', 'NO_RESPONSIBLE'] } as never);

  it('puts every role a person or department holds in one cell, in R A C I order', () => {
    expect(cellOf(a, 'people', 'u1')).toBe('RA');
    expect(cellOf(a, 'people', 'u2')).toBe('I');
    expect(cellOf(a, 'departments', 'rnd')).toBe('RA');
    expect(cellOf(a, 'departments', 'legal')).toBe('C');
    expect(cellOf(b, 'people', 'u1')).toBe('');
  });

  it('orders people by department, and shows only departments that hold a role', () => {
    const page = {
      rows: [a],
      people: [
        { accountId: 'u2', displayName: 'Zed', departmentId: 'legal' },
        { accountId: 'u1', displayName: 'Amy', departmentId: 'rnd' },
      ],
      departments: [
        { id: 'rnd', nameZh: '研发部', nameEn: 'R&D' },
        { id: 'legal', nameZh: '法务部', nameEn: 'Legal' },
        { id: 'cs', nameZh: '客服部', nameEn: 'CS' },
      ],
    };
    expect(columnsOf(page, 'people', (d) => d.nameEn).map((c) => c.label)).toEqual(['Amy', 'Zed']);
    expect(columnsOf(page, 'departments', (d) => d.nameZh).map((c) => c.label)).toEqual(['研发部', '法务部']);
  });

  it('writes UTF-8 CSV with a BOM, CRLF, quoting, and no formula injection', () => {
    const b2 = { ...b, issue: { ...b.issue, summary: '=1+1, "quoted"' } };
    const csv = matrixCsv(
      [a, b2],
      [{ id: 'u1', label: '李娜 Li Na' }],
      'people',
      { key: '编号', summary: '摘要', status: '状态', gaps: '缺口' },
      (g) => (g === 'NO_ACCOUNTABLE' ? '缺 A' : '缺 R'),
    );
    expect(csv.startsWith('\uFEFF编号,摘要,状态,缺口,李娜 Li Na\r\n')).toBe(true);
    expect(csv).toContain('PAY-1,Summary of PAY-1,To Do,,RA\r\n');
    expect(csv).toContain(`PAY-2,"'=1+1, ""quoted""",To Do,缺 A 缺 R,\r\n`);
  });
});

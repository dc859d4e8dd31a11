import { describe, expect, it } from 'vitest';
import { toCsv } from '../../static/shared/csv';

describe('CSV export', () => {
  it('starts with a BOM, quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv(
      ['风险', 'score'],
      [
        ['接口不稳定, 备用', 20],
        ['say "hi"', null],
        ['=HYPERLINK("x")', -3],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '风险,score',
      '"接口不稳定, 备用",20',
      '"say ""hi""",',
      `"'=HYPERLINK(""x"")",-3`,
      '',
    ]);
  });
});

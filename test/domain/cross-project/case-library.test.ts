import { describe, expect, it } from 'vitest';
import { type CaseRecord, caseScore, caseWords, similarCases } from '../../../src/domain/cross-project/case-library';

const c = (id: string, projectKey: string, tags: string[], problem: string, solution: string, settledAt = 0) =>
  ({ id, projectKey, tags, problem, solution, source: 'escalation', settledAt }) as CaseRecord;

describe('case library (问题案例库)', () => {
  it('compares Chinese by neighbouring pairs and Latin by words', () => {
    expect([...caseWords('接口延期 API timeout')].sort()).toEqual(['api', 'timeout', '口延', '延期', '接口'].sort());
    expect([...caseWords('a 审')]).toEqual(['审']);
  });

  it('scores a shared tag 3 and each shared word 1', () => {
    const k = c('k1', 'PAY', ['Interface', 'vendor'], '供应商接口延期', '每日站会跟进');
    // Tags: "interface" shared (case-insensitive) → 3. Words of "接口延期三天": 接口, 口延, 延期, 期三, 三天;
    // the case has 接口, 口延, 延期 → 3. Total 6.
    expect(caseScore({ tags: ['interface'], text: '接口延期三天' }, k)).toBe(6);
    expect(caseScore({ tags: ['budget'], text: 'nothing alike' }, k)).toBe(0);
  });

  it('suggests at most three, closest then newest, only from browsable projects, none unrelated', () => {
    const cases = [
      c('a', 'PAY', ['vendor'], 'vendor late', 'weekly call', 100), // tag 3 + "vendor" 1 = 4
      c('b', 'PAY', [], 'vendor late delivery', 'penalty clause', 200), // vendor, late = 2
      c('c', 'AICS', ['vendor'], 'vendor late', 'escalate to head', 300), // 4, newer than a
      c('d', 'HR', ['vendor'], 'vendor late', 'secret', 400), // 4 but HR is not browsable
      c('e', 'PAY', [], 'late', 'x', 500), // late = 1
      c('f', 'PAY', ['budget'], 'over budget', 'cut scope', 600), // 0: not suggested
    ];
    const out = similarCases({ tags: ['vendor'], text: 'Vendor late again' }, cases, new Set(['PAY', 'AICS']));
    expect(out.map((x) => x.id)).toEqual(['c', 'a', 'b']);
    const all = similarCases({ tags: ['vendor'], text: 'Vendor late again' }, cases, new Set(['PAY', 'AICS']), 10);
    expect(all.map((x) => x.id)).toEqual(['c', 'a', 'b', 'e']);
  });
});

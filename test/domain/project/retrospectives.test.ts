import { describe, expect, it } from 'vitest';
import { actionIssueRaci, actionStatusFor } from '../../../src/domain/project/retrospectives';

describe('the work item made for an action item', () => {
  it('has the owner Responsible and the retrospective’s owner Accountable', () => {
    expect(actionIssueRaci('zhouJie', 'gaoYuan', 'linTao')).toEqual({
      responsible: ['zhouJie'],
      accountable: 'gaoYuan',
      consulted: [],
      informed: [],
    });
  });
  it('falls back to who recorded a loose item, then to the owner: never without an Accountable', () => {
    expect(actionIssueRaci('zhouJie', null, 'linTao').accountable).toBe('linTao');
    expect(actionIssueRaci('zhouJie', null, null).accountable).toBe('zhouJie');
  });
});

describe('an action item follows its work item', () => {
  it('is done when the work item is done, and open again (or in progress) when it is reopened', () => {
    expect(actionStatusFor('open', 'done')).toBe('done');
    expect(actionStatusFor('in-progress', 'done')).toBe('done');
    expect(actionStatusFor('done', 'new')).toBe('open');
    expect(actionStatusFor('done', 'indeterminate')).toBe('in-progress');
    expect(actionStatusFor('in-progress', 'new')).toBe('in-progress');
  });
});

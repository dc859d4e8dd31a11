import { describe, expect, it } from 'vitest';
import { agendaOf, type AgendaSources } from '../../../src/domain/project/agenda';

const TODAY = '2026-10-09'; // the first working day after 国庆 (1–8 October 2026)
const base: AgendaSources = {
  today: TODAY,
  now: Date.parse('2026-10-09T01:00:00Z'),
  dependencies: [],
  escalations: [],
  issues: [],
  risks: [],
  actions: [],
};
const dep = (id: string, over: Partial<AgendaSources['dependencies'][number]> = {}) => ({
  id,
  status: 'committed',
  open: true,
  late: false,
  needBy: '2026-09-30',
  deliverable: '接口文档',
  downstreamIssueId: `down-${id}`,
  upstreamIssueId: `up-${id}`,
  providerOwnerAccountId: `owner-${id}`,
  responseDueAt: 0,
  ...over,
});

describe('the weekly sync agenda names who must act and what is awaited', () => {
  it('gives each late dependency the providing side’s owner and the work item it waits for', () => {
    const items = agendaOf({ ...base, dependencies: [dep('a'), dep('b'), dep('c', { providerOwnerAccountId: null })] });
    expect(items.map((i) => [i.id, i.ownerAccountId, i.issueId, i.waitsForIssueId, i.title])).toEqual([
      ['a', 'owner-a', 'down-a', 'up-a', '接口文档'],
      ['b', 'owner-b', 'down-b', 'up-b', '接口文档'],
      // No Responsible, Accountable or interface person known: nobody is named rather than the requester.
      ['c', null, 'down-c', 'up-c', '接口文档'],
    ]);
  });

  it('a need-by on the last day before 国庆 is late on the first working day after it; one due today is not', () => {
    const items = agendaOf({
      ...base,
      dependencies: [dep('before', { needBy: '2026-09-30' }), dep('today', { needBy: TODAY })],
    });
    expect(items.map((i) => `${i.id}:${i.reason}`)).toEqual(['before:late']);
  });

  it('lists overdue work items with their owner, after escalations and before risks', () => {
    const items = agendaOf({
      ...base,
      escalations: [{ id: 'e', open: true, summary: 'S', issueKey: 'PAY-1', raisedBy: 'r', dueAt: 0, level: 1 }],
      issues: [
        { id: '20', summary: 'Payment SDK', dueDate: '2026-09-25', ownerAccountId: 'linTao' },
        { id: '21', summary: 'Due today', dueDate: TODAY, ownerAccountId: 'x' },
        { id: '22', summary: 'Nobody', dueDate: '2026-10-08', ownerAccountId: null },
      ],
      risks: [
        {
          id: 'r',
          open: true,
          title: 'R',
          score: 25,
          createdAt: 0,
          ownerAccountId: 'o',
          reviewDate: TODAY,
        },
      ],
    });
    expect(items.map((i) => `${i.kind}:${i.id}:${i.ownerAccountId}`)).toEqual([
      'escalation:e:r',
      'issue:20:linTao',
      'issue:22:null',
      'risk:r:o',
    ]);
    expect(items[1]).toMatchObject({ reason: 'overdue', issueId: '20', due: '2026-09-25' });
  });
});

describe('a request unanswered past its deadline is late on the agenda', () => {
  it('from its stored deadline, before the hourly sweep flags it (Friday 17:00 request, due Monday 17:00)', () => {
    const due = Date.parse('2026-12-07T09:00:00Z'); // Monday 17:00 in Beijing
    const request = dep('r', { status: 'requested', needBy: '2026-12-31', responseDueAt: due });
    const at = (now: number) => agendaOf({ ...base, today: '2026-12-07', now, dependencies: [request] });
    expect(at(due)).toEqual([]);
    expect(at(due + 40 * 60_000).map((i) => `${i.id}:${i.reason}`)).toEqual(['r:late']);
  });
});

describe('an escalation breached at the top level', () => {
  it('is on the agenda without a due date (it has no next deadline)', () => {
    const items = agendaOf({
      ...base,
      escalations: [
        {
          id: 'e',
          open: true,
          summary: 'S',
          issueKey: 'PAY-1',
          raisedBy: 'r',
          dueAt: Number.MAX_SAFE_INTEGER,
          level: 3,
        },
      ],
    });
    expect(items).toMatchObject([{ id: 'e', reason: 'open', due: null }]);
  });
});

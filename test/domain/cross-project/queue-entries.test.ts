import { describe, expect, it } from 'vitest';
import { dependencyQueueEntry, escalationQueueEntries } from '../../../src/domain/cross-project/queue-entries';
import type { DependencyRecord } from '../../../src/domain/dependencies/dependency';
import { NEVER, type EscalationRecord } from '../../../src/domain/escalations/escalation';

const dep = (over: Partial<DependencyRecord>): DependencyRecord =>
  ({
    id: 'd1',
    projectKey: 'PAY',
    downstreamIssueId: '2',
    upstreamIssueId: '1',
    downstreamProjectKey: 'PAY',
    upstreamProjectKey: 'DATA',
    downstreamKey: 'PAY-2',
    upstreamKey: 'DATA-1',
    requestingDept: 'product',
    providingDept: 'rnd',
    deliverable: 'API',
    needBy: '2026-03-20',
    status: 'requested',
    responseDueAt: 1_000,
    proposedDate: '',
    version: 3,
    ...over,
  }) as DependencyRecord;

describe('whose queue a dependency is in', () => {
  it('waits on the providing department to answer, then to deliver, ranked by due time', () => {
    expect(dependencyQueueEntry(dep({}))).toMatchObject({
      owner: 'd:rnd',
      kind: 'response',
      issueKey: 'DATA-1',
      projectKey: 'DATA',
      otherKey: 'PAY-2',
      rank: '000000000001000',
      version: 3,
    });
    expect(dependencyQueueEntry(dep({ status: 'committed' }))).toMatchObject({ owner: 'd:rnd', kind: 'owed' });
  });

  it('waits on the requesting department to decide a proposed date, on its own work item', () => {
    expect(dependencyQueueEntry(dep({ status: 'countered', proposedDate: '2026-03-25' }))).toMatchObject({
      owner: 'd:product',
      kind: 'counter',
      issueKey: 'PAY-2',
      projectKey: 'PAY',
      dueDate: '2026-03-25',
    });
  });

  it('waits on nobody once delivered, declined or cancelled, or without a department to answer', () => {
    for (const status of ['delivered', 'declined', 'cancelled'] as const)
      expect(dependencyQueueEntry(dep({ status }))).toBeNull();
    expect(dependencyQueueEntry(dep({ providingDept: '' }))).toBeNull();
  });
});

describe('whose queue an escalation is in', () => {
  const esc = (over: Partial<EscalationRecord>) =>
    ({
      id: 'e1',
      issueKey: 'PAY-3',
      projectKey: 'PAY',
      status: 'open',
      level: 2,
      dueAt: 5_000,
      summary: 'Blocked',
      description: '',
      departmentAsked: 'rnd',
      version: 4,
      ...over,
    }) as EscalationRecord;

  it('one entry per holder of the current level, each person once', () => {
    const entries = escalationQueueEntries(esc({}), ['a', 'b', 'a']);
    expect(entries.map((e) => e.owner)).toEqual(['u:a', 'u:b']);
    expect(entries[0]).toMatchObject({ kind: 'escalation', level: 2, rank: '000000000005000', version: 4 });
  });

  it('none once closed; a breach at the top still waits, and ranks first', () => {
    expect(escalationQueueEntries(esc({ status: 'resolved' }), ['a'])).toEqual([]);
    const [breached] = escalationQueueEntries(esc({ level: 3, dueAt: NEVER }), ['a']);
    expect(breached!.rank).toBe('000000000000000');
  });
});

import { describe, expect, it } from 'vitest';
import { figureOf, lastWeeks, meetsTarget, stateFigureOf, weekStartOf } from '../../../src/domain/figures/figure';
import {
  buckPassingJudgements,
  complianceJudgements,
  deliveryJudgements,
  endOfDay,
  infoOmissionJudgements,
  milestoneDeadline,
  omissionJudgements,
  projectDelayAsOf,
  repeatJudgements,
  satisfactionJudgements,
  type MilestoneFacts,
  type RequestFacts,
} from '../../../src/domain/figures/headline';

const SH = 'Asia/Shanghai';
const H = 3_600_000;
const bj = (local: string) => Date.parse(`${local}+08:00`);

const request = (over: Partial<RequestFacts> & { id: string }): RequestFacts => ({
  createdAt: bj('2026-11-30T10:00:00'),
  status: 'requested',
  responseDueAt: bj('2026-12-01T10:00:00'),
  answeredAt: 0,
  declined: false,
  escalated: false,
  needBy: '',
  deliveredAt: 0,
  providerTimeZone: SH,
  owned: true,
  ...over,
});

describe('流程合规率: steps done within their limit over all steps that fell due', () => {
  const now = bj('2026-12-03T12:00:00');

  it('counts late unanswered requests: 5 answered in time and 10 unanswered past due is 5 of 15, not 5 of 5', () => {
    const answered = Array.from({ length: 5 }, (_, i) =>
      request({ id: `a${i}`, status: 'acknowledged', answeredAt: bj('2026-12-01T09:00:00') }),
    );
    const unanswered = Array.from({ length: 10 }, (_, i) => request({ id: `u${i}` }));
    const judged = complianceJudgements([...answered, ...unanswered], now);
    expect(judged).toHaveLength(15);
    expect(judged.filter((j) => j.hit)).toHaveLength(5);
    const f = figureOf('compliance', judged, lastWeeks(now, SH, 2), SH);
    expect(f.value).toBeCloseTo(5 / 15);
    expect(meetsTarget(f)).toBe(false);
  });

  it('judges an answer 40 minutes late as late, from the timestamps (whatever the sweep flagged)', () => {
    const due = bj('2026-12-01T10:00:00');
    const late = request({ id: 'x', status: 'acknowledged', answeredAt: due + 40 * 60_000 });
    const onTheMinute = request({ id: 'y', status: 'acknowledged', answeredAt: due });
    expect(complianceJudgements([late, onTheMinute], now).map((j) => j.hit)).toEqual([false, true]);
  });

  it('leaves out a step not yet due and unanswered, and one the requester withdrew before it fell due', () => {
    const notDue = request({ id: 'n', responseDueAt: now + H });
    const early = request({ id: 'e', status: 'acknowledged', responseDueAt: now + H, answeredAt: now - H });
    const withdrawn = request({ id: 'w', status: 'cancelled', responseDueAt: now + H });
    const judged = complianceJudgements([notDue, early, withdrawn], now);
    expect(judged).toEqual([{ at: now + H, hit: true }]);
  });

  it('a Friday-evening request: due Monday 17:00 by its stored deadline; 16:59 is in time, 17:40 is not', () => {
    // Requested Friday 2026-12-04 17:00 in Beijing; 24 h on working days: due Monday 2026-12-07 17:00.
    const friday = { createdAt: bj('2026-12-04T17:00:00'), responseDueAt: bj('2026-12-07T17:00:00') };
    const mon = bj('2026-12-08T09:00:00');
    const judged = complianceJudgements(
      [
        request({ id: 'a', ...friday, status: 'committed', answeredAt: bj('2026-12-07T16:59:00') }),
        request({ id: 'b', ...friday, status: 'committed', answeredAt: bj('2026-12-07T17:40:00') }),
      ],
      mon,
    );
    expect(judged.map((j) => j.hit)).toEqual([true, false]);
    // Both steps fell due in the week of Monday 7 December.
    expect(judged.map((j) => weekStartOf(j.at, SH))).toEqual(['2026-12-07', '2026-12-07']);
  });

  it('adds the delivery step of a request with a need-by date', () => {
    const r = request({
      id: 'd',
      status: 'delivered',
      answeredAt: bj('2026-11-30T11:00:00'),
      needBy: '2026-12-02',
      deliveredAt: bj('2026-12-02T18:00:00'),
    });
    expect(complianceJudgements([r], now).map((j) => j.hit)).toEqual([true, true]);
  });
});

describe('on-time delivery, by the need-by date where the provider works', () => {
  it('after 国庆: need-by 2026-10-08, delivered 07:30 Beijing on the 9th is late though UTC still says the 8th', () => {
    const at = bj('2026-10-09T07:30:00');
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2026-10-08');
    const late = request({ id: 'l', status: 'delivered', needBy: '2026-10-08', deliveredAt: at });
    const inTime = request({
      id: 'i',
      status: 'delivered',
      needBy: '2026-10-08',
      deliveredAt: bj('2026-10-08T23:59:00'),
    });
    expect(deliveryJudgements([late, inTime], bj('2026-10-10T00:00:00')).map((j) => j.hit)).toEqual([false, true]);
    expect(endOfDay('2026-10-08', SH)).toBe(Date.parse('2026-10-08T16:00:00Z'));
  });

  it('in New York the same need-by day ends 12 hours later (EDT, UTC-4)', () => {
    const r = request({
      id: 'ny',
      status: 'delivered',
      needBy: '2026-10-08',
      providerTimeZone: 'America/New_York',
      deliveredAt: Date.parse('2026-10-09T03:30:00Z'),
    });
    expect(deliveryJudgements([r], Date.parse('2026-10-10T00:00:00Z'))).toEqual([
      { at: Date.parse('2026-10-09T04:00:00Z'), hit: true },
    ]);
  });

  it('counts an open request past its need-by as late, and a declined one not at all', () => {
    const open = request({ id: 'o', status: 'committed', needBy: '2026-12-01' });
    const declined = request({ id: 'x', status: 'declined', needBy: '2026-12-01', declined: true });
    expect(deliveryJudgements([open, declined], bj('2026-12-03T00:00:00'))).toEqual([
      { at: bj('2026-12-02T00:00:00'), hit: false },
    ]);
  });
});

describe('推诿扯皮率: declined, bounced or escalated requests of all requests', () => {
  it('20 requests, one declined and asked again, one escalated: 2 of 20 = 10 %, above the 5 % target', () => {
    const rs = Array.from({ length: 20 }, (_, i) =>
      request({ id: `r${i}`, declined: i === 3, escalated: i === 7, status: i === 3 ? 'requested' : 'committed' }),
    );
    const f = figureOf('buckPassing', buckPassingJudgements(rs), ['2026-11-30'], SH);
    expect([f.hit, f.total, f.value]).toEqual([2, 20, 0.1]);
    expect(meetsTarget(f)).toBe(false);
    expect(f.trend).toEqual([{ week: '2026-11-30', value: 0.1, hit: 2, total: 20 }]);
  });

  it('meets the target only strictly below 5 %: 1 of 20 is not, 1 of 21 is', () => {
    expect(meetsTarget({ value: 1 / 20, target: 0.05, better: 'lower' })).toBe(false);
    expect(meetsTarget({ value: 1 / 21, target: 0.05, better: 'lower' })).toBe(true);
  });
});

describe('问题遗漏率: problems nobody owned in time', () => {
  const now = bj('2026-12-03T12:00:00');
  it('late requests without an owner, escalations naming no department or raised after the deadline, milestones without an owner', () => {
    const judged = omissionJudgements(
      {
        requests: [
          request({ id: 'owned-late' }),
          request({ id: 'orphan-late', owned: false }),
          request({ id: 'orphan-fine', owned: false, status: 'acknowledged', answeredAt: bj('2026-11-30T11:00:00') }),
          request({ id: 'raised-late', createdAt: bj('2026-11-30T10:00:00'), needBy: '2026-11-28' }),
        ],
        escalations: [
          { id: 'e1', raisedAt: bj('2026-12-01T10:00:00'), departmentAsked: 'legal', subjectDeadline: 0 },
          { id: 'e2', raisedAt: bj('2026-12-01T10:00:00'), departmentAsked: '', subjectDeadline: 0 },
          {
            id: 'e3',
            raisedAt: bj('2026-12-02T10:00:00'),
            departmentAsked: 'rd',
            subjectDeadline: bj('2026-12-02T00:00:00'),
          },
        ],
        milestones: [
          {
            id: 'v1',
            releaseDate: '2026-11-20',
            bufferDays: 3,
            released: false,
            ownerDepartmentId: null,
            timeZone: SH,
          },
          {
            id: 'v2',
            releaseDate: '2026-11-20',
            bufferDays: 3,
            released: false,
            ownerDepartmentId: 'rd',
            timeZone: SH,
          },
          {
            id: 'v3',
            releaseDate: '2026-12-20',
            bufferDays: 0,
            released: false,
            ownerDepartmentId: null,
            timeZone: SH,
          },
        ],
      },
      now,
    );
    // Problems: owned-late, orphan-late, raised-late (its response is late too), e1, e2, e3, v1, v2 = 8.
    // Missed: orphan-late, raised-late, e2, e3, v1 = 5.
    expect(judged).toHaveLength(8);
    expect(judged.filter((j) => j.hit)).toHaveLength(5);
  });
});

describe('信息遗漏率: notices not acknowledged within their reply deadline', () => {
  it('judges a notice once its deadline passed or all read; a late read is an omission', () => {
    const sentAt = bj('2026-12-01T10:00:00');
    const replyBy = bj('2026-12-02T10:00:00');
    const judged = infoOmissionJudgements(
      [
        { id: 'n1', sentAt, replyBy, recipients: ['a', 'b'], readAt: { a: sentAt + H, b: sentAt + 2 * H } },
        { id: 'n2', sentAt, replyBy, recipients: ['a', 'b'], readAt: { a: sentAt + H, b: replyBy + H } },
        { id: 'n3', sentAt, replyBy, recipients: ['a'], readAt: {} },
        { id: 'n4', sentAt, replyBy: bj('2026-12-09T10:00:00'), recipients: ['a'], readAt: {} },
      ],
      bj('2026-12-03T10:00:00'),
    );
    expect(judged.map((j) => j.hit)).toEqual([false, true, true]);
  });
});

describe('协作满意度: the share of answers of 4 or 5', () => {
  it('two forms [5,4,3,4] and [5,5,2,4]: 6 of 8 answers = 75 % (the mean, 4.0 of 5, would have read 80 %)', () => {
    const f = figureOf(
      'satisfactionShare',
      satisfactionJudgements([
        { at: bj('2026-12-01T10:00:00'), scores: [5, 4, 3, 4] },
        { at: bj('2026-12-02T10:00:00'), scores: [5, 5, 2, 4] },
      ]),
      ['2026-11-30'],
      SH,
    );
    expect([f.hit, f.total, f.value]).toEqual([6, 8, 0.75]);
    expect(meetsTarget(f)).toBe(false);
  });
});

describe('同类问题重复发生率: repeats of a case-library problem, across projects', () => {
  it('a tag first seen in another project makes the later problem a repeat', () => {
    const judged = repeatJudgements(
      [
        { id: 'aics-1', projectKey: 'AICS', at: 1, tags: ['接口文档'] },
        { id: 'pay-1', projectKey: 'PAY', at: 2, tags: ['接口文档', '排期'] },
        { id: 'pay-2', projectKey: 'PAY', at: 3, tags: ['需求变更'] },
        { id: 'pay-3', projectKey: 'PAY', at: 4, tags: ['排期'] },
        { id: 'pay-4', projectKey: 'PAY', at: 5, tags: [] },
      ],
      'PAY',
    );
    expect(judged.map((j) => j.hit)).toEqual([true, false, true]);
  });
});

describe('项目延期率: per project, milestones past release plus buffer', () => {
  const m = (over: Partial<MilestoneFacts>): MilestoneFacts => ({
    id: 'v',
    releaseDate: '2026-02-13',
    bufferDays: 10,
    released: false,
    ownerDepartmentId: null,
    timeZone: SH,
    ...over,
  });
  it('over 春节: release 2026-02-13 with 10 buffer days may ship by 2026-02-23; unreleased on the 24th is late', () => {
    expect(milestoneDeadline(m({}))).toBe('2026-02-23');
    expect(projectDelayAsOf([[m({})]], '2026-02-23')).toEqual({ hit: 0, total: 0 });
    expect(projectDelayAsOf([[m({})]], '2026-02-24')).toEqual({ hit: 1, total: 1 });
  });

  it('counts projects, not milestones or work items: 3 projects, one with 2 late milestones, is 1 of 3', () => {
    const late = m({ releaseDate: '2026-11-01', bufferDays: 0 });
    const shipped = m({ releaseDate: '2026-11-01', released: true });
    const future = m({ releaseDate: '2027-01-01' });
    expect(projectDelayAsOf([[late, late], [shipped, future], [shipped]], '2026-12-03')).toEqual({
      hit: 1,
      total: 3,
    });
  });

  it('its weekly trend reads the state at each week end', () => {
    const f = stateFigureOf('projectDelay', (asOf) => projectDelayAsOf([[m({})]], asOf), '2026-03-04', [
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    expect(f.trend.map((p) => p.value)).toEqual([null, 1, 1]);
    expect([f.hit, f.total]).toEqual([1, 1]);
  });
});

describe('weekly points', () => {
  it('place an instant in its week where the viewer is (Sunday 23:30 Beijing is still that week)', () => {
    expect(weekStartOf(bj('2026-12-06T23:30:00'), SH)).toBe('2026-11-30');
    expect(weekStartOf(bj('2026-12-07T00:30:00'), SH)).toBe('2026-12-07');
    expect(lastWeeks(bj('2026-12-03T12:00:00'), SH, 3)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('add up to the figure for the weeks shown, and show no data (not 0 %) for an empty week', () => {
    const judged = [
      { at: bj('2026-11-17T10:00:00'), hit: true },
      { at: bj('2026-11-18T10:00:00'), hit: false },
      { at: bj('2026-12-01T10:00:00'), hit: true },
    ];
    const f = figureOf('compliance', judged, ['2026-11-16', '2026-11-23', '2026-11-30'], SH);
    expect(f.trend).toEqual([
      { week: '2026-11-16', value: 0.5, hit: 1, total: 2 },
      { week: '2026-11-23', value: null, hit: 0, total: 0 },
      { week: '2026-11-30', value: 1, hit: 1, total: 1 },
    ]);
    expect(f.trend.reduce((a, p) => a + p.total, 0)).toBe(f.total);
    expect(figureOf('compliance', [], [], SH).value).toBeNull();
  });
});

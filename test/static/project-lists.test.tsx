import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import type { ActionView, Locale, RetrospectiveView, RiskView } from '@contract';
import { PROJECT_OVERVIEW } from './fixtures';
import { prepareMarkup, renderMarkup, textOf as text } from './markup';

/**
 * The project page's long lists, rendered on the server (markup only, no DOM): a page at a time with the total
 * and a "Show more" button while there is a next page, in English and Chinese; the monthly report that covers
 * every risk, not only the rows shown.
 */
type Views = {
  i18n: typeof import('../../static/shared/i18n');
  kit: typeof import('../../static/project-page/src/kit');
  risks: typeof import('../../static/project-page/src/risks/RisksSection');
  retros: typeof import('../../static/project-page/src/retrospectives/RetrospectivesSection');
};
let m: Views;

beforeAll(async () => {
  m = {
    i18n: await prepareMarkup(),
    kit: await import('../../static/project-page/src/kit'),
    risks: await import('../../static/project-page/src/risks/RisksSection'),
    retros: await import('../../static/project-page/src/retrospectives/RetrospectivesSection'),
  };
});
afterAll(() => {
  vi.restoreAllMocks();
});

const render = (locale: Locale, element: ReactElement) => renderMarkup(m.i18n, locale, element);
const client = { call: () => new Promise<never>(() => undefined) };
const person = (n: number) => ({ accountId: `u${n}`, displayName: `Person ${n}`, active: true });

// What the server sends: the zone and the months as the domain decides them (here for a viewer in UTC).
const risk = (i: number, over: Partial<RiskView> = {}): RiskView =>
  withDecisions({
    id: `risk-${String(i).padStart(6, '0')}`,
    title: `Risk ${i}`,
    probability: 4,
    impact: 4,
    score: 16,
    owner: person(i),
    deputy: null,
    response: '',
    status: 'open',
    reviewDate: '2025-03-20',
    issueKeys: [],
    dependencyIds: [],
    createdAt: '2025-03-01T00:00:00.000Z',
    updatedAt: '2025-03-01T00:00:00.000Z',
    closedAt: null,
    version: 1,
    ...over,
  });
function withDecisions(r: Omit<RiskView, 'zone' | 'openedMonth' | 'closedMonth'> & Partial<RiskView>): RiskView {
  return {
    zone: r.score >= 15 ? 'high' : r.score >= 6 ? 'medium' : 'low',
    openedMonth: r.createdAt.slice(0, 7),
    closedMonth: r.closedAt?.slice(0, 7) ?? null,
    ...r,
  };
}
const action = (i: number): ActionView => ({
  id: `action-${String(i).padStart(6, '0')}`,
  retrospectiveId: null,
  title: `Action ${i}`,
  owner: person(i),
  dueDate: '2025-03-12',
  status: 'open',
  tags: [],
  issueKey: null,
  overdue: false,
  carriedOver: false,
  version: 1,
});
const retro = (i: number): RetrospectiveView => ({
  id: `retro-${String(i).padStart(6, '0')}`,
  versionId: null,
  heldOn: `2025-02-${String(i + 1).padStart(2, '0')}`,
  wentWell: `went well ${i}`,
  findings: [],
  toImprove: '',
  scores: null,
  tags: [],
  createdBy: person(1),
  version: 1,
});

describe('the list footer', () => {
  const footer = (locale: Locale, shown: number, total: number, hasMore: boolean) =>
    render(
      locale,
      <m.kit.ListFooter
        shown={shown}
        total={total}
        hasMore={hasMore}
        pageSize={20}
        label="Risks"
        onMore={() => undefined}
      />,
    );

  it('says how many rows are shown of how many, and offers the next page while there is one', () => {
    const html = footer('en', 20, 250, true);
    expect(text(html)).toContain('Showing 20 of 250');
    expect(html).toMatch(/<button[^>]*aria-label="Show 20 more: Risks"[^>]*>.*Show 20 more/);
    expect(html).toContain('role="status"');
  });

  it('offers only what is left on the last page, and no button at the end', () => {
    expect(text(footer('en', 240, 250, true))).toContain('Show 10 more');
    const end = footer('en', 250, 250, false);
    expect(text(end)).toContain('Showing 250 of 250');
    expect(end).not.toContain('<button');
  });

  it('speaks Chinese', () => {
    const t = text(footer('zh', 20, 250, true));
    expect(t).toContain('显示 20 条，共 250 条');
    expect(t).toContain('再显示 20 条');
  });

  it('never claims fewer rows than it shows (a summary a moment older than the list)', () => {
    expect(text(footer('en', 21, 20, false))).toContain('Showing 21 of 21');
  });
});

describe('the risk register, a page at a time', () => {
  const overview = { ...PROJECT_OVERVIEW, risks: { open: 40, high: 12, closed: 5, cells: { '4:4': 40 } } };
  const page = Array.from({ length: 20 }, (_, i) => risk(i, { score: 25 - i, probability: 5, impact: 5 - (i % 5) }));

  it('shows the page in the order the server ranked it, the register’s total, and Show more', () => {
    const html = render(
      'en',
      <m.risks.RisksView
        overview={overview}
        client={client}
        refresh={() => undefined}
        retry={() => undefined}
        data={{ asOf: '2025-03-10T09:00:00.000Z', risks: page, next: '0.00.x', canEdit: true }}
      />,
    );
    const t = text(html);
    expect(html.match(/<th scope="row">Risk \d+<\/th>/g)).toHaveLength(20);
    expect(t.indexOf('Risk 0 ')).toBeLessThan(t.indexOf('Risk 19 '));
    expect(t).toContain('Showing 20 of 45');
    expect(t).toContain('Show 20 more');
    // The heat map comes from the summary (every open risk), not from the page.
    expect(html).toMatch(/title="Probability 4, impact 4: 40"/);
    // The monthly report reads the whole register when asked.
    expect(t).toContain('Prepare the report');
    expect(t).toContain('covers every risk in the register');
  });

  it('in Chinese, without a button when the page is the whole register', () => {
    const small = { ...overview, risks: { open: 2, high: 0, closed: 0, cells: {} } };
    const html = render(
      'zh',
      <m.risks.RisksView
        overview={small}
        client={client}
        refresh={() => undefined}
        retry={() => undefined}
        data={{ asOf: '2025-03-10T09:00:00.000Z', risks: page.slice(0, 2), next: null, canEdit: false }}
      />,
    );
    expect(text(html)).toContain('显示 2 条，共 2 条');
    expect(text(html)).toContain('生成报告');
    expect(text(html)).not.toContain('再显示');
  });
});

describe('retrospectives and action items, a page at a time', () => {
  it('shows ten retrospectives of twelve, the first page of action items and the action items’ total', () => {
    const overview = { ...PROJECT_OVERVIEW, actions: { open: 200, overdue: 3, done: 50 } };
    const data = {
      asOf: '2025-03-10T09:00:00.000Z',
      retrospectives: Array.from({ length: 12 }, (_, i) => retro(i)),
      actions: Array.from({ length: 20 }, (_, i) => action(i)),
      actionsNext: '0.2025-03-12.x',
      recurringTags: [],
      canEdit: false,
    };
    const html = render(
      'en',
      <m.retros.RetrospectivesView
        overview={overview}
        client={client}
        refresh={() => undefined}
        retry={() => undefined}
        data={data}
      />,
    );
    const t = text(html);
    expect(html.match(/class="cx-card"/g)).toHaveLength(10);
    expect(t).toContain('Showing 10 of 12');
    expect(t).toContain('Show 2 more');
    expect(html.match(/<th scope="row">Action \d+/g)).toHaveLength(20);
    expect(t).toContain('Showing 20 of 250');
    expect(t).toContain('Show 20 more');
  });
});

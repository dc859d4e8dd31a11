import { beforeAll, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import type { DependencyOverview, Locale } from '@contract';
import { CATALOGUES } from '../../static/shared/messages';
import { ISSUE_PANEL } from './fixtures';
import { prepareMarkup, renderMarkup, textOf } from './markup';

type Views = {
  i18n: typeof import('../../static/shared/i18n');
  deps: typeof import('../../static/issue-panel/src/dependencies/DependenciesSection');
  page: typeof import('../../static/project-page/src/dependencies/DependenciesOverviewSection');
};
let m: Views;

beforeAll(async () => {
  m = {
    i18n: await prepareMarkup(),
    deps: await import('../../static/issue-panel/src/dependencies/DependenciesSection'),
    page: await import('../../static/project-page/src/dependencies/DependenciesOverviewSection'),
  };
});

function render(locale: Locale, element: ReactElement): string {
  return textOf(renderMarkup(m.i18n, locale, element));
}

const OVERVIEW: DependencyOverview = {
  asOf: '2025-03-10T02:00:00.000Z',
  departments: [
    { id: 'product', nameZh: '产品部', nameEn: 'Product' },
    { id: 'rnd', nameZh: '研发部', nameEn: 'R&D' },
  ],
  matrix: [{ requesting: 'product', providing: 'rnd', total: 3, onTrack: 1, atRisk: 1, overdue: 1, blocked: 0 }],
  problems: [
    {
      id: 'link-1',
      upstreamKey: 'PAY-2',
      downstreamKey: 'PAY-5',
      requestingDept: 'product',
      providingDept: 'rnd',
      deliverable: '接口文档',
      needBy: '2025-03-07',
      status: 'committed',
      health: 'overdue',
      reason: 'needByPassed',
      days: 1,
    },
  ],
  criticalPath: { lengthDays: 7, issueKeys: ['PAY-1', 'PAY-2', 'PAY-5'], dependencyIds: ['link-0', 'link-1'] },
  open: 3,
};

// Never called in a static render; its presence is what turns the actions on.
const fakeClient = { call: () => Promise.reject(new Error('not in a static render')) } as never;

describe('dependencies in the issue panel', () => {
  it('shows health, departments, owner, why, and the delay answer, in English and Chinese', () => {
    const en = render(
      'en',
      <m.deps.DependenciesSection
        dependencies={ISSUE_PANEL.dependencies}
        asOf={ISSUE_PANEL.asOf}
        siteUrl={null}
        client={null}
      />,
    );
    expect(en).toContain('At risk');
    expect(en).toContain('Finance → R&amp;D');
    expect(en).toContain('Nobody answered within the response time');
    expect(en).toContain('Delay reason: Waiting for the regulator · Remedy: Interim terms');
    expect(en).toContain('Zhao Min');
    expect(en).not.toContain('Add dependency'); // static render: no bridge, no actions
    const zh = render(
      'zh',
      <m.deps.DependenciesSection
        dependencies={ISSUE_PANEL.dependencies}
        asOf={ISSUE_PANEL.asOf}
        siteUrl={null}
        client={null}
      />,
    );
    expect(zh).toContain('有风险');
    expect(zh).toContain('财务部（需求）→ 研发部（提供）');
    expect(zh).toContain('期望交付日期已过 3 个工作日');
  });

  it('offers the actions the server allowed when interactive', () => {
    const en = render(
      'en',
      <m.deps.DependenciesSection
        dependencies={ISSUE_PANEL.dependencies}
        asOf={ISSUE_PANEL.asOf}
        siteUrl={null}
        client={fakeClient}
      />,
    );
    expect(en).toContain('Add dependency');
    expect(en).toContain('Ask for delay reason');
    expect(en).toContain('Cancel');
    expect(en).not.toContain('Acknowledge');
  });
});

describe('a long dependency list in the panel', () => {
  const base = ISSUE_PANEL.dependencies.upstream[0]!;
  const HEALTHS = ['onTrack', 'done', 'atRisk', 'overdue', 'blocked'] as const;
  // 23 dependencies; the one blocked dependency comes last in the server's order.
  const many = Array.from({ length: 23 }, (_, i) => ({
    ...base,
    id: `link-${i}`,
    deliverable: `Deliverable ${String(i).padStart(2, '0')}`,
    health: i === 22 ? ('blocked' as const) : HEALTHS[i % 4]!,
    needBy: `2025-04-${String(28 - i).padStart(2, '0')}`,
  }));

  it('starts with the ten that need attention most, worst first, and offers the rest ten at a time', () => {
    const en = render(
      'en',
      <m.deps.DependenciesSection
        dependencies={{ upstream: many, downstream: [] }}
        asOf={ISSUE_PANEL.asOf}
        siteUrl={null}
        client={null}
      />,
    );
    const shown = [...en.matchAll(/Deliverable (\d\d)/g)].map((x) => x[1]);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe('22'); // the blocked one, though the server listed it last
    // Then the overdue ones, earliest need-by first: 19 (Apr 9), 15, 11, 7, 3.
    expect(shown.slice(1, 6)).toEqual(['19', '15', '11', '07', '03']);
    expect(en).toContain('Show 10 more');
    expect(en).toContain(' 23 ');
    const zh = render(
      'zh',
      <m.deps.DependenciesSection
        dependencies={{ upstream: many, downstream: [] }}
        asOf={ISSUE_PANEL.asOf}
        siteUrl={null}
        client={null}
      />,
    );
    expect(zh).toContain('再显示 10 条');
  });

  it('orders by health, then need-by, with undated last', () => {
    const d = (health: (typeof HEALTHS)[number], needBy: string | null) => ({ ...base, health, needBy });
    const list = [
      d('onTrack', '2025-01-01'),
      d('atRisk', null),
      d('atRisk', '2025-05-01'),
      d('overdue', '2025-06-01'),
    ].sort(m.deps.byAttention);
    expect(list.map((x) => `${x.health}:${x.needBy}`)).toEqual([
      'overdue:2025-06-01',
      'atRisk:2025-05-01',
      'atRisk:null',
      'onTrack:2025-01-01',
    ]);
  });
});

describe('why a dependency is late, in working days of the providing department', () => {
  it('counts in the right plural, and says so when no working day has passed (a holiday, a weekend)', async () => {
    const { healthReasonText } = await import('../../static/shared/dependency-reason');
    const en = m.i18n.createI18n('en', 'en-US', 'Asia/Shanghai', CATALOGUES).t;
    const zh = m.i18n.createI18n('zh', 'zh-CN', 'Asia/Shanghai', CATALOGUES).t;
    expect(healthReasonText(en, 'needByPassed', 1)).toBe('Need-by date passed 1 working day ago');
    expect(healthReasonText(en, 'needByPassed', 3)).toBe('Need-by date passed 3 working days ago');
    expect(healthReasonText(en, 'needByPassed', 0)).toBe('Need-by date passed (no working day since)');
    expect(healthReasonText(zh, 'upstreamPastDue', 0)).toBe('上游工作项已超过其截止日期（其后尚无工作日）');
    expect(healthReasonText(en, 'responseLate', 0)).toBe('Nobody answered within the response time');
    expect(healthReasonText(en, 'none', 0)).toBeNull();
    expect(healthReasonText(en, 'closed', 0)).toBeNull();
  });
});

describe('dependencies on the project page', () => {
  it('shows the department matrix, what needs attention and the critical path', () => {
    const en = render('en', <m.page.DependenciesOverview overview={OVERVIEW} />);
    expect(en).toContain('3 · 2 need attention');
    expect(en).toContain('PAY-5 waits for PAY-2 · 接口文档');
    expect(en).toContain('PAY-1 → PAY-2 → PAY-5');
    expect(en).toContain('7 working days');
    const zh = render('zh', <m.page.DependenciesOverview overview={OVERVIEW} />);
    expect(zh).toContain('产品部');
    expect(zh).toContain('关键路径');
    expect(
      render('en', <m.page.DependenciesOverview overview={{ ...OVERVIEW, matrix: [], problems: [] }} />),
    ).toContain('No cross-department dependencies');
  });
});

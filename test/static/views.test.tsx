import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import type { Locale } from '@contract';
import { CATALOGUES } from '../../static/shared/messages';
import { EMPTY_ISSUE_PANEL, EMPTY_PROJECT_OVERVIEW, ISSUE_PANEL, PROJECT_OVERVIEW } from './fixtures';
import { prepareMarkup, renderMarkup } from './markup';

// The views render on the server here: no DOM library is installed, and markup is what these tests check.
type Views = {
  i18n: typeof import('../../static/shared/i18n');
  panel: typeof import('../../static/issue-panel/src/IssuePanel');
  page: typeof import('../../static/project-page/src/ProjectPage');
  milestones: typeof import('../../static/project-page/src/milestones/MilestonesSection');
  figures: typeof import('../../static/project-page/src/figures/FiguresSection');
  agenda: typeof import('../../static/project-page/src/agenda/AgendaSection');
};
let m: Views;

beforeAll(async () => {
  m = {
    i18n: await prepareMarkup(),
    panel: await import('../../static/issue-panel/src/IssuePanel'),
    page: await import('../../static/project-page/src/ProjectPage'),
    milestones: await import('../../static/project-page/src/milestones/MilestonesSection'),
    figures: await import('../../static/project-page/src/figures/FiguresSection'),
    agenda: await import('../../static/project-page/src/agenda/AgendaSection'),
  };
});

afterAll(() => {
  vi.restoreAllMocks();
});

function render(locale: Locale, element: ReactElement): string {
  return renderMarkup(m.i18n, locale, element);
}
/** Static markup never calls the resolver, so the client is never used here. */
const panelProps = {
  client: { call: () => Promise.reject(new Error('not in a static render')) },
  onReload: () => undefined,
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('issue panel', () => {
  it('shows RACI, both dependency directions and escalations in English', () => {
    const html = render(
      'en',
      <m.panel.IssuePanel view={ISSUE_PANEL} siteUrl="https://example.atlassian.net" {...panelProps} />,
    );
    const t = text(html);
    expect(html.match(/<h2/g)).toHaveLength(3);
    expect(t).toContain('Accountable');
    expect(t).toContain('The Accountable person is also Responsible');
    expect(t).toContain('Waiting for');
    expect(t).toContain('Waited on by');
    expect(t).toContain('an issue you cannot see');
    expect(t).toContain('Late response');
    // 02:00Z is 10:00 in Shanghai.
    expect(t).toContain('Response was due Mar 9, 2025, 10:00 AM');
    expect(t).toContain('in 3 h');
    expect(t).toContain('2 days late');
    expect(t).toContain('Level 2: Department heads');
    expect(html).toContain('href="https://example.atlassian.net/browse/FIN-7"');
    // The escalations come whole with the panel: who holds them, who raised them, the binding decision.
    expect(t).toContain('Zhao Min');
    expect(t).toMatch(/Li Wei · /);
    expect(t).toContain('Legal wording stands');
    expect(t).toContain('Finance');
  });

  it('names each person’s department, shows department-level RACI and offers editing to those who may edit', () => {
    const t = text(render('en', <m.panel.IssuePanel view={ISSUE_PANEL} siteUrl={null} {...panelProps} />));
    expect(t).toContain('Li Wei Product');
    expect(t).toMatch(/Departments .*Consulted R&amp;D assigned/);
    expect(t).toContain('Edit RACI');
    const zh = text(
      render(
        'zh',
        <m.panel.IssuePanel
          view={{ ...ISSUE_PANEL, viewer: { ...ISSUE_PANEL.viewer, canEdit: false } }}
          siteUrl={null}
          {...panelProps}
        />,
      ),
    );
    expect(zh).toContain('Li Wei 产品部');
    expect(zh).not.toContain('编辑 RACI');
  });

  it('speaks Chinese', () => {
    const t = text(render('zh', <m.panel.IssuePanel view={ISSUE_PANEL} siteUrl={null} {...panelProps} />));
    expect(t).toContain('审批人（A）');
    expect(t).toContain('一个您无权查看的工作项');
    expect(t).toContain('响应逾期');
    expect(t).toContain('应于 2025年3月9日 10:00 前响应');
    expect(t).toContain('3 小时后');
    expect(t).toContain('逾期 2 天');
    expect(t).toContain('第 3 级：PMO 仲裁');
    expect(t).toContain('第 1 级：部门对接人');
  });

  it('has an empty state for every section', () => {
    const t = text(render('en', <m.panel.IssuePanel view={EMPTY_ISSUE_PANEL} siteUrl={null} {...panelProps} />));
    expect(t).toContain('No RACI roles yet');
    expect(t).toContain('Nobody is Accountable');
    expect(t).toContain('This issue is not waiting for any other issue.');
    expect(t).toContain('No issue is waiting for this one.');
    expect(t).toContain('No escalations on this issue.');
  });
});

describe('project page', () => {
  // The page's client is not called while rendering on the server; sections that load data do so in effects.
  const client = { call: () => new Promise<never>(() => undefined) };
  const props = (overview: typeof PROJECT_OVERVIEW) => ({ overview, client, refresh: () => undefined });

  it('shows the navigation, the figures and the milestones table', () => {
    const html = render('en', <m.page.ProjectPage {...props(PROJECT_OVERVIEW)} />);
    const t = text(html);
    expect(html).toContain('<h1');
    expect(html).toContain('role="tablist"');
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Overview/);
    expect(t).toContain('Payments');
    expect(t).toContain('84%'); // 61 of 72, floored
    const ms = render('en', <m.milestones.MilestonesSection {...props(PROJECT_OVERVIEW)} />);
    expect(ms).toContain('<th scope="col">Release date</th>');
    expect(text(ms)).toMatch(/Design Mar 1, 2025 3 days Product 5 of 10 Off track/);
    expect(text(ms)).toContain('6 days past the release date and buffer');
    expect(text(ms)).toContain('2 overdue issues');
    expect(text(ms)).toContain('Released');
    // One of a thing reads in the singular, on the milestones and on the overview.
    const one = {
      ...PROJECT_OVERVIEW,
      milestones: PROJECT_OVERVIEW.milestones.map((x) => ({
        ...x,
        reasons: [{ code: 'escalationsOpen' as const, n: 1 }],
      })),
    };
    expect(text(render('en', <m.milestones.MilestonesSection {...props(one)} />))).toContain('1 open escalation ');
    const overview = text(render('en', <m.page.ProjectPage {...props(one)} />));
    expect(overview).toContain('1 open escalation');
    expect(overview).not.toContain('1 open escalations');
  });

  it('says when there is nothing to show, in Chinese', () => {
    const t = text(render('zh', <m.page.ProjectPage {...props(EMPTY_PROJECT_OVERVIEW)} />));
    expect(t).toContain('暂无');
    expect(text(render('zh', <m.milestones.MilestonesSection {...props(EMPTY_PROJECT_OVERVIEW)} />))).toContain(
      '此空间还没有版本',
    );
    expect(t).toContain('尚无统计数据');
  });

  it('shows each figure against its target, and "no data yet" where nothing was counted, in both languages', () => {
    const en = text(render('en', <m.figures.FiguresSection {...props(PROJECT_OVERVIEW)} />));
    expect(en).toMatch(/Project delay rate 12% 6 of 50 · target 5%/);
    expect(en).toMatch(/Dependencies delivered on time no data yet/);
    expect(en).toMatch(/Satisfaction 3\.8 from 2 feedback forms · target 4\.5/);
    expect(en).toContain('How each figure is defined');
    const zh = text(render('zh', <m.figures.FiguresSection {...props(EMPTY_PROJECT_OVERVIEW)} />));
    expect(zh).toMatch(/项目延期率 暂无数据/);
    expect(zh).toContain('趋势从本周开始');
  });

  it('writes the weekly agenda as text and Markdown, grouped by kind', () => {
    const value = m.i18n.createI18n('en', 'en-US', 'Asia/Shanghai', CATALOGUES);
    const agenda = {
      asOf: '2025-03-10T09:00:00.000Z',
      weekOf: '2025-03-10',
      items: [
        {
          kind: 'dependency' as const,
          reason: 'late' as const,
          id: 'd1',
          title: 'Error-code list',
          issueKey: 'PAY-3',
          owner: { accountId: 'a', displayName: 'Gao Yuan' },
          due: '2025-03-07',
        },
        {
          kind: 'risk' as const,
          reason: 'highRisk' as const,
          id: 'r1',
          title: 'API unstable',
          issueKey: null,
          owner: null,
          due: '2025-03-17',
        },
      ],
    };
    const md = m.agenda.agendaText(agenda, value.t, value.fmt, true);
    expect(md).toBe(
      [
        '## Weekly sync agenda (week of Mar 10, 2025)',
        '',
        '### Dependencies',
        '- **PAY-3** Error-code list (late) — Gao Yuan · Mar 7, 2025',
        '',
        '### Risks',
        '- API unstable (high) · Mar 17, 2025',
      ].join('\n'),
    );
    expect(m.agenda.agendaText(agenda, value.t, value.fmt, false)).toContain(
      'Dependencies:\n- PAY-3 Error-code list (late)',
    );
  });
});

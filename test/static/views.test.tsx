import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Locale } from '@contract';
import { EMPTY_ISSUE_PANEL, EMPTY_PROJECT_OVERVIEW, ISSUE_PANEL, PROJECT_OVERVIEW } from './fixtures';

// The views render on the server here: no DOM library is installed, and markup is what these tests check.
type Views = {
  i18n: typeof import('../../static/shared/i18n');
  panel: typeof import('../../static/issue-panel/src/IssuePanel');
  page: typeof import('../../static/project-page/src/ProjectPage');
  milestones: typeof import('../../static/project-page/src/MilestonesSection');
};
let m: Views;

beforeAll(async () => {
  // Atlaskit's CommonJS build requires its extracted `.compiled.css`; Node cannot load CSS, and styles do not matter here.
  const cjs = createRequire(import.meta.url) as NodeJS.Require & { extensions: Record<string, (m: { exports: unknown }) => void> };
  cjs.extensions['.css'] = (module) => {
    module.exports = {};
  };
  (globalThis as { __bridge?: unknown }).__bridge = { callBridge: async () => undefined };
  // Outside Forge, Atlaskit's feature-gate client warns once that nobody initialised it.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  m = {
    i18n: await import('../../static/shared/i18n'),
    panel: await import('../../static/issue-panel/src/IssuePanel'),
    page: await import('../../static/project-page/src/ProjectPage'),
    milestones: await import('../../static/project-page/src/MilestonesSection'),
  };
});

afterAll(() => {
  vi.restoreAllMocks();
});

function render(locale: Locale, element: ReactElement): string {
  const value = m.i18n.createI18n(locale, locale === 'zh' ? 'zh-CN' : 'en-US', 'Asia/Shanghai');
  const html = renderToStaticMarkup(<m.i18n.I18nProvider value={value}>{element}</m.i18n.I18nProvider>);
  return html;
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('issue panel', () => {
  it('shows RACI, both dependency directions and escalations in English', () => {
    const html = render('en', <m.panel.IssuePanel view={ISSUE_PANEL} siteUrl="https://example.atlassian.net" />);
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
  });

  it('speaks Chinese', () => {
    const t = text(render('zh', <m.panel.IssuePanel view={ISSUE_PANEL} siteUrl={null} />));
    expect(t).toContain('问责人（A）');
    expect(t).toContain('一个您无权查看的事务');
    expect(t).toContain('响应逾期');
    expect(t).toContain('应于 2025年3月9日 10:00 前响应');
    expect(t).toContain('3 小时后');
    expect(t).toContain('逾期 2 天');
    expect(t).toContain('第 3 级：PMO 仲裁');
    expect(t).toContain('第 1 级：部门对接人');
  });

  it('has an empty state for every section', () => {
    const t = text(render('en', <m.panel.IssuePanel view={EMPTY_ISSUE_PANEL} siteUrl={null} />));
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
    expect(text(ms)).toMatch(/Design Mar 1, 2025 Overdue/);
    expect(text(ms)).toContain('Released');
  });

  it('says when there is nothing to show, in Chinese', () => {
    const t = text(render('zh', <m.page.ProjectPage {...props(EMPTY_PROJECT_OVERVIEW)} />));
    expect(t).toContain('暂无');
    expect(text(render('zh', <m.milestones.MilestonesSection {...props(EMPTY_PROJECT_OVERVIEW)} />))).toContain('此项目还没有版本');
    expect(t).toContain('尚无统计数据');
  });
});

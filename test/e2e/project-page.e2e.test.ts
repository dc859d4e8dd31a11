import { expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describeInChromium } from '../support/e2e';
import { invoke } from '../support/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/**
 * The project page (issue 6) as its coordinator sees it on the seed data: every section, in English and
 * light, then switched to Chinese and the dark theme in the shell. Screenshots go to test-results/e2e.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;
const FRAME = 'iframe[title="Collaboration health (app)"]';

/** Per section: its tab in English and Chinese, and a text the section shows only when its data came through. */
const SECTIONS = [
  { id: 'overview', en: 'Overview', zh: '概览', seenEn: 'RACI coverage', seenZh: 'RACI 覆盖率' },
  { id: 'figures', en: 'Figures', zh: '指标', seenEn: 'Project delay rate', seenZh: '项目延期率' },
  { id: 'milestones', en: 'Milestones', zh: '里程碑', seenEn: 'Off track', seenZh: '已偏离' },
  { id: 'risks', en: 'Risks', zh: '风险', seenEn: 'Heat map of open risks', seenZh: '未关闭风险热力图' },
  {
    id: 'retrospectives',
    en: 'Retrospectives',
    zh: '复盘',
    seenEn: 'Recurring problems: #需求变更',
    seenZh: '重复出现的问题：#需求变更',
  },
  {
    id: 'charter',
    en: 'Charter',
    zh: '项目信息',
    seenEn: 'Goal confirmations (协同目标确认函)',
    seenZh: '协同目标确认函',
  },
  { id: 'agenda', en: 'Weekly sync', zh: '周协调会', seenEn: 'Weekly sync agenda', seenZh: '跨部门周协调会议程' },
] as const;

async function visitAll(app: FrameLocator, lang: 'en' | 'zh', shot: (name: string) => Promise<void>) {
  for (const s of SECTIONS) {
    await app.getByRole('tab', { name: s[lang], exact: true }).click();
    await expect
      .poll(() => app.getByRole('tab', { name: s[lang], exact: true }).getAttribute('aria-selected'))
      .toBe('true');
    await app
      .getByText(lang === 'en' ? s.seenEn : s.seenZh)
      .first()
      .waitFor();
    await shot(`project-${s.id}-${lang}`);
  }
}

describeInChromium('the project page in Chromium', { apps: ['project-page'], defaultUser: gaoYuan }, (ctx) => {
  it('shows every section on the seed data, then in Chinese and the dark theme', async () => {
    const page = await ctx.open('#/project/PAY/page');
    const app = page.frameLocator(FRAME);
    await app.getByRole('tab', { name: 'Overview' }).waitFor();
    await visitAll(app, 'en', (name) => ctx.shot(page, `${name}-light`));

    // The milestone burn-ups and the trend are drawn (recharts SVG) once their sections open.
    await app.getByRole('tab', { name: 'Milestones', exact: true }).click();
    await expect.poll(() => app.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await app.getByText('M2 方案设计 Design').first().waitFor();

    await page.locator('#locale-switcher').selectOption('zh_CN');
    const zh = page.frameLocator(FRAME);
    await zh.getByRole('tab', { name: '概览' }).waitFor();
    await page.locator('#theme-toggle').click();
    await expect.poll(() => zh.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await visitAll(zh, 'zh', (name) => ctx.shot(page, `${name}-dark`));

    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows the headline figures in Chinese, each with its count, target and definition', async () => {
    const page = await ctx.open('#/project/PAY/page');
    await page.frameLocator(FRAME).getByRole('tab', { name: 'Overview' }).waitFor();
    await page.locator('#locale-switcher').selectOption('zh_CN');
    const zh = page.frameLocator(FRAME);
    await zh.getByRole('tab', { name: '指标', exact: true }).click();
    const compliance = zh.locator('.cx-stat').filter({ hasText: '流程合规率' });
    await compliance.getByText('目标 不低于 98%').waitFor();
    await compliance.getByText('定义').click();
    await compliance.getByText('逾期未答复的也计入').waitFor();
    await zh.locator('.cx-stat').filter({ hasText: '推诿扯皮率' }).getByText('目标 低于 5%').waitFor();
    await zh.locator('.cx-stat').filter({ hasText: '工作项逾期率' }).first().waitFor();
    await ctx.shot(page, 'project-headline-figures-zh');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('makes an action item a Jira issue from the retrospectives section', async () => {
    const page = await ctx.open('#/project/PAY/page');
    const app = page.frameLocator(FRAME);
    await app.getByRole('tab', { name: 'Retrospectives', exact: true }).click();
    const button = app.getByRole('button', { name: 'Create Jira issue' }).first();
    await button.waitFor();
    const before = await app.getByRole('button', { name: 'Create Jira issue' }).count();
    await button.click();
    await expect.poll(() => app.getByRole('button', { name: 'Create Jira issue' }).count()).toBe(before - 1);
    await app
      .getByText(/^PAY-\d+$/)
      .first()
      .waitFor();
    await ctx.shot(page, 'project-action-issue-en-light');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows a clear error for an action item without an owner, and adds nothing', async () => {
    const page = await ctx.open('#/project/PAY/page');
    const app = page.frameLocator(FRAME);
    await app.getByRole('tab', { name: 'Retrospectives', exact: true }).click();
    await app.getByRole('button', { name: 'Add an action item' }).click();
    const rows = await app.locator('tbody tr').count();
    const form = app.getByRole('form', { name: 'Add an action item' });
    await form.getByLabel('Action', { exact: true }).fill('Nobody owns this');
    await form.getByRole('button', { name: 'Save' }).click();
    // Named as the user sees it, next to the field: never the input's path (issue 17).
    await form.getByRole('alert').getByText('Check the field marked below: Owner.').waitFor();
    await form.locator('.cx-field', { hasText: 'Owner' }).getByText('Must not be empty').waitFor();
    expect(await form.getByText('ownerAccountId').count()).toBe(0);
    await ctx.shot(page, 'project-action-no-owner-en-light');
    expect(await app.locator('tbody tr').count()).toBe(rows);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('pages a long risk register 20 at a time, and exports every risk', async () => {
    const day = (o: number) => new Date(ctx.platform.clock.now() + o * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 45; i++) {
      const { env } = await invoke(
        ctx.platform,
        { moduleKey: 'collab-project-page', accountId: gaoYuan, projectKey: 'PAY' },
        'saveRisk',
        {
          title: `Load risk ${i}`,
          probability: (i % 5) + 1,
          impact: ((i * 2) % 5) + 1,
          ownerAccountId: gaoYuan,
          status: i % 5 === 0 ? 'closed' : 'open',
          reviewDate: day(i % 10),
          expectedVersion: null,
        },
      );
      expect(env.ok).toBe(true);
    }
    const page = await ctx.open('#/project/PAY/page');
    const app = page.frameLocator(FRAME);
    await app.getByRole('tab', { name: 'Risks', exact: true }).click();
    const register = app.getByRole('table', { name: 'Risk register' });
    await app.getByText(/^Showing 20 of \d+$/).waitFor();
    const total = Number((await app.getByText(/^Showing 20 of \d+$/).textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(49);
    expect(await register.locator('tbody tr').count()).toBe(20);
    await app.getByRole('button', { name: 'Show 20 more: Risk register' }).click();
    await app.getByText(`Showing 40 of ${total}`).waitFor();
    expect(await register.locator('tbody tr').count()).toBe(40);
    await ctx.shot(page, 'project-risks-paged-en-light');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      app.getByRole('button', { name: 'Export CSV' }).first().click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + total);

    await app.getByRole('button', { name: 'Prepare the report' }).click();
    await app.getByRole('button', { name: 'Export report CSV' }).waitFor();
    // The server picks the viewer's month (the sandbox starts in March 2026, Beijing) and the picker shows it.
    expect(await app.getByLabel('Month', { exact: true }).inputValue()).toBe('2026-03');
    await ctx.shot(page, 'project-risk-report-en-light');

    await page.locator('#locale-switcher').selectOption('zh_CN');
    const zh = page.frameLocator(FRAME);
    await zh.getByRole('tab', { name: '风险', exact: true }).waitFor();
    await page.locator('#theme-toggle').click();
    await expect.poll(() => zh.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await zh.getByRole('tab', { name: '风险', exact: true }).click();
    await zh.getByText(`显示 20 条，共 ${total} 条`).waitFor();
    await zh.getByRole('button', { name: '再显示 20 条：风险记录表' }).waitFor();
    await ctx.shot(page, 'project-risks-paged-zh-dark');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});

import { expect, it } from 'vitest';
import { describeInChromium } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke } from '../support/platform';

/**
 * Escalations as people meet them: raise one from the issue panel, let the sandbox clock run past its 24
 * working hours with the shell's clock buttons (the hourly sweep runs on the way), and see level 2 and the
 * timeline; the arbiter's binding decision; Chinese and dark.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;
const DAY = 86_400_000;

describeInChromium(
  'escalations in Chromium',
  { apps: ['issue-panel', 'project-page', 'admin-page', 'project-settings'], defaultUser: gaoYuan },
  (ctx) => {
    it('a level holder acknowledges from the panel, which opened with one invocation', async () => {
      const mark = ctx.platform.host.invocationMark();
      const page = await ctx.open('#/issue/PAY-14', { user: SEED_USERS.zhouJie.accountId });
      const card = page.frameLocator('iframe[title="Collaboration (app)"]').locator('[data-escalation]').first();
      await card.getByRole('button', { name: 'Acknowledge' }).waitFor();
      // Every section, the holders' names and what this viewer may do came with the panel's one resolver call.
      const opened = ctx.platform.host.invocationsSince(mark).filter((i) => i.moduleKey === 'collab-issue-panel');
      expect(opened.map((i) => i.detail)).toEqual(['getIssuePanel']);
      expect(await card.textContent()).toContain('周杰 Zhou Jie');
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => card.textContent()).toContain('Acknowledged');
      await card.getByRole('button', { name: 'Resolve' }).click();
      await card.getByRole('button', { name: 'Confirm' }).waitFor();
      expect(await card.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
      await page.context().close();
    });

    it('raise an escalation, move the clock past 24 working hours, see level 2 and the timeline', async () => {
      const page = await ctx.open('#/issue/PAY-17');
      const panel = page.frameLocator('iframe[title="Collaboration (app)"]');
      await panel.getByRole('button', { name: 'Raise escalation' }).click();
      await panel
        .getByLabel(/What is blocked/)
        .fill('活动页支付入口改版需研发排期\nThe campaign payment entry needs R&D time');
      await panel.getByLabel('Impact').fill('活动延期 / the campaign slips');
      await panel.getByLabel('Support needed').fill('本周排期 / schedule it this week');
      await panel.getByLabel(/Department asked/).selectOption('rnd');
      await panel.getByRole('button', { name: 'Raise', exact: true }).click();
      const card = panel.locator('[data-escalation]').first();
      await card.locator('.cx-row-title').getByText('活动页支付入口改版需研发排期').waitFor();
      await expect.poll(() => card.textContent()).toContain('Level 1: Interface persons');
      await expect.poll(() => card.textContent()).toContain('周杰 Zhou Jie');
      await ctx.shot(page, 'escalation-raised-en-light');

      // How many shell "1d" clicks take the clock past the level-1 deadline (24 h on working days, mainland calendar).
      const { env } = await invoke(
        ctx.platform,
        { moduleKey: 'collab-issue-panel', accountId: gaoYuan, issueKey: 'PAY-17' },
        'getIssuePanel',
      );
      if (!env.ok) throw new Error(env.error.message);
      const due = Date.parse(env.data.escalations.escalations[0].dueAt);
      const days = Math.ceil((due - ctx.platform.clock.now()) / DAY);
      expect(days).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < days; i++) {
        await page.locator('button[data-advance="24"]').click();
        await expect.poll(() => ctx.platform.clock.now() >= due - (days - i - 1) * DAY - 1000).toBe(true);
      }
      if (ctx.platform.clock.now() <= due + 3_600_000) await page.locator('button[data-advance="1"]').click();
      // Wait for the hour itself (the click returns before the shell has moved the clock and run the hourly sweep):
      // a clock only seconds past the deadline has not yet seen a sweep after it.
      await expect.poll(() => ctx.platform.clock.now() > due + 30 * 60_000).toBe(true);
      await page.reload();
      const after = page.frameLocator('iframe[title="Collaboration (app)"]').locator('[data-escalation]').first();
      await expect.poll(() => after.textContent(), { timeout: 15_000 }).toContain('Level 2: Department heads');
      await after.getByText('赵敏 Zhao Min').first().waitFor();
      await after.getByRole('button', { name: 'Show timeline' }).click();
      await after.getByText(/Level 1’s time limit ran out: it climbed to level 2/).waitFor();
      await after.getByText('Notified level 2:').waitFor();
      await ctx.shot(page, 'escalation-level2-timeline-en-light');
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it('the PMO arbiter sees the binding decision, in Chinese and dark', async () => {
      const page = await ctx.open('#/issue/PAY-8', {
        user: SEED_USERS.maChao.accountId,
        locale: 'zh_CN',
        theme: 'dark',
      });
      const card = page.frameLocator('iframe[title="Collaboration (app)"]').locator('[data-escalation]').first();
      await card.getByText('最终裁决').waitFor();
      await card.getByText('仲裁裁决（各部门须执行）').waitFor();
      await card.getByRole('button', { name: '查看处理记录' }).click();
      await card.getByText(/在第 3 级作出裁决/).waitFor();
      await ctx.shot(page, 'escalation-decided-zh-dark');
      await page.context().close();
    });

    it('the project page shows open escalations by level and age; its admins set the ladder in Project settings', async () => {
      const page = await ctx.open('#/project/PAY/page');
      const app = page.frameLocator('iframe[title="Collaboration health (app)"]');
      await app.getByRole('tab', { name: 'Escalations' }).click();
      await app.getByRole('heading', { name: 'Escalations', exact: true }).waitFor();
      await app.getByText('Resolved within the limit').waitFor();
      await app.getByText('Mean time to resolve').waitFor();
      await app.getByText(/Project settings → Escalation ladder/).waitFor();
      await ctx.shot(page, 'escalation-project-page-en-light');
      expect(page.errors).toEqual([]);
      await page.context().close();

      const settings = await ctx.open('#/project/PAY/settings/escalation-ladder');
      const form = settings.frameLocator('iframe[title$="(app)"]');
      await form.getByRole('heading', { name: 'Escalation ladder' }).waitFor();
      await form.getByText('马超 Ma Chao').first().waitFor();
      // Issue 15: the routine tier's level-1 share of the end-to-end limit.
      await form.getByLabel('Level 1 (hours)').first().fill('16');
      await form.getByRole('button', { name: 'Save ladder' }).click();
      await form.getByText('Ladder saved.').waitFor();
      await ctx.shot(settings, 'escalation-ladder-settings-en-light');
      expect(settings.errors).toEqual([]);
      await settings.context().close();
    });

    it('the admin page edits calendars and shows a new web trigger secret once', async () => {
      const page = await ctx.open('#/admin', { user: SEED_USERS.linTao.accountId, locale: 'zh_CN', theme: 'dark' });
      const app = page.frameLocator('iframe[title="Collaboration settings (app)"]');
      await app.getByRole('heading', { name: '工作日历' }).waitFor();
      await app.locator('[data-department-calendar="legal"] select').selectOption('weekends');
      await app.getByRole('button', { name: '保存日历' }).click();
      await app.getByText('日历已保存。').waitFor();
      await app.getByRole('button', { name: '生成新密钥' }).click();
      await app.getByRole('button', { name: '生成新密钥' }).click();
      const secret = await app.locator('[data-secret]').textContent();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await ctx.shot(page, 'escalation-admin-zh-dark');
      await page.context().close();
    });

    it('a Jira Automation rule raises and climbs an escalation; the issue’s Escalation fields follow', async () => {
      const page = await ctx.open('#/issue/PAY-20');
      await page.locator('#issue-summary').waitFor();
      const answers = ['回归测试环境不可用 / regression environment down', 'rnd'];
      page.on('dialog', (d) => void d.accept(answers.shift()));
      await page.locator('button[data-automation="raise-escalation"]').click();
      await page.getByText(/Automation ran raise-escalation: .* is at level 1/).waitFor();
      await expect.poll(() => page.locator('[data-field="Escalation level"]').textContent()).toBe('1');
      await page.locator('button[data-automation="climb-escalation"]').click();
      await page.getByText(/Automation ran climb-escalation: .* is at level 2/).waitFor();
      await expect.poll(() => page.locator('[data-field="Escalation level"]').textContent()).toBe('2');
      expect(await page.locator('[data-field="Escalation state"]').textContent()).toBe('open');
      const card = page.frameLocator('iframe[title="Collaboration (app)"]').locator('[data-escalation]').first();
      await card.getByRole('button', { name: 'Show timeline' }).click();
      await card.getByText('Jira Automation').first().waitFor();
      await ctx.shot(page, 'escalation-automation-en-light');
      await page.context().close();
    });
  },
);

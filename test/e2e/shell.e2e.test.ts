import { expect, it } from 'vitest';
import { join } from 'node:path';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke } from '../support/platform';

/**
 * The sandbox as a person sees it: Debian's Chromium opens the shell, an issue with the app's panel and the
 * project page, and checks they show what came through the resolvers. Screenshots go to test-results/e2e.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;

describeInChromium(
  'the sandbox in Chromium',
  { apps: ['issue-panel', 'project-page'], defaultUser: gaoYuan },
  (ctx) => {
    const open = ctx.open;

    it('shows an issue with its RACI fields and the app panel with data from the resolver', async () => {
      const before = ctx.platform.host.invocations.filter((i) => i.detail === 'getIssuePanel').length;
      const page = await open('#/issue/PAY-6');
      await expect.poll(() => page.locator('#issue-summary').textContent()).toContain('PAY-6');
      await expect
        .poll(() => page.locator('[data-field="Accountable"] .chip').first().textContent())
        .toContain('张伟 Zhang Wei');
      const panel = page.frameLocator('iframe[title="Collaboration (app)"]');
      await panel.getByText('PAY-5', { exact: false }).first().waitFor();
      await panel.getByText('张伟 Zhang Wei').first().waitFor();
      const calls = ctx.platform.host.invocations.filter((i) => i.detail === 'getIssuePanel');
      expect(calls.length).toBe(before + 1);
      expect(calls.at(-1)).toMatchObject({ ok: true, accountId: gaoYuan, moduleKey: 'collab-issue-panel' });
      await page.screenshot({ path: join(SHOTS, 'issue-en-light.png'), fullPage: true });
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it('shows the project page with the figures the resolver computed', async () => {
      const { env } = await invoke(
        ctx.platform,
        { moduleKey: 'collab-project-page', accountId: gaoYuan, projectKey: 'PAY' },
        'getProjectOverview',
      );
      if (!env.ok) throw new Error(env.error.message);
      const coverage = `${Math.floor(env.data.raciCoverage * 100)}%`;
      const page = await open('#/project/PAY/page');
      const app = page.frameLocator('iframe[title="Collaboration health (app)"]');
      await app.getByText('RACI coverage').first().waitFor();
      await app.getByText(coverage, { exact: true }).first().waitFor();
      await app.getByText(String(env.data.rollup.issueCount), { exact: true }).first().waitFor();
      await app.getByRole('tab', { name: 'Milestones' }).click();
      await app.getByText('M2 方案设计 Design').first().waitFor();
      await page.screenshot({ path: join(SHOTS, 'project-en-light.png'), fullPage: true });
      await page.context().close();
    });

    it('shows the app’s read-only escalation fields on the issue, people by name', async () => {
      const handle = (method: string, path: string, body?: unknown) =>
        ctx.platform.jira.handle({
          method,
          path,
          actor: { kind: 'app' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const issue = JSON.parse((await handle('GET', '/rest/api/3/issue/PAY-6?fields=summary')).body) as { id: string };
      const set = await handle('POST', '/rest/api/3/app/field/value', {
        updates: [
          {
            customField: 'escalation-holders',
            issueIds: [Number(issue.id)],
            value: [{ accountId: SEED_USERS.wangLei.accountId }, { accountId: SEED_USERS.liNa.accountId }],
          },
          { customField: 'escalation-raisers', issueIds: [Number(issue.id)], value: [{ accountId: gaoYuan }] },
        ],
      });
      expect(set.status).toBe(204);
      await ctx.platform.settle();
      const page = await open('#/issue/PAY-6');
      await expect
        .poll(() => page.locator('[data-field="Escalation holders"]').textContent())
        .toBe(`${SEED_USERS.wangLei.displayName}, ${SEED_USERS.liNa.displayName}`);
      expect(await page.locator('[data-field="Escalation raised by"]').textContent()).toBe(
        SEED_USERS.gaoYuan.displayName,
      );
      await page.screenshot({ path: join(SHOTS, 'issue-escalation-fields-en-light.png'), fullPage: true });
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it('follows the user’s language and Jira’s dark theme', async () => {
      const page = await open('#/project/PAY/page', { locale: 'zh_CN', theme: 'dark' });
      const frame = page.frameLocator('iframe[title="Collaboration health (app)"]');
      await frame.getByRole('tab', { name: '里程碑' }).waitFor();
      await frame.getByText('RACI 覆盖率').first().waitFor();
      const mode = await frame.locator('html').getAttribute('data-color-mode');
      expect(mode).toBe('dark');
      await page.screenshot({ path: join(SHOTS, 'project-zh-dark.png'), fullPage: true });
      await page.context().close();
      const issue = await open('#/issue/PAY-6', { locale: 'zh_CN', theme: 'dark' });
      await issue.frameLocator('iframe[title="Collaboration (app)"]').getByText('依赖').first().waitFor();
      await issue.screenshot({ path: join(SHOTS, 'issue-zh-dark.png'), fullPage: true });
      await issue.context().close();
    });

    it('hides a project from a user who may not browse it', async () => {
      const page = await open('#/issue/PAY-6', { user: SEED_USERS.kevinXu.accountId });
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('does not exist or you do not have permission');
      expect(await page.locator('nav').textContent()).not.toContain('PAY');
      await page.context().close();
    });

    it('moves the sandbox clock forward and the panel shows the late request', async () => {
      // PAY-12 (gateway) waits on PAY-9 (third-party review): a request the seed leaves unanswered. Responses are
      // due within 24 working hours, so a week of sandbox time makes it late whatever the weekday.
      const page = await open('#/issue/PAY-12');
      const panel = page.frameLocator('iframe[title="Collaboration (app)"]');
      await panel.getByText('PAY-9').first().waitFor();
      await page.locator('button[data-advance="24"]').click();
      await page.getByText(/Clock moved 1d/).waitFor();
      await page.locator('button[data-advance="168"]').click();
      await expect.poll(() => page.getByText(/Clock moved 1w; \d+ scheduled run/).count()).toBeGreaterThan(0);
      await page.reload();
      await page.frameLocator('iframe[title="Collaboration (app)"]').getByText('Late response').first().waitFor();
      await page.screenshot({ path: join(SHOTS, 'issue-after-clock.png'), fullPage: true });
      await page.context().close();
    });
  },
);

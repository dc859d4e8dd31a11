import { expect, it } from 'vitest';
import { join } from 'node:path';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/**
 * Issue 16's Jira-native places in Chromium as 罗斌 Luo Bin: the queue as a gadget on Dashboards, and the work
 * item's collaboration status (`jira:issueContext`) in the issue view, in English and in Chinese.
 */
const luoBin = SEED_USERS.luoBin.accountId;
const GADGET = 'iframe[title="My collaboration queue (gadget)"]';
const CONTEXT = 'iframe[title="Collaboration status (app context)"]';

describeInChromium(
  'the queue gadget and the issue context in Chromium',
  { apps: ['collab-page', 'issue-panel'], defaultUser: luoBin },
  (ctx) => {
    it('shows the queue as a gadget on Dashboards, without the page’s headings', async () => {
      const page = await ctx.open('#/project/PAY');
      await page.getByRole('link', { name: 'Dashboards', exact: true }).click();
      await page.getByRole('heading', { name: 'My collaboration queue' }).waitFor();
      const gadget = page.frameLocator(GADGET);
      await gadget.getByText('Your department: R&D').waitFor();
      await gadget.getByRole('link', { name: 'Open DATA-1', exact: true }).waitFor();
      expect(await gadget.getByRole('heading', { name: 'My queue' }).count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'collab-gadget-en-light.png'), fullPage: true });
      expect(page.errors).toEqual([]);
      await page.context().close();
    }, 60_000);

    it('speaks Chinese on the dashboard', async () => {
      const page = await ctx.open('#/dashboards', { locale: 'zh_CN' });
      await page.frameLocator(GADGET).getByText('你的部门：研发部').waitFor();
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it('shows the work item’s status at a glance in the issue view, in English and Chinese', async () => {
      const page = await ctx.open('#/issue/AICS-8');
      const context = page.frameLocator(CONTEXT);
      await context.getByText(/^(Waiting for \d+ · )?Escalated L2$/).waitFor();
      await context.getByText('Its highest open escalation is at level 2.').waitFor();
      await page.screenshot({ path: join(SHOTS, 'collab-context-en-light.png'), fullPage: true });
      expect(page.errors).toEqual([]);
      await page.context().close();
      const zh = await ctx.open('#/issue/AICS-8', { locale: 'zh_CN' });
      await zh
        .frameLocator(CONTEXT)
        .getByText(/^(等待 \d+ 项 · )?已升级 L2$/)
        .waitFor();
      expect(zh.errors).toEqual([]);
      await zh.context().close();
    }, 60_000);
  },
);

import { expect, it } from 'vitest';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/**
 * Apps → Collaboration (issue 16) in Chromium as 罗斌 Luo Bin: his department's queue across PAY and DATA, a
 * commit from the list, one click to the work item, and the page in Chinese. Screenshots go to test-results/e2e.
 */
const luoBin = SEED_USERS.luoBin.accountId;
const FRAME = 'iframe[title="Collaboration (app)"]';

describeInChromium('the collaboration page in Chromium', { apps: ['collab-page'], defaultUser: luoBin }, (ctx) => {
  const row = (app: FrameLocator, key: string) =>
    app.locator('tbody tr', { has: app.getByRole('link', { name: `Open ${key}`, exact: true }) });

  it('opens from Apps → Collaboration with R&D’s requests from PAY and DATA, and commits one from the list', async () => {
    const page = await ctx.open('#/project/PAY');
    await page.getByRole('link', { name: 'Collaboration', exact: true }).click();
    const app = page.frameLocator(FRAME);
    await app.getByRole('heading', { name: 'My queue' }).waitFor();
    await app.getByText('Your department: R&D').waitFor();
    await row(app, 'DATA-1').getByText('Request to answer').waitFor();
    await row(app, 'PAY-9').getByText('Request to answer').waitFor();
    await row(app, 'DATA-1')
      .getByText(/working h left/)
      .waitFor();
    await row(app, 'DATA-1').getByRole('button', { name: 'Commit' }).click();
    await app.getByText('Done: DATA-1 updated.').waitFor();
    await row(app, 'DATA-1').getByRole('button', { name: 'Mark delivered' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'collab-en-light.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('asks for a reason before declining, and opens the work item in one click', async () => {
    const page = await ctx.open('#/apps/collaboration');
    const app = page.frameLocator(FRAME);
    await row(app, 'DATA-2').getByRole('button', { name: 'Decline' }).click();
    const form = row(app, 'DATA-2').locator('form');
    await form.getByRole('button', { name: 'Decline' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByRole('button', { name: 'Back' }).click();
    await row(app, 'DATA-2').getByRole('link', { name: 'Open DATA-2' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/issue/DATA-2');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('speaks Chinese to a Chinese user', async () => {
    const page = await ctx.open('#/apps/collaboration', { locale: 'zh_CN' });
    const app = page.frameLocator(FRAME);
    await app.getByRole('heading', { name: '我的协作待办' }).waitFor();
    await app.getByText('你的部门：研发部').waitFor();
    await page.screenshot({ path: join(SHOTS, 'collab-zh-light.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});

import { expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { localDate } from '../../src/app/kernel/dates';

/**
 * A cross-department dependency as people make it: the Product manager asks R&D in the panel, the link shows
 * in the sandbox's issue view, R&D's engineer acknowledges it as the other department's user, and once the
 * sandbox clock passes the need-by date the panel says it is overdue.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;
const luoBin = SEED_USERS.luoBin.accountId;
const PANEL = 'iframe[title="Collaboration (app)"]';
const NOTES_SHOTS = '/work/notes/shots/feat-deps';

describeInChromium('dependencies in Chromium', { apps: ['issue-panel'], defaultUser: gaoYuan }, (ctx) => {
  const keep = (name: string) => {
    // Also kept beside the team notes when that folder exists (the sandbox machine), for people to look at.
    if (existsSync('/work/notes')) {
      mkdirSync(NOTES_SHOTS, { recursive: true });
      copyFileSync(join(SHOTS, name), join(NOTES_SHOTS, name));
    }
  };

  it('creates a dependency in the panel, shows the Jira link, is acknowledged by the other department and turns overdue', async () => {
    const p = ctx.platform;
    const day = (n: number) => localDate(p.clock.now() + n * 86_400_000, 'Asia/Shanghai');
    const api = p.jira.admin.createIssue({
      projectKey: 'PAY',
      issueType: 'Task',
      summary: '退款接口 Refund API',
      status: 'To Do',
      dueDate: day(2),
      appFields: { 'raci-responsible': [luoBin], 'raci-accountable': SEED_USERS.zhaoMin.accountId },
    });
    const ux = p.jira.admin.createIssue({
      projectKey: 'PAY',
      issueType: 'Task',
      summary: '退款页面 Refund page',
      status: 'To Do',
      dueDate: day(10),
      appFields: { 'raci-responsible': [gaoYuan], 'raci-accountable': SEED_USERS.zhangWei.accountId },
    });

    const page = await ctx.open(`#/issue/${ux.key}`);
    const panel = page.frameLocator(PANEL);
    await panel.getByRole('button', { name: 'Add dependency' }).click();
    await panel.getByLabel('Other issue', { exact: true }).fill(api.key);
    await panel.getByRole('button', { name: new RegExp(`${api.key}`) }).click();
    await panel.getByLabel('Deliverable', { exact: true }).fill('退款接口文档 Refund API document');
    await panel.getByLabel('Need by', { exact: true }).fill(day(3));
    await page.screenshot({ path: join(SHOTS, 'deps-create-form.png'), fullPage: true });
    keep('deps-create-form.png');
    await panel.getByRole('button', { name: 'Request' }).click();
    await panel.getByText('退款接口文档 Refund API document').waitFor();
    await panel.getByText('Product → R&D').first().waitFor();
    await p.settle();

    // The sandbox's own issue view lists the Jira link the panel made.
    await page.reload();
    await page.locator('#links').getByText(api.key).waitFor();
    expect(await page.locator('#links').textContent()).toContain('is blocked by');
    expect(page.errors).toEqual([]);
    await page.context().close();

    // R&D's engineer sees it as "waited on by" and acknowledges it.
    const rnd = await ctx.open(`#/issue/${api.key}`, { user: luoBin, locale: 'zh_CN' });
    const rndPanel = rnd.frameLocator(PANEL);
    await rndPanel.getByRole('button', { name: '确认收到' }).click();
    await rndPanel.getByText('已受理').first().waitFor();
    await rnd.screenshot({ path: join(SHOTS, 'deps-acknowledged-zh.png'), fullPage: true });
    keep('deps-acknowledged-zh.png');
    await rnd.context().close();

    // A week later the need-by date has passed.
    const later = await ctx.open(`#/issue/${ux.key}`, { theme: 'dark' });
    await later.frameLocator(PANEL).getByText('Acknowledged').first().waitFor();
    await later.locator('button[data-advance="168"]').click();
    await later.getByText(/Clock moved/).waitFor();
    await later.reload();
    const after = later.frameLocator(PANEL);
    await after.getByText('Overdue').first().waitFor();
    await after
      .getByText(/Need-by date passed/)
      .first()
      .waitFor();
    await later.screenshot({ path: join(SHOTS, 'deps-overdue-dark.png'), fullPage: true });
    keep('deps-overdue-dark.png');
    expect(later.errors).toEqual([]);
    await later.context().close();
  });
});

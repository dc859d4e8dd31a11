import { expect, it } from 'vitest';
import { join } from 'node:path';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { formatMessage } from '../../src/contract';

/**
 * The workflow rules as a person meets them in the sandbox's Jira shell, in Chromium: moving an issue without an
 * Accountable to Done is refused with the app's message in the person's language; after they pick an
 * Accountable with the user picker, the same transition goes through. Screenshots go to test-results/e2e.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;

describeInChromium('the workflow rules in Chromium', { apps: ['issue-panel'], defaultUser: gaoYuan }, (ctx) => {
  const open = ctx.open;

  it('refuses Done without an Accountable, then allows it once one is picked', async () => {
    // AICS-8 has a Responsible (王磊) and no Accountable; 高原 works on AICS and her Jira is in Chinese.
    const page = await open('#/issue/AICS-8', { locale: 'zh_CN' });
    await expect.poll(() => page.locator('#issue-summary').textContent()).toContain('AICS-8');
    const lozenge = page.locator('.issue .row .lozenge');
    expect(await lozenge.textContent()).toBe('To Do');
    await page.locator('#transition').selectOption({ label: 'Done' });
    const refusal = page.locator('.flag.error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(formatMessage('workflow.raci.noAccountable', 'zh'));
    await page.screenshot({ path: join(SHOTS, 'workflow-refused-zh.png'), fullPage: true });
    expect(await lozenge.textContent()).toBe('To Do');
    expect(ctx.platform.host.invocations.filter((i) => i.kind === 'workflowValidator').at(-1)).toMatchObject({
      moduleKey: 'raci-complete',
      ok: true,
    });

    const picker = page.locator('[data-field="Accountable"]');
    await picker.getByLabel('Add Accountable').fill('王磊');
    await picker.getByRole('option', { name: '王磊 Wang Lei' }).click();
    await expect
      .poll(() => page.locator('[data-field="Accountable"] .chip').first().textContent())
      .toContain('王磊 Wang Lei');

    await page.locator('#transition').selectOption({ label: 'Done' });
    await expect.poll(() => page.locator('.issue .row .lozenge').textContent()).toBe('Done');
    await page.screenshot({ path: join(SHOTS, 'workflow-done.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('offers Approve only to the issue’s Accountable', async () => {
    // AICS-7 is In Progress with 王磊 as Accountable.
    const options = async (user: string) => {
      const page = await open('#/issue/AICS-7', { user });
      await expect.poll(() => page.locator('#transition option').count()).toBeGreaterThan(1);
      const labels = await page.locator('#transition option').allTextContents();
      await page.context().close();
      return labels;
    };
    expect(await options(SEED_USERS.wangLei.accountId)).toContain('Approve');
    expect(await options(gaoYuan)).not.toContain('Approve');
  });
});

import { expect, it } from 'vitest';
import { describeInChromium } from '../support/e2e';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { formatMessage } from '../../src/contract';

/**
 * RACI as a team lead meets it in Chromium (issue 3): edit the RACI in the panel with the people picker, see
 * the rule's refusal, apply a scenario template with a preview, see the project page's RACI matrix change,
 * and see the "RACI complete" validator block a transition. Screenshots go to test-results/e2e.
 */
const gaoYuan = SEED_USERS.gaoYuan.accountId;
const PANEL = 'iframe[title="Collaboration (app)"]';
const PAGE = 'iframe[title="Collaboration health (app)"]';
const SETTINGS = 'iframe[title="Scenario templates (RACI) (app)"]';

describeInChromium(
  'RACI editing, templates and the matrix in Chromium',
  { apps: ['issue-panel', 'project-page', 'project-settings'], defaultUser: gaoYuan },
  (ctx) => {
    const open = ctx.open;

    it('edits RACI in place, applies a template, changes the matrix, and the validator blocks a transition', async () => {
      // Find an issue with a gap through the matrix itself.
      const page = await open('#/project/PAY/page');
      const matrix = page.frameLocator(PAGE);
      await matrix.getByRole('tab', { name: 'RACI matrix' }).click();
      await matrix.getByRole('heading', { name: 'RACI matrix' }).waitFor();
      const gapRow = matrix.locator('tr.cx-gap').first();
      await gapRow.waitFor();
      const key = (await gapRow.locator('.cx-matrix-key').textContent())!.trim();
      const section = matrix.getByRole('region', { name: 'RACI matrix' });
      await section.getByText('RACI coverage').waitFor();
      expect(await section.locator('.cx-stat-value').textContent()).toMatch(/^\d+%$/);
      await ctx.shot(page, 'raci-matrix-before');
      await page.context().close();

      // The issue has a gap: moving it to Done is refused by the validator with the app's message.
      const issue = await open(`#/issue/${key}`);
      await expect.poll(() => issue.locator('#issue-summary').textContent()).toContain(key);
      await issue.locator('#transition').selectOption({ label: 'Done' });
      const refusal = issue.locator('.flag.error');
      await refusal.waitFor();
      // The validator speaks the language of 高原's Jira profile (Chinese), whatever the app's UI language.
      const texts = (
        [
          'workflow.raci.noAccountable',
          'workflow.raci.noResponsible',
          'workflow.raci.noAccountableNoResponsible',
        ] as const
      ).map((id) => formatMessage(id, 'zh'));
      expect(texts).toContain(await refusal.textContent());

      const panel = issue.frameLocator(PANEL);
      await panel.getByRole('button', { name: 'Edit RACI' }).click();
      const editor = panel.getByRole('form', { name: 'Edit the RACI of this issue' });
      await editor.waitFor();

      // Apply a template: requesting = Product, executing = R&D, accepting = Customer Service.
      await editor.getByRole('button', { name: 'Apply a template…' }).click();
      await editor.getByLabel('Template', { exact: true }).selectOption({ label: 'Requirement to delivery' });
      await editor.getByLabel('Department that is requesting').selectOption({ label: 'Product' });
      await editor.getByLabel('Department that is executing').selectOption({ label: 'R&D' });
      await editor.getByRole('button', { name: 'Preview' }).click();
      await editor.getByText('Choose a department for every party first.').waitFor();
      await editor.getByLabel('Department that is accepting').selectOption({ label: 'Customer Service' });
      await editor.getByRole('button', { name: 'Preview' }).click();
      await editor.getByText('This template gives').waitFor();
      await editor.locator('.cx-template-preview').getByText('张伟 Zhang Wei').waitFor();
      await ctx.shot(issue, 'raci-template-preview');
      await editor.getByRole('button', { name: 'Use these roles' }).click();

      // In place: add a Consulted person with the picker, then save.
      await editor.getByLabel('Search people for Consulted').fill('郑丽');
      await editor.getByRole('button', { name: 'Choose 郑丽 Zheng Li' }).click();
      await editor.getByRole('button', { name: 'Save' }).click();
      await panel.getByText('RACI saved.').waitFor();
      const roles = panel.locator('.cx-roles').first();
      await roles.getByText('张伟 Zhang Wei').waitFor();
      await roles.getByText('周杰 Zhou Jie').waitFor();
      await roles.getByText('郑丽 Zheng Li').waitFor();
      await panel.getByText('Complete', { exact: true }).waitFor();
      await ctx.shot(issue, 'raci-panel-saved');

      // A stale edit: someone else saves meanwhile; this panel gets CONFLICT and reloads with their version.
      await panel.getByRole('button', { name: 'Edit RACI' }).click();
      const fields = (
        await ctx.platform.jira.handle({ method: 'GET', path: '/rest/api/3/field', actor: { kind: 'app' } })
      ).body;
      const informed = (JSON.parse(fields) as Array<{ id: string; name: string }>).find(
        (f) => f.name === 'Informed',
      )!.id;
      await ctx.platform.jira.handle({
        method: 'PUT',
        path: `/rest/api/3/issue/${key}`,
        body: JSON.stringify({ fields: { [informed]: [{ accountId: SEED_USERS.maChao.accountId }] } }),
        actor: { kind: 'user', accountId: SEED_USERS.zhangWei.accountId },
      });
      await panel
        .getByRole('form', { name: 'Edit the RACI of this issue' })
        .getByRole('button', { name: 'Save' })
        .click();
      await panel.getByText(formatMessage('raci.conflict.edited', 'en')).waitFor();
      await panel.locator('.cx-roles').first().getByText('马超 Ma Chao').waitFor();
      await ctx.shot(issue, 'raci-panel-conflict');

      // The transition now passes the validator.
      await issue.locator('#transition').selectOption({ label: 'Done' });
      await expect.poll(() => issue.locator('.issue .row .lozenge').textContent()).toBe('Done');
      expect(issue.errors).toEqual([]);
      await issue.context().close();

      // The matrix shows the new RACI for that issue: no gap, 张伟 accountable.
      const after = await open('#/project/PAY/page');
      const m2 = after.frameLocator(PAGE);
      await m2.getByRole('tab', { name: 'RACI matrix' }).click();
      const row = m2.locator('tr', { has: m2.locator('.cx-matrix-key', { hasText: new RegExp(`^${key}$`) }) });
      await row.waitFor();
      expect((await row.getAttribute('class')) ?? '').not.toContain('cx-gap');
      await m2.getByRole('button', { name: 'Departments' }).click();
      await m2.locator('table:has(.cx-matrix-key)').getByRole('columnheader', { name: 'Product' }).waitFor();
      await ctx.shot(after, 'raci-matrix-after-departments');
      await after.context().close();
    });

    it('refuses an edit by someone without edit permission, in Chinese, and shows the matrix in dark', async () => {
      // Kevin (contractor) browses AICS without Edit issues: the panel offers no editing at all.
      const issue = await open('#/issue/AICS-7', {
        user: SEED_USERS.kevinXu.accountId,
        locale: 'zh_CN',
        theme: 'dark',
      });
      const panel = issue.frameLocator(PANEL);
      await panel.getByText('审批人（A）').first().waitFor();
      expect(await panel.getByRole('button', { name: '编辑 RACI' }).count()).toBe(0);
      await ctx.shot(issue, 'raci-panel-zh-dark');
      await issue.context().close();
      const page = await open('#/project/AICS/page', { locale: 'zh_CN', theme: 'dark' });
      const m = page.frameLocator(PAGE);
      await m.getByRole('tab', { name: 'RACI 矩阵' }).click();
      await m.getByRole('heading', { name: 'RACI 矩阵' }).waitFor();
      await m.locator('tr.cx-gap').first().waitFor();
      await ctx.shot(page, 'raci-matrix-zh-dark');
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it('edits the project’s templates in Project settings, with a clear refusal, and the panel offers them', async () => {
      const page = await open('#/project/PAY');
      await page.getByRole('link', { name: 'Project settings → Scenario templates (RACI)' }).click();
      const app = page.frameLocator(SETTINGS);
      await app.getByRole('heading', { name: 'Scenario templates (权责清单)' }).waitFor();
      await expect.poll(() => app.locator('[data-template]').count()).toBe(4);
      await app.getByText('This project uses the default templates.').waitFor();
      await ctx.shot(page, 'raci-settings-defaults');

      // A second Accountable rule in the first template is refused at that template, and nothing is saved.
      const first = app.locator('[data-template="requirement-delivery"]');
      await first.getByLabel('Role 2').selectOption({ label: 'Accountable' });
      await app.getByRole('button', { name: 'Save templates' }).click();
      await first.getByText('must give the Accountable role by exactly one rule').waitFor();
      await first.getByLabel('Role 2').selectOption({ label: 'Responsible' });

      // A new template of the project's own.
      await app.getByRole('button', { name: 'Add a template' }).click();
      const added = app.locator('[data-template="custom-5"]');
      await added.getByLabel('Name (Chinese)').fill('合规审核');
      await added.getByLabel('Name (English)').fill('Compliance review');
      await added.getByLabel('Department 2').selectOption({ label: 'supporting' });
      await app.getByRole('button', { name: 'Save templates' }).click();
      await app.getByText('Templates saved.').waitFor();
      await ctx.shot(page, 'raci-settings-saved');
      expect(page.errors).toEqual([]);
      await page.context().close();

      const issue = await open('#/issue/PAY-16');
      const panel = issue.frameLocator(PANEL);
      await panel.getByRole('button', { name: 'Edit RACI' }).click();
      await panel.getByRole('button', { name: 'Apply a template…' }).click();
      await expect
        .poll(() => panel.getByLabel('Template', { exact: true }).locator('option').allTextContents())
        .toContain('Compliance review');
      await issue.context().close();

      // Someone who does not administer PAY sees no settings link, and the page refuses them.
      const other = await open('#/project/PAY/settings/raci-templates', {
        user: SEED_USERS.zhangWei.accountId,
        locale: 'zh_CN',
      });
      await other.getByText('Only administrators of this project can open its settings.').waitFor();
      expect(await other.getByRole('link', { name: /Project settings/ }).count()).toBe(0);
      await other.context().close();
    });
  },
);

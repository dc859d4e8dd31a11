import { expect, it } from 'vitest';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { describeInChromium, SHOTS } from '../support/e2e';
import { SEED_DEPARTMENTS, SEED_USERS } from '../../sandbox/seed/jira-seed';
import { invoke } from '../support/platform';

/**
 * The admin page as a Jira admin sees it in Chromium: Apps → Collaboration settings in the shell, the seeded
 * department directory, an edit with the user picker, validation messages at their fields, a concurrent edit
 * that wins, and the page in Chinese and dark. Screenshots go to test-results/e2e.
 */
const linTao = SEED_USERS.linTao.accountId;
const gaoYuan = SEED_USERS.gaoYuan.accountId;
const FRAME = 'iframe[title="Collaboration settings (app)"]';

describeInChromium('the admin page in Chromium', { apps: ['admin-page'], defaultUser: linTao }, (ctx) => {
  const open = ctx.open;

  const department = async (id: string) => {
    const { env } = await invoke(
      ctx.platform,
      { moduleKey: 'collab-admin-page', accountId: linTao },
      'listDepartments',
    );
    if (!env.ok) throw new Error(env.error.message);
    return env.data.departments.find((d: { id: string }) => d.id === id);
  };
  const row = (app: FrameLocator, id: string) => app.locator(`tr[data-department="${id}"]`);

  it('opens from Apps → Collaboration settings and lists the seeded departments', async () => {
    const page = await open('#/project/PAY');
    await page.getByRole('link', { name: 'Collaboration settings' }).click();
    const app = page.frameLocator(FRAME);
    await app.getByRole('heading', { name: 'Departments' }).waitFor();
    await expect.poll(() => app.locator('tr[data-department]').count()).toBe(SEED_DEPARTMENTS.length);
    for (const d of SEED_DEPARTMENTS) await row(app, d.id).getByText(d.nameZh, { exact: false }).waitFor();
    await row(app, 'tech').getByText('王磊 Wang Lei').waitFor();
    await row(app, 'tech').getByText('李娜 Li Na').waitFor();
    await row(app, 'rnd').getByText('Jira group dept-rnd').waitFor();
    await row(app, 'legal').getByText('48 hours').waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-en-light.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('edits a department: a new interface person from the user picker and a shorter response time', async () => {
    const page = await open('#/admin');
    const app = page.frameLocator(FRAME);
    await app.getByRole('button', { name: 'Edit R&D' }).click();
    const form = app.locator('form');
    await form.getByRole('heading', { name: 'Edit R&D' }).waitFor();
    await form.getByRole('button', { name: 'Remove 周杰 Zhou Jie' }).click();
    await form.getByLabel('Interface person').fill('Luo');
    await form.getByRole('button', { name: 'Choose 罗斌 Luo Bin' }).click();
    await form.getByLabel('Response time in hours').fill('12');
    await form.getByRole('button', { name: 'Save' }).click();
    await app.getByText('R&D saved.').waitFor();
    await row(app, 'rnd').getByText('罗斌 Luo Bin').waitFor();
    await row(app, 'rnd').getByText('12 hours').waitFor();
    expect(await department('rnd')).toMatchObject({
      interfaceAccountId: SEED_USERS.luoBin.accountId,
      responseHours: 12,
      version: 2,
      updatedBy: linTao,
    });
    await page.screenshot({ path: join(SHOTS, 'admin-edited.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows what is wrong at the field: bad hours before sending, an unknown Jira group from the resolver', async () => {
    const page = await open('#/admin');
    const app = page.frameLocator(FRAME);
    await app.getByRole('button', { name: 'Edit Marketing' }).click();
    const form = app.locator('form');
    const hours = form.getByLabel('Response time in hours');
    await hours.fill('1000');
    const saves = ctx.platform.host.invocations.filter((i) => i.detail === 'updateDepartment').length;
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('must be at most 720').waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => hours.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(ctx.platform.host.invocations.filter((i) => i.detail === 'updateDepartment').length).toBe(saves);

    await hours.fill('24');
    await form.getByLabel('Jira group').fill('no-such-group');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Field "jiraGroup" is invalid: Jira has no group named "no-such-group".').waitFor();
    await form.getByText('Some fields need attention').waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-validation.png'), fullPage: true });
    expect(await department('marketing')).toMatchObject({ jiraGroup: 'dept-marketing', version: 1 });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.context().close();
  });

  it('adds a department with people from the picker, then deletes it after asking', async () => {
    const page = await open('#/admin');
    const app = page.frameLocator(FRAME);
    await app.getByRole('button', { name: 'Add department' }).click();
    const form = app.locator('form');
    await expect
      .poll(() => form.getByLabel('Department id').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await form.getByLabel('Department id').fill('finance');
    await form.getByLabel('Name in Chinese').fill('财务部');
    await form.getByLabel('Name in English').fill('Finance');
    await form.getByLabel('Head', { exact: true }).fill('ma');
    await form.getByRole('button', { name: 'Choose 马超 Ma Chao' }).click();
    const members = form.getByLabel('Search people for Members listed by name');
    await members.fill('kevin');
    await form.getByRole('button', { name: 'Choose 徐凯 Kevin Xu' }).click();
    await members.fill('luo');
    await form.getByRole('button', { name: 'Choose 罗斌 Luo Bin' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await app.getByText('Finance saved.').waitFor();
    await row(app, 'finance').getByText('马超 Ma Chao').waitFor();
    await row(app, 'finance').getByText('2 listed by name').waitFor();
    expect(await department('finance')).toMatchObject({
      headAccountId: SEED_USERS.maChao.accountId,
      memberAccountIds: [SEED_USERS.kevinXu.accountId, SEED_USERS.luoBin.accountId],
      jiraGroup: null,
      responseHours: 24,
    });

    await app.getByRole('button', { name: 'Delete Finance' }).click();
    await app.getByRole('alertdialog').getByText('Delete Finance?', { exact: false }).waitFor();
    await app.getByRole('button', { name: 'Delete department' }).click();
    await app.getByText('Finance deleted.').waitFor();
    expect(await app.locator('tr[data-department="finance"]').count()).toBe(0);
    expect(await department('finance')).toBeUndefined();
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('says so and reloads when someone else saved the department first', async () => {
    const page = await open('#/admin');
    const app = page.frameLocator(FRAME);
    await app.getByRole('button', { name: 'Edit Legal' }).click();
    const form = app.locator('form');
    await form.getByLabel('Name in English').fill('Legal & Compliance');
    const legal = await department('legal');
    const { updatedAt: _a, updatedBy: _b, ...fields } = legal;
    const other = await invoke(
      ctx.platform,
      { moduleKey: 'collab-admin-page', accountId: linTao },
      'updateDepartment',
      { ...fields, responseHours: 72 },
    );
    expect(other.env.ok).toBe(true);
    await form.getByRole('button', { name: 'Save' }).click();
    await app.getByText('Someone else changed this department at the same time.', { exact: false }).waitFor();
    await row(app, 'legal').getByText('72 hours').waitFor();
    expect(await app.locator('form').count()).toBe(0);
    expect(await department('legal')).toMatchObject({ nameEn: 'Legal', responseHours: 72 });
    await page.screenshot({ path: join(SHOTS, 'admin-conflict.png'), fullPage: true });
    await page.context().close();
  });

  it('follows the admin’s language and Jira’s dark theme', async () => {
    const page = await open('#/admin', { locale: 'zh_CN', theme: 'dark' });
    const app = page.frameLocator(FRAME);
    await app.getByRole('heading', { name: '部门', exact: true }).waitFor();
    await row(app, 'tech').getByText('技术部').waitFor();
    await row(app, 'legal').getByText('72 小时').waitFor();
    expect(await app.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await app.getByRole('button', { name: '添加部门' }).click();
    await app.locator('form').getByRole('button', { name: '保存' }).click();
    await app.locator('form').getByText('请使用 2-32 个小写字母、数字或“-”，并以字母开头').waitFor();
    await page.screenshot({ path: join(SHOTS, 'admin-zh-dark.png'), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('is not offered to someone who is not a Jira admin', async () => {
    const page = await open('#/admin', { user: gaoYuan });
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Only Jira administrators');
    expect(await page.locator('nav').textContent()).not.toContain('Collaboration settings');
    expect(await page.locator(FRAME).count()).toBe(0);
    await page.context().close();
  });
});

import { SECRET } from '../../src/app/storage-keys';
import type { ForgeHost, KvsBackend } from '../runtime/forge-host';
import { SEED_DEPARTMENTS } from './jira-seed';

/** The admin page module of manifest.yml, whose resolver the department seed calls. */
export const ADMIN_PAGE_MODULE = 'collab-admin-page';

/**
 * A known signing secret for the escalation web trigger, so it can be tried from the sandbox with curl.
 * On a real site there is no such default: an admin generates the secret (issue 5's admin page).
 */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-dev-secret-change-me';

export function seedApp(kvs: KvsBackend): void {
  const r = kvs.handle('/api/v1/secret/set', JSON.stringify({ key: SECRET.webhookSigningKey, value: SANDBOX_WEBHOOK_SECRET }));
  if (r.status >= 300) throw new Error(`seeding the web trigger secret failed: ${r.status} ${r.body}`);
}

/** What the admin page's resolver answers; only `ok` and the error matter to the seed. */
type SeedEnvelope = { ok: true } | { ok: false; error: { code: string; message: string } };

/**
 * The department directory as a Jira admin would start it: {@link SEED_DEPARTMENTS} created one by one through
 * the admin page's resolver (`createDepartment`), as the site admin, so the app's own validation, permission
 * check and people index run exactly as they would for a person on the page. Nothing is written to storage
 * directly. Members come from each department's Jira group (`dept-*`).
 */
export async function seedDepartments(host: ForgeHost, adminAccountId: string): Promise<void> {
  const ctx = { moduleKey: ADMIN_PAGE_MODULE, accountId: adminAccountId, locale: 'zh_CN', timezone: 'Asia/Shanghai' };
  for (const d of SEED_DEPARTMENTS) {
    const payload = {
      id: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      headAccountId: d.headAccountId,
      interfaceAccountId: d.interfaceAccountId,
      memberAccountIds: [],
      jiraGroup: d.group,
      // "需求传递后24小时内响应"; Legal reviews and approves, which the seeds give 48 hours ("审批环节48小时内完成").
      responseHours: d.id === 'legal' ? 48 : 24,
    };
    const { result } = await host.invokeResolver(ctx, 'createDepartment', payload);
    const env = result as SeedEnvelope;
    if (!env.ok && env.error.code !== 'CONFLICT') throw new Error(`seeding department ${d.id} failed: ${env.error.code} ${env.error.message}`);
  }
}

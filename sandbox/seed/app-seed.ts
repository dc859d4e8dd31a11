import { SECRET } from '../../src/app/storage-keys';
import type { KvsBackend } from '../runtime/forge-host';

/**
 * A known signing secret for the escalation web trigger, so it can be tried from the sandbox with curl.
 * On a real site there is no such default: an admin generates the secret (issue 5's admin page).
 */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-dev-secret-change-me';

export function seedApp(kvs: KvsBackend): void {
  const r = kvs.handle('/api/v1/secret/set', JSON.stringify({ key: SECRET.webhookSigningKey, value: SANDBOX_WEBHOOK_SECRET }));
  if (r.status >= 300) throw new Error(`seeding the web trigger secret failed: ${r.status} ${r.body}`);
}

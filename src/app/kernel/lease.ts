import { type AppError, isAppError } from './errors';
import type { Deps } from './ports';

/**
 * Runs `body` while holding a short lease on `key`, so that only one caller at a time does something that must
 * happen once (a RACI edit of an issue, the Jira issue of an action item). Whoever cannot take the lease gets
 * `busy`. The lease is released afterwards; if the release fails it expires by itself after `ttlSeconds`, which
 * only delays the next attempt.
 */
export async function withLease<T>(
  deps: Deps,
  lease: { key: string; ttlSeconds: number; holder: string | null; busy: AppError },
  body: () => Promise<T>,
): Promise<T> {
  if (!(await deps.store.setIfAbsent(lease.key, { by: lease.holder, at: deps.clock.now() }, lease.ttlSeconds))) {
    throw lease.busy;
  }
  try {
    return await body();
  } finally {
    await deps.store.delete(lease.key).catch((e: unknown) => {
      deps.log.warn('lease not released', { key: lease.key, error: isAppError(e) ? e.code : String(e) });
    });
  }
}

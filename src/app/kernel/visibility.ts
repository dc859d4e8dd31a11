import { AppError, isAppError } from './errors';
import type { Noun } from '../../contract';

/**
 * Reads something as the user. Jira answers 404 both for "does not exist" and "you may not see it"; the
 * app is opened from a context Forge vouches for, so when the app can see the thing the user cannot,
 * the honest answer is FORBIDDEN (and nothing else), not NOT_FOUND.
 */
export async function readAsUser<T>(
  what: Noun,
  asUser: () => Promise<T>,
  existsForApp: () => Promise<unknown>,
): Promise<T> {
  try {
    return await asUser();
  } catch (e) {
    if (!(isAppError(e) && e.code === 'NOT_FOUND')) throw e;
    try {
      await existsForApp();
    } catch (inner) {
      if (isAppError(inner) && inner.code === 'NOT_FOUND') throw e;
      throw inner;
    }
    throw new AppError('FORBIDDEN', 'forbidden.browse', { what });
  }
}

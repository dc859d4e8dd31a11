import { isAppError, type AppError } from './errors';

/** Attempts before a conflict reaches the caller: enough for a burst of concurrent writers to one record. */
export const MAX_CONFLICT_ATTEMPTS = 8;

/** A random pause that grows with the attempt, so writers that collided do not collide again in step. */
const jitter = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.random() * 15 * attempt));

/** Runs one conditional write inside an attempt; its CONFLICT (someone wrote in between) means "try again". */
export type ConflictingWrite = <W>(write: () => Promise<W>) => Promise<W>;

export interface RetryOptions {
  attempts?: number;
  /** The error to throw when every attempt conflicted; the last conflict by default. */
  exhausted?: (last: AppError) => Error;
  pause?: (attempt: number) => Promise<void>;
}

class Conflicted {
  constructor(readonly error: AppError) {}
}

/**
 * Read-modify-write with optimistic concurrency. `attempt` reads what it needs (afresh after the first
 * attempt), decides, and passes its conditional write to `write`. Only a CONFLICT from that write runs the
 * attempt again; a CONFLICT the attempt throws itself (a stale edit the user must hear of) ends it at once.
 */
export async function retryOnConflict<T>(
  attempt: (n: number, write: ConflictingWrite) => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const max = opts.attempts ?? MAX_CONFLICT_ATTEMPTS;
  const write: ConflictingWrite = async (w) => {
    try {
      return await w();
    } catch (e) {
      throw isAppError(e) && e.code === 'CONFLICT' ? new Conflicted(e) : e;
    }
  };
  for (let n = 1; ; n++) {
    try {
      return await attempt(n, write);
    } catch (e) {
      if (!(e instanceof Conflicted)) throw e;
      if (n >= max) throw opts.exhausted ? opts.exhausted(e.error) : e.error;
      await (opts.pause ?? jitter)(n);
    }
  }
}

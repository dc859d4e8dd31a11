import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/app/kernel/errors';
import { MAX_CONFLICT_ATTEMPTS, retryOnConflict } from '../../../src/app/kernel/retry';

const noPause = () => Promise.resolve();
const conflict = () => new AppError('CONFLICT', 'conflict.version', { what: 'project' });

describe('retryOnConflict', () => {
  it('runs the attempt again after its write conflicted, and returns what the attempt that went through returns', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(
      async (n, write) => {
        seen.push(n);
        await write(async () => {
          if (n < 3) throw conflict();
        });
        return `written at ${n}`;
      },
      { pause: noPause },
    );
    expect(result).toBe('written at 3');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up after the attempts allowed, with the last conflict or the error asked for', async () => {
    let runs = 0;
    const always = (n: number, write: <W>(w: () => Promise<W>) => Promise<W>) => {
      runs = n;
      return write(() => Promise.reject(conflict()));
    };
    await expect(retryOnConflict(always, { pause: noPause })).rejects.toMatchObject({
      code: 'CONFLICT',
      messageId: 'conflict.version',
    });
    expect(runs).toBe(MAX_CONFLICT_ATTEMPTS);
    const gaveUp = new AppError('CONFLICT', 'conflict.version', { what: 'department directory' });
    await expect(retryOnConflict(always, { attempts: 2, pause: noPause, exhausted: () => gaveUp })).rejects.toBe(
      gaveUp,
    );
    expect(runs).toBe(2);
  });

  it('does not retry a conflict the attempt decided itself (a stale edit), nor any other error of the write', async () => {
    let runs = 0;
    const stale = new AppError('CONFLICT', 'project.conflict.stale', { what: 'risk' });
    await expect(
      retryOnConflict(
        async () => {
          runs += 1;
          throw stale;
        },
        { pause: noPause },
      ),
    ).rejects.toBe(stale);
    expect(runs).toBe(1);
    const refused = new AppError('FORBIDDEN', 'forbidden.edit');
    await expect(retryOnConflict((_n, write) => write(() => Promise.reject(refused)), { pause: noPause })).rejects.toBe(
      refused,
    );
  });

  it('pauses longer as the attempts go on', async () => {
    const pauses: number[] = [];
    await retryOnConflict(
      async (n, write) => {
        await write(async () => {
          if (n < 4) throw conflict();
        });
      },
      { pause: async (n) => void pauses.push(n) },
    );
    expect(pauses).toEqual([1, 2, 3]);
  });
});

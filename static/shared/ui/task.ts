import { useState } from 'react';
import type { AppErrorBody } from '@contract';

const isErrorBody = (e: unknown): e is AppErrorBody =>
  typeof e === 'object' && e !== null && 'code' in e && 'message' in e;

/**
 * A task that may make many calls (an export, a report): busy while it runs; a resolver error it throws is kept
 * to show, anything else becomes `failed` (the surface's words for "it could not be done").
 */
export function useTask(failed: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(isErrorBody(e) ? e : { code: 'INTERNAL', message: failed });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

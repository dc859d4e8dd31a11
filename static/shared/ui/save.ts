import { useState } from 'react';
import type { AppErrorBody } from '@contract';
import type { CallResult } from '../bridge-client';

/**
 * A save (or any write) in progress and its outcome. `run` calls the resolver, keeps the translated error on
 * failure (or hands it to `onError`) and passes the data on when it succeeds. `submit` is for a write the
 * caller makes itself and that answers with the error to show, or null once done; `during` only marks the
 * form busy while a write whose answer the caller reads itself runs.
 */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  async function run<T>(
    call: () => Promise<CallResult<T>>,
    onOk: (data: T) => void,
    onError: (error: AppErrorBody) => void = setError,
  ) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) onOk(r.data);
    else onError(r.error);
  }
  async function during<T>(write: () => Promise<T>): Promise<T> {
    setBusy(true);
    try {
      return await write();
    } finally {
      setBusy(false);
    }
  }
  async function submit(write: () => Promise<AppErrorBody | null>): Promise<AppErrorBody | null> {
    const problem = await during(write);
    setError(problem);
    return problem;
  }
  return { busy, error, run, submit, during, fail: setError, clear: () => setError(null) };
}

export type Save = ReturnType<typeof useSave>;

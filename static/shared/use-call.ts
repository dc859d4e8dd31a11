import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { AppErrorBody } from '@contract';
import type { CallResult } from './bridge-client';

export type CallState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: AppErrorBody };

/**
 * Runs `load` on mount, again on `retry()` and whenever one of `deps` changes (a filter, a page token);
 * answers of a superseded run are dropped.
 */
export function useCall<T>(
  load: () => Promise<CallResult<T>>,
  deps: DependencyList = [],
): { state: CallState<T>; retry: () => void } {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on retry (attempt) and on the caller's deps; `load` is deliberately not a dependency, a new closure each render must not refetch.
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    void load().then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ok', data: result.data } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [attempt, ...deps]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

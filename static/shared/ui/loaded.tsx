import type { ReactNode } from 'react';
import type { AppErrorBody } from '@contract';
import type { CallState } from '../use-call';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';

/** What a view shows while its data is not there: the spinner, or the error with a retry (or `error`'s own way of saying it). */
export function NotLoaded({
  state,
  retry,
  error,
}: {
  state: Exclude<CallState<unknown>, { status: 'ok' }>;
  retry: () => void;
  error?: (e: AppErrorBody) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  return <>{error ? error(state.error) : <ErrorState error={state.error} onRetry={retry} />}</>;
}

/** A view's own data: loading, the error with a retry, or the view of the data. */
export function Loaded<T>({
  state,
  retry,
  error,
  children,
}: {
  state: CallState<T>;
  retry: () => void;
  error?: (e: AppErrorBody) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.status !== 'ok') return <NotLoaded state={state} retry={retry} {...(error ? { error } : {})} />;
  return <>{children(state.data)}</>;
}

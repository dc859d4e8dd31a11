import type { AppErrorBody } from '@contract';

/** A write's error under its form, announced as it appears. */
export function FormError({ error }: { error: AppErrorBody | null }) {
  if (!error) return null;
  return (
    <p className="cx-field-error" role="alert">
      {error.message}
    </p>
  );
}

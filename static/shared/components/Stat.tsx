import type { ReactNode } from 'react';

export type StatTone = 'neutral' | 'success' | 'warning' | 'danger';

interface StatProps {
  label: string;
  value: string;
  /** One short line under the figure that says what it counts. */
  hint?: ReactNode;
  tone?: StatTone;
}

/** One figure in a `<StatGrid>` (a description list: the label is the term, the figure its value). */
export function Stat({ label, value, hint, tone = 'neutral' }: StatProps) {
  return (
    <div className={`cx-stat cx-tone-${tone}`}>
      <dt className="cx-stat-label">{label}</dt>
      <dd className="cx-stat-value">{value}</dd>
      {hint && <dd className="cx-stat-hint">{hint}</dd>}
    </div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <dl className="cx-stats">{children}</dl>;
}

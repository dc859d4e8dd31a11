import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../../shared/i18n';

/**
 * Charts of the project page (recharts), loaded only with the sections that draw them. Colours are design
 * tokens read from the page, so they follow the light and dark theme; SVG attributes cannot resolve `var()`.
 */
function useTokens<K extends string>(names: Record<K, string>): Record<K, string> {
  const read = () => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(
      Object.entries<string>(names).map(([k, v]) => [k, style.getPropertyValue(v).trim() || 'currentColor']),
    ) as Record<K, string>;
  };
  const [values, setValues] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setValues(read()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-color-mode', 'data-theme'],
    });
    return () => observer.disconnect();
  }, []);
  return values;
}

const AXIS_TOKENS = {
  grid: '--ds-border',
  text: '--ds-text-subtle',
  surface: '--ds-surface-overlay',
  textMain: '--ds-text',
} as const;

function useAxis() {
  const c = useTokens(AXIS_TOKENS);
  return {
    c,
    tick: { fill: c.text, fontSize: 12 },
    tooltip: {
      contentStyle: { background: c.surface, border: `1px solid ${c.grid}`, color: c.textMain },
      labelStyle: { color: c.textMain },
    },
  };
}

export interface Series {
  key: string;
  label: string;
  /** A `--ds-chart-*` token. */
  token: string;
}

/** A line per series over weeks (yyyy-mm-dd of each Monday). */
export function WeeklyLines(props: {
  data: ReadonlyArray<Record<string, number | string | null>>;
  series: readonly Series[];
  label: string;
  percent?: boolean;
}) {
  const fmt = useFormat();
  const { c, tick, tooltip } = useAxis();
  const colours = useTokens(Object.fromEntries(props.series.map((s) => [s.key, s.token])));
  const value = (v: number) => (props.percent ? fmt.percent(v) : fmt.number(v));
  return (
    <figure className="cx-chart" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={[...props.data]} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={c.grid} strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={tick} stroke={c.grid} tickFormatter={(w: string) => fmt.date(w)} />
          <YAxis tick={tick} stroke={c.grid} allowDecimals={!!props.percent} tickFormatter={value} width={48} />
          <Tooltip
            {...tooltip}
            labelFormatter={(w) => fmt.date(String(w))}
            formatter={(v) => (typeof v === 'number' ? value(v) : String(v))}
          />
          <Legend wrapperStyle={{ color: c.text }} />
          {props.series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={colours[s.key]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

import { useT } from '../../../shared/i18n';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The 5×5 map, each cell in the zone the server's domain gives it. */
export function HeatMap({ cells, zones }: { cells: Record<string, number>; zones: Record<string, string> }) {
  const t = useT();
  return (
    <table className="cx-heatmap" aria-label={t('project.risks.heatmap')}>
      <caption className="cx-visually-hidden">{t('project.risks.heatmap')}</caption>
      <tbody>
        {[...LEVELS].reverse().map((p) => (
          <tr key={p}>
            <th scope="row">{p}</th>
            {LEVELS.map((i) => {
              const n = cells[`${p}:${i}`] ?? 0;
              return (
                <td
                  key={i}
                  className={`cx-heat cx-heat-${zones[`${p}:${i}`]}${n > 0 ? ' cx-heat-filled' : ''}`}
                  title={t('project.risks.heatmapCell', { p, i, n })}
                >
                  {n > 0 ? n : ''}
                  <span className="cx-visually-hidden">{t('project.risks.heatmapCell', { p, i, n })}</span>
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th scope="row" className="cx-heatmap-axis">
            {t('project.risks.axisProbability')}
          </th>
          {LEVELS.map((i) => (
            <th key={i} scope="col">
              {i}
            </th>
          ))}
        </tr>
        <tr>
          <td />
          <td colSpan={5} className="cx-heatmap-axis">
            {t('project.risks.axisImpact')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

import { useId } from 'react';
import { t, tCount } from '@/lib/i18n/i18n';
import type { MonthBucket } from '@/lib/knowledge/skills';

const COLORS = ['#1d4ed8', '#f59e0b', '#0e7490', '#be185d', '#15803d', '#7c3aed', '#b45309', '#475569'];
const WIDTH = 560;
const HEIGHT = 220;
const AXIS = 28;

function monthName(month: string): string {
  const [year, index] = month.split('-').map(Number);
  return new Date(year!, index! - 1, 1).toLocaleDateString(undefined, { month: 'short', year: '2-digit' });
}

/**
 * Skills learned per month, stacked by tool, in plain SVG. The table under it says the
 * same in text, for screen readers and for anyone who prefers numbers.
 */
export function SkillsChart({ buckets }: { buckets: MonthBucket[] }) {
  const id = useId();
  const tools = [...new Set(buckets.flatMap((bucket) => Object.keys(bucket.byTool)))].sort();
  const max = Math.max(1, ...buckets.map((bucket) => bucket.total));
  const slot = (WIDTH - AXIS) / buckets.length;
  const barWidth = Math.min(48, slot * 0.6);
  const scale = (HEIGHT - AXIS) / max;
  const learned = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  const summary = t('chart_summary', [tCount('count_skills_learned', learned), tCount('count_last_months', buckets.length)]);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{t('chart_title')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} width="100%">
        <line x1={AXIS} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} stroke="currentColor" />
        {buckets.map((bucket, index) => {
          let y = HEIGHT - AXIS;
          const x = AXIS + index * slot + (slot - barWidth) / 2;
          return (
            <g key={bucket.month}>
              {tools.map((tool, toolIndex) => {
                const count = bucket.byTool[tool] ?? 0;
                if (!count) return null;
                y -= count * scale;
                return (
                  <rect key={tool} x={x} y={y} width={barWidth} height={count * scale} fill={COLORS[toolIndex % COLORS.length]} />
                );
              })}
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="12" fill="currentColor">
                {monthName(bucket.month)}
              </text>
              {bucket.total > 0 && (
                <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" fontSize="12" fill="currentColor">
                  {bucket.total}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend" aria-hidden="true">
        {tools.map((tool, index) => (
          <li key={tool}>
            <span className="swatch" style={{ background: COLORS[index % COLORS.length] }} /> {tool}
          </li>
        ))}
      </ul>
      <table className="chart-table">
        <caption>{t('chart_table_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart_month')}</th>
            {tools.map((tool) => (
              <th key={tool} scope="col">
                {tool}
              </th>
            ))}
            <th scope="col">{t('chart_total')}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.month}>
              <th scope="row">{monthName(bucket.month)}</th>
              {tools.map((tool) => (
                <td key={tool}>{bucket.byTool[tool] ?? 0}</td>
              ))}
              <td>{bucket.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

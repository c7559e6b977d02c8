// A column chart of one series over time (leads per week), drawn in SVG without a chart library.
// The figure is one image to assistive technology, named by a summary; the table beside it holds every
// number. Text is HTML, not SVG, so it stays readable when the chart is squeezed onto a phone.
import { niceMax } from './scale';

export type Column = { key: string; label: string; value: number };

const SLOT = 10; // viewBox units per column
const BAR = 7;

export function ColumnChart({ summary, columns, unit }: { summary: string; columns: Column[]; unit: string }) {
  const max = niceMax(Math.max(0, ...columns.map((c) => c.value)));
  const width = Math.max(1, columns.length) * SLOT;
  const showValues = columns.length <= 16;
  const first = columns[0];
  const last = columns.at(-1);
  const grid = { gridTemplateColumns: `repeat(${Math.max(1, columns.length)}, minmax(0, 1fr))` };
  return (
    <div role="img" aria-label={summary} className="min-w-0 text-sm text-muted">
      {showValues ? (
        <div className="ml-10 grid text-center text-xs font-semibold text-ink tabular-nums" style={grid}>
          {columns.map((c) => (
            <span key={c.key}>{c.value}</span>
          ))}
        </div>
      ) : null}
      <div className="flex gap-2">
        {/* The axis labels sit at the top, middle and bottom of the plot: the same height as the SVG. */}
        <div className="flex h-44 w-8 shrink-0 flex-col justify-between text-right leading-none tabular-nums">
          <span>{max}</span>
          <span>{max / 2}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" className="block h-44 min-w-0 flex-1" focusable="false">
          {[0, 50, 100].map((y) => (
            <line key={y} x1={0} x2={width} y1={y} y2={y} stroke="#d5dbe3" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          {columns.map((c, i) => {
            const h = max ? (c.value / max) * 100 : 0;
            return <rect key={c.key} x={i * SLOT + (SLOT - BAR) / 2} y={100 - h} width={BAR} height={h} fill="#1d4e89" />;
          })}
          <line x1={0} x2={width} y1={100} y2={100} stroke="#4b5563" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
      {first && last ? (
        <div className="mt-1 ml-10 flex justify-between gap-2">
          <span>{first.label}</span>
          {columns.length > 1 ? <span>{last.label}</span> : null}
        </div>
      ) : null}
      <p className="m-0 mt-1">{unit}</p>
    </div>
  );
}

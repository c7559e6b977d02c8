// Horizontal bars, one row per category, each bar an SVG scaled to its row; an optional second bar per
// row (e.g. patients under leads) drawn thinner and darker, and named in a legend and in each row's text,
// so the meaning never rests on colour. One image to assistive technology; the table beside it has the numbers.

export type BarRow = {
  key: string;
  label: string;
  value: number;
  /** The second measure of the row, drawn under the first. */
  second?: number;
  /** What the row says in words, e.g. "4 leads, 1 patient (25%)". */
  text: string;
};

const PRIMARY = '#1d4e89';
const SECONDARY = '#1e6b3a';

function Bar({ fraction, color, height }: { fraction: number; color: string; height: number }) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" className="block w-full" style={{ height: `${height / 10}rem` }} focusable="false">
      <rect x={0} y={0} width={100} height={height} fill="#eef1f5" />
      <rect x={0} y={0} width={width} height={height} fill={color} />
    </svg>
  );
}

export function BarList({
  summary,
  rows,
  max,
  legend,
}: {
  summary: string;
  rows: BarRow[];
  /** The value of a full-width bar (defaults to the largest value). */
  max?: number;
  /** Names of the first and second measure, shown when rows have a second bar. */
  legend?: [first: string, second: string];
}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <div role="img" aria-label={summary} className="min-w-0">
      {legend ? (
        <div className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block h-3 w-5" style={{ background: PRIMARY }} /> {legend[0]} (thick bar)
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block h-1.5 w-5" style={{ background: SECONDARY }} /> {legend[1]} (thin bar)
          </span>
        </div>
      ) : null}
      <ul className="m-0 list-none space-y-2 p-0">
        {rows.map((row) => (
          <li key={row.key}>
            <div className="flex flex-wrap justify-between gap-x-3 text-sm">
              <span className="font-semibold break-all">{row.label}</span>
              <span className="text-muted tabular-nums">{row.text}</span>
            </div>
            <Bar fraction={top ? row.value / top : 0} color={PRIMARY} height={12} />
            {row.second !== undefined ? <Bar fraction={top ? row.second / top : 0} color={SECONDARY} height={6} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

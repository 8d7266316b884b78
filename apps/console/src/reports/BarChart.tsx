export interface Bar {
  label: string;
  /** null: a suppressed cell, drawn as no bar. */
  value: number | null;
  /** The value as the table shows it (a number in the page's language, or "suppressed"). */
  text: string;
}

const ROW = 24;
const LABEL = 180;
const BAR = 320;
const WIDTH = LABEL + BAR + 110;
const short = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);

/**
 * Plain SVG bars beside a table holding the same numbers; the image's text alternative reads every bar, so a
 * screen reader loses nothing by skipping the drawing.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const length = (value: number | null) => ((value ?? 0) / max) * BAR;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}`}
      viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`}
      width={WIDTH}
    >
      {bars.map((bar, i) => (
        <g key={bar.label} transform={`translate(0 ${i * ROW})`}>
          <text x={LABEL - 8} y={ROW / 2} dominantBaseline="middle" textAnchor="end">
            {short(bar.label)}
          </text>
          <rect x={LABEL} y={4} height={ROW - 8} width={length(bar.value)} />
          <text x={LABEL + length(bar.value) + 6} y={ROW / 2} dominantBaseline="middle">
            {bar.text}
          </text>
        </g>
      ))}
    </svg>
  );
}

/*
 * Charts drawn on the server as SVG: they need no script, print, and scale with the page. Each is one image
 * with a name and a description (role="img", <title>, <desc>); the numbers themselves are in the table the
 * page shows beside it, which is the chart's text alternative. One series per chart, so no colour has to
 * carry meaning, and the values are written at the bars.
 */

export interface ChartProps {
  id: string;
  title: string;
  desc: string;
  labels: readonly string[];
  values: readonly (number | null)[];
  format: (value: number) => string;
}

const width = 400;
const ink = '#131525';
const bar = '#1c4f8c';
const rule = '#9aa0b3';
const fontSize = 14;

function Frame({ id, title, desc, height, children }: { id: string; title: string; desc: string; height: number; children: preact.ComponentChildren }) {
  return (
    <svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} font-size={fontSize} fill={ink}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Room for a bar's label on one line, in characters of the chart's type. */
const labelChars = 19;

/**
 * A bar's label on one line or, when it is longer, on two broken between words ("Granterath und" /
 * "Hetzerath"), so a district's name is read whole rather than cut; only what still does not fit is shortened.
 */
export function labelLines(label: string): string[] {
  if (label.length <= labelChars) return [label];
  const words = label.split(/\s+/);
  let first = '';
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= labelChars) first = `${first} ${words.shift()}`.trim();
  if (!first) return [shorten(label, labelChars)];
  return [first, shorten(words.join(' '), labelChars)];
}

/** Horizontal bars: long labels stay readable on a phone, one row each. */
export function BarChart(props: ChartProps) {
  const lines = props.labels.map(labelLines);
  const twoLines = lines.some((label) => label.length > 1);
  const rowHeight = twoLines ? 38 : 26;
  const labelWidth = 140;
  const valueRoom = 72;
  const area = width - labelWidth - valueRoom;
  const numbers = props.values.filter((value): value is number => value !== null);
  const low = Math.min(0, ...numbers);
  const high = Math.max(0, ...numbers);
  const span = high - low || 1;
  const x = (value: number) => labelWidth + ((value - low) / span) * area;
  const height = props.labels.length * rowHeight + 8;
  return (
    <Frame id={props.id} title={props.title} desc={props.desc} height={height}>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height} stroke={rule} stroke-width={1} />
      {lines.map((label, index) => {
        const value = props.values[index] ?? null;
        const top = index * rowHeight + 4;
        // The bar, its value and its label share one middle, whether the label has one line or two.
        const middle = top + rowHeight / 2 - 1;
        const start = value === null ? x(0) : Math.min(x(0), x(value));
        const end = value === null ? x(0) : Math.max(x(0), x(value));
        return (
          <g key={index}>
            <text x={labelWidth - 6} y={label.length > 1 ? middle - 3 : middle + 5} text-anchor="end">
              {label.map((line, number) => (
                <tspan key={number} x={labelWidth - 6} dy={number === 0 ? 0 : fontSize + 2}>
                  {line}
                </tspan>
              ))}
            </text>
            {value === null ? null : <rect x={start} y={middle - 8.5} width={Math.max(end - start, 1)} height={17} fill={bar} />}
            <text x={end + 4} y={middle + 5}>
              {value === null ? '–' : props.format(value)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** Round steps for an axis (1, 2 or 5 times a power of ten), from the lowest to the highest value. */
export function axisTicks(low: number, high: number, wanted = 4): number[] {
  if (low === high) return [low];
  const raw = (high - low) / wanted;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw)!;
  const ticks: number[] = [];
  let tick = Math.floor(low / step) * step;
  for (;;) {
    ticks.push(Number(tick.toPrecision(12)));
    if (tick >= high - step * 1e-9) return ticks;
    tick += step;
  }
}

/** A line over time; an empty cell breaks the line instead of dropping to zero. */
export function LineChart(props: ChartProps) {
  const height = 230;
  const left = 56;
  const right = 12;
  const top = 10;
  const bottom = 40;
  const numbers = props.values.filter((value): value is number => value !== null);
  const ticks = axisTicks(Math.min(...numbers), Math.max(...numbers));
  const low = ticks[0]!;
  const high = ticks[ticks.length - 1]!;
  const span = high - low || 1;
  const count = props.labels.length;
  const x = (index: number) => left + (count === 1 ? 0 : (index / (count - 1)) * (width - left - right));
  const y = (value: number) => top + (1 - (value - low) / span) * (height - top - bottom);
  let path = '';
  let drawing = false;
  props.values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(index).toFixed(1)} ${y(value).toFixed(1)}`;
    drawing = true;
  });
  const shownLabels = [...new Set([0, Math.floor((count - 1) / 2), count - 1])];
  return (
    <Frame id={props.id} title={props.title} desc={props.desc} height={height}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke={rule} stroke-width={0.5} />
          <text x={left - 6} y={y(tick) + 4} text-anchor="end">
            {props.format(tick)}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke={bar} stroke-width={2} />
      {props.values.map((value, index) => (value === null ? null : <circle key={index} cx={x(index)} cy={y(value)} r={3} fill={bar} />))}
      {shownLabels.map((index) => (
        <text key={index} x={x(index)} y={height - bottom + 18} text-anchor={index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle'}>
          {shorten(props.labels[index] ?? '', 16)}
        </text>
      ))}
    </Frame>
  );
}

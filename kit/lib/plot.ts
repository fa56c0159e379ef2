/**
 * A small, dependency-free SVG line-chart renderer for the lessons' figures.
 *
 * One function, {@link lineChart}, draws several named series on shared axes, with ticks, axis
 * labels, a legend, a title and an optional logarithmic y axis. The output is deterministic: the
 * same input gives byte-for-byte the same SVG (coordinates are written with two decimals, tick
 * labels with a fixed rule), so `deno task sync` can tell a changed figure from an unchanged one.
 *
 * The SVG has a white background, so it reads the same on GitHub's light and dark themes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./plot.ts";
 * const epochs = Array.from({ length: 50 }, (_, i) => i);
 * const svg = lineChart({
 *   title: "Halving every 10 epochs",
 *   xLabel: "epoch",
 *   yLabel: "learning rate",
 *   series: [{ name: "step decay", x: epochs, y: epochs.map((e) => 0.1 * 0.5 ** Math.floor(e / 10)), stepped: true }],
 * });
 * assert.ok(svg.startsWith("<svg"));
 * ```
 *
 * @module
 */

/** One line of a chart. */
export interface Series {
  /** Shown in the legend. */
  name: string;
  /** The x coordinates. */
  x: readonly number[];
  /** The y coordinates, one per x. A non-finite y (or, on a log axis, y ≤ 0) breaks the line. */
  y: readonly number[];
  /** A CSS colour; by default the next colour of {@link PALETTE}. */
  color?: string;
  /** Draw the line dashed. */
  dashed?: boolean;
  /** Draw a staircase: hold each y until the next x, then jump (for piecewise-constant schedules). */
  stepped?: boolean;
}

/** What {@link lineChart} draws. */
export interface ChartOptions {
  /** The title above the plot. */
  title: string;
  /** The series, drawn in order (later ones on top). At least one. */
  series: readonly Series[];
  /** Label under the x axis. */
  xLabel?: string;
  /** Label beside the y axis. */
  yLabel?: string;
  /** Width of the whole SVG in pixels (default 720). */
  width?: number;
  /** Height of the whole SVG in pixels (default 320). */
  height?: number;
  /** A base-10 logarithmic y axis (default false). */
  logY?: boolean;
  /** A base-10 logarithmic x axis (default false), e.g. for learning rates swept over decades. */
  logX?: boolean;
  /** The x range shown; by default the data's range. */
  xRange?: readonly [number, number];
  /** The y range shown; by default the data's range widened to round ticks (from 0 on a linear axis when all y ≥ 0). */
  yRange?: readonly [number, number];
}

/**
 * Colours given to series in order: Okabe–Ito, readable by colour-blind readers (its yellow left
 * out, too pale on white), then Tol's wine, so that eight series stay apart.
 */
export const PALETTE: readonly string[] = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#882255",
];

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const FONT_SIZE = 12;
const CHAR_WIDTH = 0.6 * FONT_SIZE; // a rough average, enough to size the legend

/**
 * Round tick values covering `[min, max]`: steps of 1, 2 or 5 times a power of ten, about
 * `target` of them. The first tick is ≤ `min` and the last ≥ `max`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearTicks } from "./plot.ts";
 * assert.deepEqual(linearTicks(0, 0.1), [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
 * ```
 */
export function linearTicks(min: number, max: number, target = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) {
    throw new RangeError(`linearTicks: min and max must be finite, got ${min} and ${max}`);
  }
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough * (1 - 1e-9))!;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(clean(i * step));
  return ticks;
}

/**
 * Tick values of a base-10 log axis covering `[min, max]` (both > 0): powers of ten (every
 * second or third one over very wide ranges, so that about 8 remain), plus 2× and 5× when the
 * range spans fewer than three decades.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logTicks } from "./plot.ts";
 * assert.deepEqual(logTicks(0.001, 0.1), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
 * ```
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > 0 && Number.isFinite(min) && Number.isFinite(max))) {
    throw new RangeError(
      `logTicks: min and max must be positive and finite, got ${min} and ${max}`,
    );
  }
  if (max < min) [min, max] = [max, min];
  let low = Math.floor(Math.log10(min) + 1e-9);
  let high = Math.ceil(Math.log10(max) - 1e-9);
  if (high === low) high += 1;
  const decades = high - low;
  const multipliers = decades < 3 ? [1, 2, 5] : [1];
  // At most about 8 labelled decades: every 2nd, 3rd, … power of ten over very wide ranges.
  const every = Math.ceil(decades / 8);
  low = Math.floor(low / every) * every;
  high = Math.ceil(high / every) * every;
  const ticks: number[] = [];
  for (let d = low; d <= high; d += every) {
    for (const m of multipliers) {
      if (d === high && m > 1) break;
      ticks.push(clean(m * 10 ** d));
    }
  }
  return ticks;
}

/** Rounds away binary noise such as 0.30000000000000004 (to 12 significant digits). */
function clean(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

/**
 * Formats a tick label: plain decimals for moderate numbers, `2e-4` style for very small or
 * very large ones, never more digits than needed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTick } from "./plot.ts";
 * assert.equal(formatTick(0.05), "0.05");
 * assert.equal(formatTick(0.00025), "2.5e-4");
 * assert.equal(formatTick(1500), "1500");
 * ```
 */
export function formatTick(value: number): string {
  if (value === 0) return "0";
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e6) {
    const [mantissa, exponent] = clean(value).toExponential().split("e");
    return `${mantissa}e${Number(exponent)}`;
  }
  return String(clean(value));
}

function coordinate(value: number): string {
  const text = value.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

function extent(values: Iterable<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

/**
 * Renders a line chart as SVG text.
 *
 * Throws a `RangeError` when there is no series, when a series' `x` and `y` differ in length, or
 * when no point can be drawn.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./plot.ts";
 * const x = [0, 1, 2, 3];
 * const svg = lineChart({
 *   title: "Two lines",
 *   logY: true,
 *   series: [
 *     { name: "fast", x, y: [1, 0.1, 0.01, 0.001] },
 *     { name: "slow", x, y: [1, 0.5, 0.25, 0.125], dashed: true },
 *   ],
 * });
 * assert.ok(svg.includes("fast") && svg.includes("slow"));
 * ```
 */
export function lineChart(options: ChartOptions): string {
  const { series, title } = options;
  if (series.length === 0) throw new RangeError("lineChart: at least one series is needed");
  for (const s of series) {
    if (s.x.length !== s.y.length) {
      throw new RangeError(
        `lineChart: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`,
      );
    }
  }
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const logY = options.logY ?? false;
  const logX = options.logX ?? false;
  const drawable = (y: number) => Number.isFinite(y) && (!logY || y > 0);
  const placeable = (x: number) => Number.isFinite(x) && (!logX || x > 0);

  // Data ranges.
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    s.x.forEach((x, i) => {
      if (placeable(x) && drawable(s.y[i])) {
        xs.push(x);
        ys.push(s.y[i]);
      }
    });
  }
  if (xs.length === 0) throw new RangeError("lineChart: no finite point to draw");
  let [xMin, xMax] = options.xRange ?? extent(xs);
  if (xMax === xMin) xMax = logX ? xMin * 10 : xMin + 1;
  const [dataYMin, dataYMax] = extent(ys);
  let yTicks: number[];
  let yMin: number;
  let yMax: number;
  if (options.yRange) {
    [yMin, yMax] = options.yRange;
    yTicks = (logY ? logTicks(yMin, yMax) : linearTicks(yMin, yMax)).filter((t) =>
      t >= yMin * (1 - 1e-9) && t <= yMax * (1 + 1e-9)
    );
  } else if (logY) {
    yTicks = logTicks(dataYMin, dataYMax);
    yMin = yTicks[0];
    yMax = yTicks[yTicks.length - 1];
  } else {
    // A little headroom, so that a line along the maximum is not hidden by the frame.
    const span = dataYMax - Math.min(0, dataYMin);
    yTicks = linearTicks(dataYMin >= 0 ? 0 : dataYMin - 0.04 * span, dataYMax + 0.04 * span);
    yMin = yTicks[0];
    yMax = yTicks[yTicks.length - 1];
  }
  let xTicks: number[];
  if (logX && !options.xRange) {
    // Like the log y axis: the axis runs from tick to tick, so its ends are labelled.
    xTicks = logTicks(xMin, xMax);
    xMin = xTicks[0];
    xMax = xTicks[xTicks.length - 1];
  } else {
    xTicks = (logX ? logTicks(xMin, xMax) : linearTicks(xMin, xMax, 8)).filter((t) =>
      logX
        ? t >= xMin * (1 - 1e-9) && t <= xMax * (1 + 1e-9)
        : t >= xMin - 1e-9 * Math.abs(xMax - xMin) && t <= xMax + 1e-9 * Math.abs(xMax - xMin)
    );
  }

  // Layout: title on top, y labels on the left, legend on the right, x labels below.
  const isPowerOfTen = (t: number) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
  const logLabels = (ticks: number[]) =>
    ticks.every(isPowerOfTen)
      ? ticks.map((t) => `1e${Math.round(Math.log10(t))}`)
      : ticks.map(formatTick);
  const yLabels = logY ? logLabels(yTicks) : yTicks.map(formatTick);
  const xLabels = logX ? logLabels(xTicks) : xTicks.map(formatTick);
  const longestYLabel = Math.max(...yLabels.map((l) => l.length));
  const legendWidth = Math.ceil(Math.max(...series.map((s) => s.name.length)) * CHAR_WIDTH) + 44;
  const left = Math.ceil(longestYLabel * CHAR_WIDTH) + (options.yLabel ? 34 : 16);
  const right = legendWidth + 12;
  const top = 36;
  const bottom = options.xLabel ? 48 : 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  if (plotWidth < 50 || plotHeight < 50) {
    throw new RangeError(`lineChart: ${width}×${height} leaves no room for the plot`);
  }
  const toX = logX
    ? (x: number) =>
      left + (Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin)) * plotWidth
    : (x: number) => left + (x - xMin) / (xMax - xMin) * plotWidth;
  const toY = logY
    ? (y: number) =>
      top + plotHeight -
      (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) * plotHeight
    : (y: number) => top + plotHeight - (y - yMin) / (yMax - yMin) * plotHeight;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="${FONT_SIZE}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  // A long title gets a smaller font rather than running off the picture.
  const titleSize = Math.min(15, Math.floor((width - 20) / (0.62 * title.length)));
  out.push(
    `<text x="${coordinate(width / 2)}" y="22" text-anchor="middle" font-size="${titleSize}" ` +
      `font-weight="600" fill="#222222">${escapeXml(title)}</text>`,
  );

  // Grid and ticks.
  out.push(`<g stroke="#e3e3e3" stroke-width="1">`);
  for (const t of yTicks) {
    const y = coordinate(toY(t));
    out.push(
      `<line x1="${coordinate(left)}" y1="${y}" x2="${coordinate(left + plotWidth)}" y2="${y}"/>`,
    );
  }
  for (const t of xTicks) {
    const x = coordinate(toX(t));
    out.push(
      `<line x1="${x}" y1="${coordinate(top)}" x2="${x}" y2="${coordinate(top + plotHeight)}"/>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<rect x="${coordinate(left)}" y="${coordinate(top)}" width="${coordinate(plotWidth)}" ` +
      `height="${coordinate(plotHeight)}" fill="none" stroke="#888888" stroke-width="1"/>`,
  );
  out.push(`<g fill="#444444">`);
  yTicks.forEach((t, i) => {
    out.push(
      `<text x="${coordinate(left - 6)}" y="${coordinate(toY(t) + 4)}" text-anchor="end">${
        yLabels[i]
      }</text>`,
    );
  });
  xTicks.forEach((t, i) => {
    out.push(
      `<text x="${coordinate(toX(t))}" y="${coordinate(top + plotHeight + 16)}" ` +
        `text-anchor="middle">${xLabels[i]}</text>`,
    );
  });
  out.push(`</g>`);
  if (options.xLabel) {
    out.push(
      `<text x="${coordinate(left + plotWidth / 2)}" y="${coordinate(height - 10)}" ` +
        `text-anchor="middle" fill="#222222">${escapeXml(options.xLabel)}</text>`,
    );
  }
  if (options.yLabel) {
    const cx = coordinate(14);
    const cy = coordinate(top + plotHeight / 2);
    out.push(
      `<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" text-anchor="middle" ` +
        `fill="#222222">${escapeXml(options.yLabel)}</text>`,
    );
  }

  // The series, clipped to the plot area.
  out.push(
    `<clipPath id="plot-area"><rect x="${coordinate(left)}" y="${coordinate(top)}" ` +
      `width="${coordinate(plotWidth)}" height="${coordinate(plotHeight)}"/></clipPath>`,
  );
  out.push(`<g clip-path="url(#plot-area)" fill="none" stroke-width="2" stroke-linejoin="round">`);
  series.forEach((s, index) => {
    const color = s.color ?? PALETTE[index % PALETTE.length];
    const commands: string[] = [];
    let penDown = false;
    let previousY = 0;
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i];
      const y = s.y[i];
      if (!placeable(x) || !drawable(y)) {
        penDown = false;
        continue;
      }
      const px = coordinate(toX(x));
      const py = coordinate(toY(y));
      if (!penDown) {
        commands.push(`M${px} ${py}`);
        penDown = true;
      } else if (s.stepped) {
        commands.push(`H${px}`);
        if (py !== coordinate(previousY)) commands.push(`V${py}`);
      } else {
        commands.push(`L${px} ${py}`);
      }
      previousY = toY(y);
    }
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(`<path d="${commands.join("")}" stroke="${escapeXml(color)}"${dash}/>`);
  });
  out.push(`</g>`);

  // Legend, to the right of the plot.
  const legendX = left + plotWidth + 16;
  out.push(`<g>`);
  series.forEach((s, index) => {
    const color = s.color ?? PALETTE[index % PALETTE.length];
    const y = top + 10 + index * 20;
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(
      `<line x1="${coordinate(legendX)}" y1="${coordinate(y)}" x2="${coordinate(legendX + 22)}" ` +
        `y2="${coordinate(y)}" stroke="${escapeXml(color)}" stroke-width="2"${dash}/>`,
    );
    out.push(
      `<text x="${coordinate(legendX + 28)}" y="${coordinate(y + 4)}" fill="#222222">${
        escapeXml(s.name)
      }</text>`,
    );
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

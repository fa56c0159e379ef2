/**
 * The lessons' figures: line charts (with steps, dashes, dots and shaded bands), scatter plots,
 * heat maps and stacked panels sharing an x axis, drawn by Vega-Lite and written as SVG.
 *
 * Each chart function builds a Vega-Lite specification from plain arrays (the `…Spec`
 * functions, pure and fast to test) and renders it with {@link renderSvg}, which loads the
 * plotting packages only when a figure is drawn. Axes end near the data, ticks are round values
 * labelled by `formatTick` (`ticks.ts`) (`1`, `0.05`, `2.5e-4`), and every figure has a white
 * background with dark text, so it reads the same on GitHub's light and dark themes (a
 * transparent one would leave dark text on a dark page).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./plot.ts";
 * const epochs = Array.from({ length: 50 }, (_, i) => i);
 * const svg = await lineChart({
 *   title: "Halving every 10 epochs",
 *   xLabel: "epoch",
 *   yLabel: "learning rate",
 *   series: [{
 *     name: "step decay",
 *     x: epochs,
 *     y: epochs.map((e) => 0.1 * 0.5 ** Math.floor(e / 10)),
 *     stepped: true,
 *   }],
 * });
 * assert.ok(svg.startsWith("<svg") && svg.includes("<title>Halving every 10 epochs</title>"));
 * ```
 *
 * @module
 */

import { type AxisScale, axisScale } from "./ticks.ts";
import { renderSvg, TICK_FORMAT_FUNCTION, type VegaLiteSpec } from "./svg_render.ts";

/** One named series of a chart. */
export interface Series {
  /**
   * Shown in the legend; names are unique within a chart. A panel's only series, named like its
   * y axis, gets no legend.
   */
  name: string;
  /** The x coordinates. */
  x: readonly number[];
  /** The y coordinates, one per x. A non-finite y (or, on a log axis, y ≤ 0) breaks the line. */
  y: readonly number[];
  /** A CSS colour; by default the next colour of {@link PALETTE}. */
  color?: string;
  /** Draw the line dashed. */
  dashed?: boolean;
  /** Draw a staircase: hold each y until the next x, then jump (schedules, incumbent curves). */
  stepped?: boolean;
  /** Mark every point with a dot (default false). */
  points?: boolean;
  /** Draw the line (default true); `false` with `points` draws the series as a scatter. */
  line?: boolean;
  /** A shaded band from `lower[i]` to `upper[i]` at each x, e.g. mean ± sd over seeds. */
  band?: { lower: readonly number[]; upper: readonly number[] };
}

/** The y axis and series of one panel. */
export interface Panel {
  /** The series, drawn in order (later ones on top). At least one. */
  series: readonly Series[];
  /** Label beside the y axis. */
  yLabel?: string;
  /** A base-10 logarithmic y axis (default false). */
  logY?: boolean;
  /** The y range shown; by default the data's range, from 0 on a linear axis when all y ≥ 0. */
  yRange?: readonly [number, number];
  /**
   * Start a linear y axis at 0 when all y ≥ 0 (default true); false shows only the data's range,
   * e.g. for accuracies that all lie between 0.9 and 1.
   */
  yZero?: boolean;
}

/** What {@link lineChart} draws. */
export interface ChartOptions extends Panel {
  /** The title above the plot, also the SVG's accessible `<title>`. */
  title: string;
  /** A longer text for screen readers, written as the SVG's `<desc>`. */
  description?: string;
  /** Label under the x axis. */
  xLabel?: string;
  /** Width of the whole SVG in pixels (default 720). */
  width?: number;
  /** Height of the whole SVG in pixels (default 320). */
  height?: number;
  /** A base-10 logarithmic x axis (default false), e.g. for learning rates swept over decades. */
  logX?: boolean;
  /** The x range shown; by default the data's range. */
  xRange?: readonly [number, number];
}

/** What {@link panelChart} draws: panels stacked top to bottom, sharing one x axis. */
export interface PanelChartOptions {
  /** The title above the panels, also the SVG's accessible `<title>`. */
  title: string;
  /** A longer text for screen readers. */
  description?: string;
  /** The panels, top to bottom. At least one. */
  panels: readonly Panel[];
  /** Label under the bottom panel's x axis. */
  xLabel?: string;
  /** A base-10 logarithmic x axis (default false). */
  logX?: boolean;
  /** The x range shown; by default the range of every panel's data. */
  xRange?: readonly [number, number];
  /** Width of the plotting area in pixels (default 560). */
  width?: number;
  /** Height of each panel's plotting area in pixels (default 160). */
  panelHeight?: number;
}

/** What {@link heatMap} draws: one coloured cell per (column, row). */
export interface HeatMapOptions {
  /** The title above the map, also the SVG's accessible `<title>`. */
  title: string;
  /** A longer text for screen readers. */
  description?: string;
  /** The column labels, left to right (e.g. the values of one hyperparameter). */
  columns: readonly (string | number)[];
  /** The row labels, top to bottom. */
  rows: readonly (string | number)[];
  /** `values[r][c]` is the cell of row `r`, column `c`; a non-finite value leaves it grey. */
  values: readonly (readonly number[])[];
  /** Label under the columns. */
  xLabel?: string;
  /** Label beside the rows. */
  yLabel?: string;
  /** Title of the colour legend (e.g. "validation accuracy"). */
  colorLabel?: string;
  /** Write each cell's value in it (default false). */
  showValues?: boolean;
  /** How a cell value is written (default: 3 significant digits). */
  formatValue?: (value: number) => string;
  /** A logarithmic colour scale, for values spread over decades (default false). */
  logColor?: boolean;
  /** Draw low values bright and high values dark (default false: high is bright). */
  reverseColors?: boolean;
  /** Side of a cell in pixels (default 36). */
  cellSize?: number;
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
const INK = "#222222";
const SOFT_INK = "#444444";
const DASH: number[] = [6, 4];
const SOLID: number[] = [1, 0];
/** Room above the highest and below the lowest value of a y axis, as a fraction of its span. */
const Y_PAD = 0.04;

/** Settings shared by every figure: fonts, colours, the white background, the frame. */
const CONFIG = {
  background: "#ffffff",
  font: FONT,
  view: { stroke: "#888888" },
  // No per-mark ARIA labels: they would repeat the data at full precision in every path; the
  // figure's title and description carry its meaning.
  mark: { aria: false },
  title: { fontSize: 15, fontWeight: 600, color: INK, anchor: "start", offset: 10 },
  axis: {
    labelFontSize: 12,
    labelColor: SOFT_INK,
    titleFontSize: 12,
    titleFontWeight: 500,
    titleColor: INK,
    gridColor: "#e6e6e6",
    domainColor: "#888888",
    tickColor: "#888888",
  },
  legend: { labelFontSize: 12, labelColor: INK, titleFontSize: 12, titleColor: INK, labelLimit: 0 },
} as const;

interface Row {
  /** Which series (its index). */
  k: number;
  /** Which unbroken piece of the series' line. */
  piece: number;
  x: number;
  y: number;
  lower?: number;
  upper?: number;
}

function check(what: string, series: readonly Series[]): void {
  if (series.length === 0) throw new RangeError(`${what}: at least one series is needed`);
  const names = new Set<string>();
  for (const s of series) {
    const lengths = [s.y.length, s.band?.lower.length, s.band?.upper.length];
    if (lengths.some((n) => n !== undefined && n !== s.x.length)) {
      throw new RangeError(
        `${what}: series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values` +
          (s.band ? ` and a band of ${s.band.lower.length}/${s.band.upper.length}` : ""),
      );
    }
    if (names.has(s.name)) throw new RangeError(`${what}: two series are named "${s.name}"`);
    names.add(s.name);
  }
}

/** The drawable rows of some series: points a log axis cannot place are gaps in their line. */
function rowsOf(series: readonly Series[], logX: boolean, logY: boolean): Row[] {
  const fits = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);
  const rows: Row[] = [];
  series.forEach((s, k) => {
    let piece = 0;
    let open = false;
    for (let i = 0; i < s.x.length; i++) {
      if (!fits(s.x[i], logX) || !fits(s.y[i], logY)) {
        if (open) piece++;
        open = false;
        continue;
      }
      open = true;
      const row: Row = { k, piece, x: s.x[i], y: s.y[i] };
      if (s.band && fits(s.band.lower[i], logY) && fits(s.band.upper[i], logY)) {
        row.lower = s.band.lower[i];
        row.upper = s.band.upper[i];
      }
      rows.push(row);
    }
  });
  return rows;
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

/** Room beside the data on an x axis with dots, so that the first and last are not cut. */
const X_PAD_FOR_DOTS = 0.02;

function xScaleOf(
  rows: readonly Row[],
  series: readonly Series[],
  logX: boolean,
  xRange: readonly [number, number] | undefined,
  what: string,
): AxisScale {
  if (rows.length === 0) throw new RangeError(`${what}: no finite point to draw`);
  if (xRange) return axisScale(xRange[0], xRange[1], { log: logX, tickTarget: 8 });
  const [low, high] = extent(rows.map((r) => r.x));
  const dots = series.some((s) => s.points || s.line === false);
  return axisScale(low, high, { log: logX, tickTarget: 8, pad: dots ? X_PAD_FOR_DOTS : 0 });
}

function yScaleOf(rows: readonly Row[], panel: Panel): AxisScale {
  const logY = panel.logY ?? false;
  if (panel.yRange) return axisScale(panel.yRange[0], panel.yRange[1], { log: logY });
  const ys = rows.flatMap((r) => r.lower === undefined ? [r.y] : [r.y, r.lower, r.upper!]);
  const [low, high] = extent(ys);
  return axisScale(low, high, { log: logY, zero: panel.yZero ?? true, pad: Y_PAD });
}

function scaleSpec(axis: AxisScale, log: boolean) {
  return { type: log ? "log" as const : "linear" as const, domain: axis.domain, nice: false };
}

/** An axis with the given ticks, labelled by the kit's `formatTick` (`ticks.ts`) rule. */
function axisSpec(axis: AxisScale, log: boolean) {
  return { values: axis.ticks, labelExpr: `${TICK_FORMAT_FUNCTION}(datum.value, ${log})` };
}

function colorOf(s: Series, index: number): string {
  return s.color ?? PALETTE[index % PALETTE.length];
}

/**
 * The Vega-Lite layers of one panel: per series a band, a line and dots, as asked. Series drawn
 * as lines share one legend (colour and dash); scatter-only series get a legend of dots.
 */
/** The x and y encodings every layer of one panel shares. */
interface PanelEncodings {
  x: Record<string, unknown>;
  y: Record<string, unknown>;
}

/** One numbered series of a panel (its number picks its colour and its rows). */
interface Numbered {
  s: Series;
  k: number;
}

const only = (k: number) => ({ filter: `datum.k === ${k}` });

/** The shaded bands (lower to upper) of the series that have one. */
function bandLayers(series: readonly Series[], enc: PanelEncodings): unknown[] {
  return series.flatMap((s, k) =>
    s.band
      ? [{
        transform: [only(k), { filter: "isValid(datum.lower)" }],
        mark: {
          type: "area",
          clip: true,
          color: colorOf(s, k),
          opacity: 0.18,
          interpolate: s.stepped ? "step-after" : "linear",
        },
        encoding: {
          x: enc.x,
          y: { ...enc.y, field: "lower" },
          y2: { field: "upper" },
          detail: { field: "piece" },
        },
      }]
      : []
  );
}

/** The lines (one legend of colours and dashes), then the points of those drawn with points. */
function lineLayers(lines: Numbered[], legend: boolean, enc: PanelEncodings): unknown[] {
  const lineLegend = {
    color: {
      field: "name",
      type: "nominal" as const,
      scale: {
        domain: lines.map(({ s }) => s.name),
        range: lines.map(({ s, k }) => colorOf(s, k)),
      },
      legend: legend && lines.length > 0 ? { title: null, symbolStrokeWidth: 2.5 } : null,
    },
    strokeDash: {
      field: "name",
      type: "nominal" as const,
      scale: {
        domain: lines.map(({ s }) => s.name),
        range: lines.map(({ s }) => s.dashed ? DASH : SOLID),
      },
      legend: legend && lines.length > 0 ? { title: null } : null,
    },
  };
  const layers: unknown[] = lines.map(({ s, k }) => ({
    transform: [only(k), { calculate: JSON.stringify(s.name), as: "name" }],
    mark: {
      type: "line",
      clip: true,
      strokeWidth: 2,
      interpolate: s.stepped ? "step-after" : "linear",
    },
    encoding: { x: enc.x, y: enc.y, detail: { field: "piece" }, ...lineLegend },
  }));
  for (const { s, k } of lines.filter(({ s }) => s.points)) {
    layers.push({
      transform: [only(k)],
      mark: { type: "point", filled: true, clip: true, size: 22, opacity: 1, color: colorOf(s, k) },
      encoding: { x: enc.x, y: enc.y },
    });
  }
  return layers;
}

/** One layer for every series drawn as dots only, with a legend of its own. */
function dotLayer(dotsOnly: Numbered[], legend: boolean, enc: PanelEncodings): unknown {
  return {
    transform: [
      { filter: { field: "k", oneOf: dotsOnly.map(({ k }) => k) } },
      {
        calculate: `${JSON.stringify(dotsOnly.map(({ s }) => s.name))}[indexof(${
          JSON.stringify(dotsOnly.map(({ k }) => k))
        }, datum.k)]`,
        as: "dotName",
      },
    ],
    mark: { type: "point", filled: true, clip: true, size: 30, opacity: 0.8 },
    encoding: {
      x: enc.x,
      y: enc.y,
      fill: {
        field: "dotName",
        type: "nominal",
        scale: {
          domain: dotsOnly.map(({ s }) => s.name),
          range: dotsOnly.map(({ s, k }) => colorOf(s, k)),
        },
        legend: legend ? { title: null, symbolSize: 40 } : null,
      },
    },
  };
}

function panelLayer(
  panel: Panel,
  rows: Row[],
  x: { scale: AxisScale; log: boolean; label?: string; labels: boolean },
  size: { width: number; height: number },
) {
  const { series } = panel;
  // A lone series named like its axis needs no legend.
  const legend = !(series.length === 1 && series[0].name === panel.yLabel);
  const yScale = yScaleOf(rows, panel);
  const lines = series.map((s, k) => ({ s, k })).filter(({ s }) => s.line !== false);
  const dotsOnly = series.map((s, k) => ({ s, k })).filter(({ s }) => s.line === false);
  const enc: PanelEncodings = {
    x: {
      field: "x",
      type: "quantitative" as const,
      scale: scaleSpec(x.scale, x.log),
      axis: x.labels
        ? { ...axisSpec(x.scale, x.log), title: x.label ?? null }
        : { ...axisSpec(x.scale, x.log), title: null, labels: false },
    },
    y: {
      field: "y",
      type: "quantitative" as const,
      scale: scaleSpec(yScale, panel.logY ?? false),
      axis: { ...axisSpec(yScale, panel.logY ?? false), title: panel.yLabel ?? null },
    },
  };
  const layers = [...bandLayers(series, enc), ...lineLayers(lines, legend, enc)];
  if (dotsOnly.length > 0) layers.push(dotLayer(dotsOnly, legend, enc));
  return {
    width: size.width,
    height: size.height,
    data: { values: rows },
    layer: layers,
    resolve: { scale: { color: "shared", strokeDash: "shared" } },
  };
}

/**
 * The Vega-Lite specification {@link lineChart} renders (exported for tests and for figures
 * that need a tweak this module does not offer).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChartSpec } from "./plot.ts";
 * const spec = lineChartSpec({
 *   title: "t",
 *   series: [{ name: "s", x: [0, 1, 2], y: [0.02, 0.1, 0.05] }],
 * });
 * assert.equal(spec.width, 720);
 * ```
 */
export function lineChartSpec(options: ChartOptions): VegaLiteSpec & { width: number } {
  check("lineChart", options.series);
  const logX = options.logX ?? false;
  const rows = rowsOf(options.series, logX, options.logY ?? false);
  const xScale = xScaleOf(rows, options.series, logX, options.xRange, "lineChart");
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const layer = panelLayer(options, rows, {
    scale: xScale,
    log: logX,
    label: options.xLabel,
    labels: true,
  }, { width, height });
  return {
    ...layer,
    title: options.title,
    description: options.description ?? options.title,
    autosize: { type: "fit", contains: "padding" },
    padding: 8,
    config: CONFIG,
  } as VegaLiteSpec & { width: number };
}

/**
 * Renders a line chart as SVG text: several named series on shared axes, with round ticks, axis
 * labels, a legend, a title, optional log axes, staircases, dashes, dots and shaded bands.
 *
 * Throws a `RangeError` when there is no series, when a series' lengths differ, when two series
 * share a name, or when no point can be drawn.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./plot.ts";
 * const x = [0, 1, 2, 3];
 * const svg = await lineChart({
 *   title: "Two lines",
 *   logY: true,
 *   series: [
 *     { name: "fast", x, y: [1, 0.1, 0.01, 0.001] },
 *     { name: "slow", x, y: [1, 0.5, 0.25, 0.125], dashed: true },
 *   ],
 * });
 * assert.ok(svg.includes(">fast</text>") && svg.includes(">slow</text>"));
 * ```
 */
export function lineChart(options: ChartOptions): Promise<string> {
  return renderSvg(lineChartSpec(options), options);
}

/**
 * Renders a scatter plot: every series drawn as dots, with no line (see {@link lineChart} for
 * the options; each series' `line` is taken as false and `points` as true).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterChart } from "./plot.ts";
 * const svg = await scatterChart({
 *   title: "Random search",
 *   xLabel: "learning rate",
 *   yLabel: "validation loss",
 *   logX: true,
 *   series: [{ name: "trial", x: [0.001, 0.01, 0.1], y: [0.9, 0.4, 0.7] }],
 * });
 * assert.ok(svg.includes(">trial</text>"), "a legend");
 * assert.ok(!svg.includes('stroke="#0072B2"'), "no line");
 * ```
 */
export function scatterChart(options: ChartOptions): Promise<string> {
  return lineChart({
    ...options,
    series: options.series.map((s) => ({ ...s, line: false, points: true })),
  });
}

/**
 * The Vega-Lite specification {@link panelChart} renders.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { panelChartSpec } from "./plot.ts";
 * const x = [0, 1, 2];
 * const spec = panelChartSpec({
 *   title: "t",
 *   panels: [{ series: [{ name: "a", x, y: x }] }, { series: [{ name: "b", x, y: x }] }],
 * });
 * assert.equal(spec.vconcat.length, 2);
 * ```
 */
export function panelChartSpec(
  options: PanelChartOptions,
): VegaLiteSpec & { vconcat: unknown[] } {
  if (options.panels.length === 0) throw new RangeError("panelChart: at least one panel is needed");
  const logX = options.logX ?? false;
  const rowsByPanel = options.panels.map((panel) => {
    check("panelChart", panel.series);
    return rowsOf(panel.series, logX, panel.logY ?? false);
  });
  const xScale = xScaleOf(
    rowsByPanel.flat(),
    options.panels.flatMap((panel) => panel.series),
    logX,
    options.xRange,
    "panelChart",
  );
  const last = options.panels.length - 1;
  const size = { width: options.width ?? 560, height: options.panelHeight ?? 160 };
  return {
    title: options.title,
    description: options.description ?? options.title,
    padding: 8,
    spacing: 12,
    config: CONFIG,
    vconcat: options.panels.map((panel, i) =>
      panelLayer(panel, rowsByPanel[i], {
        scale: xScale,
        log: logX,
        label: options.xLabel,
        labels: i === last,
      }, size)
    ),
    resolve: {
      scale: { y: "independent", color: "independent", strokeDash: "independent" },
      legend: { color: "independent", strokeDash: "independent", fill: "independent" },
    },
  } as VegaLiteSpec & { vconcat: unknown[] };
}

/**
 * Renders panels stacked top to bottom on one shared x axis (labelled under the bottom panel),
 * each with its own y axis and legend: for quantities measured on the same clock, such as a
 * validation loss and the learning rate a scheduler chose from it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { panelChart } from "./plot.ts";
 * const epochs = [0, 1, 2, 3, 4];
 * const svg = await panelChart({
 *   title: "Loss and rate",
 *   xLabel: "epoch",
 *   panels: [
 *     { yLabel: "loss", series: [{ name: "loss", x: epochs, y: [1, 0.6, 0.5, 0.5, 0.5] }] },
 *     {
 *       yLabel: "learning rate",
 *       logY: true,
 *       series: [{ name: "lr", x: epochs, y: [0.1, 0.1, 0.1, 0.05, 0.05], stepped: true }],
 *     },
 *   ],
 * });
 * assert.equal(svg.match(/>epoch<\/text>/g)?.length, 1, "one x axis title, under the bottom panel");
 * ```
 */
export function panelChart(options: PanelChartOptions): Promise<string> {
  return renderSvg(panelChartSpec(options), options);
}

/** Three significant digits, without trailing zeros. */
function threeDigits(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/**
 * The cells of a heat map, one per row and column, with the colour range of its finite values;
 * a RangeError naming what is wrong with `options` otherwise.
 */
function heatMapCells(options: HeatMapOptions) {
  const { columns, rows, values } = options;
  if (columns.length === 0 || rows.length === 0) {
    throw new RangeError("heatMap: at least one row and one column are needed");
  }
  if (values.length !== rows.length || values.some((r) => r.length !== columns.length)) {
    throw new RangeError(
      `heatMap: values must be ${rows.length} rows of ${columns.length} (one per row and column)`,
    );
  }
  const logColor = options.logColor ?? false;
  const shown = (v: number) => Number.isFinite(v) && (!logColor || v > 0);
  const finite = values.flat().filter(shown);
  if (finite.length === 0) throw new RangeError("heatMap: no finite value to colour");
  const [low, high] = extent(finite);
  const format = options.formatValue ?? threeDigits;
  // Where a cell's colour is dark enough for white text: the darker half of viridis.
  const position = (v: number) =>
    logColor
      ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low) || 1)
      : (v - low) / (high - low || 1);
  const reverse = options.reverseColors ?? false;
  const cells = rows.flatMap((row, r) =>
    columns.map((column, c) => {
      const v = values[r][c];
      const p = shown(v) ? position(v) : NaN;
      const dark = reverse ? p > 0.55 : p < 0.45;
      return {
        column: String(column),
        row: String(row),
        value: shown(v) ? v : null,
        label: shown(v) ? format(v) : "",
        light: dark,
      };
    })
  );
  return { cells, low, high };
}

/**
 * The Vega-Lite specification {@link heatMap} renders.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heatMapSpec } from "./plot.ts";
 * const spec = heatMapSpec({ title: "t", columns: [1, 2], rows: ["a"], values: [[0.5, 0.7]] });
 * assert.equal(spec.data.values.length, 2);
 * ```
 */
export function heatMapSpec(
  options: HeatMapOptions,
): VegaLiteSpec & { data: { values: unknown[] } } {
  const { columns, rows } = options;
  const { cells, low, high } = heatMapCells(options);
  const logColor = options.logColor ?? false;
  const reverse = options.reverseColors ?? false;
  const colorScale = axisScale(low, high, { log: logColor });
  const cell = options.cellSize ?? 36;
  const axisLabels = { labelExpr: "datum.label", labelAngle: 0 };
  const x = {
    field: "column",
    type: "ordinal" as const,
    sort: columns.map(String),
    axis: { ...axisLabels, title: options.xLabel ?? null, orient: "bottom" as const },
  };
  const y = {
    field: "row",
    type: "ordinal" as const,
    sort: rows.map(String),
    axis: { ...axisLabels, title: options.yLabel ?? null },
  };
  const layers: unknown[] = [{
    mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
    encoding: {
      x,
      y,
      color: {
        field: "value",
        type: "quantitative",
        scale: {
          type: logColor ? "log" : "linear",
          scheme: "viridis",
          reverse,
          domain: [low, high],
          nice: false,
        },
        legend: {
          title: options.colorLabel ?? null,
          values: colorScale.ticks,
          labelExpr: `${TICK_FORMAT_FUNCTION}(datum.value, ${logColor})`,
          gradientLength: Math.max(80, Math.min(240, cell * rows.length)),
        },
      },
    },
  }];
  if (options.showValues) {
    layers.push({
      mark: { type: "text", fontSize: 11 },
      encoding: {
        x,
        y,
        text: { field: "label" },
        color: { condition: { test: "datum.light", value: "#ffffff" }, value: INK },
      },
    });
  }
  return {
    title: options.title,
    description: options.description ?? options.title,
    padding: 8,
    config: { ...CONFIG, view: { stroke: null }, axis: { ...CONFIG.axis, grid: false } },
    width: cell * columns.length,
    height: cell * rows.length,
    data: { values: cells },
    layer: layers,
  } as VegaLiteSpec & { data: { values: unknown[] } };
}

/**
 * Renders a heat map: one cell per (column, row) coloured by its value on the colour-blind-safe
 * viridis scale, with a colour legend and, optionally, each cell's value written in it (white
 * on dark cells, dark on bright ones). Grey-free: a non-finite value leaves its cell empty.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heatMap } from "./plot.ts";
 * const svg = await heatMap({
 *   title: "Validation accuracy",
 *   xLabel: "learning rate",
 *   yLabel: "hidden units",
 *   columns: [0.001, 0.01, 0.1],
 *   rows: [8, 32],
 *   values: [[0.71, 0.88, 0.52], [0.74, 0.93, 0.49]],
 *   colorLabel: "accuracy",
 *   showValues: true,
 * });
 * assert.ok(svg.includes(">0.93</text>") && svg.includes(">accuracy</text>"));
 * ```
 */
export function heatMap(options: HeatMapOptions): Promise<string> {
  return renderSvg(heatMapSpec(options), options);
}

/**
 * The best value found so far after each evaluation (running minimum, or maximum with
 * `goal: "max"`): the incumbent curve of a search, to draw `stepped` against the budget spent.
 * Non-finite values (a diverged run) never become the incumbent; before the first finite value
 * the incumbent is `NaN`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bestSoFar } from "./plot.ts";
 * assert.deepEqual(bestSoFar([0.9, NaN, 0.7, 0.8, 0.3]), [0.9, 0.9, 0.7, 0.7, 0.3]);
 * assert.deepEqual(bestSoFar([0.5, 0.9, 0.7], "max"), [0.5, 0.9, 0.9]);
 * ```
 */
export function bestSoFar(values: readonly number[], goal: "min" | "max" = "min"): number[] {
  let best = NaN;
  return values.map((v) => {
    if (Number.isFinite(v) && (Number.isNaN(best) || (goal === "min" ? v < best : v > best))) {
      best = v;
    }
    return best;
  });
}

/**
 * A series showing the mean of several runs (e.g. one per seed) with a band of ± one sample
 * standard deviation around it. `runs[r][i]` is run `r`'s value at `x[i]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanBandSeries } from "./plot.ts";
 * const s = meanBandSeries("3 seeds", [0, 1], [[1, 4], [2, 6], [3, 8]]);
 * assert.deepEqual(s.y, [2, 6]);
 * assert.deepEqual(s.band, { lower: [1, 4], upper: [3, 8] });
 * ```
 */
export function meanBandSeries(
  name: string,
  x: readonly number[],
  runs: readonly (readonly number[])[],
): Series {
  if (runs.length === 0) throw new RangeError("meanBandSeries: at least one run is needed");
  if (runs.some((run) => run.length !== x.length)) {
    throw new RangeError(`meanBandSeries: every run needs ${x.length} values, one per x`);
  }
  const mean = x.map((_, i) => runs.reduce((sum, run) => sum + run[i], 0) / runs.length);
  const sd = x.map((_, i) =>
    runs.length < 2
      ? 0
      : Math.sqrt(runs.reduce((sum, run) => sum + (run[i] - mean[i]) ** 2, 0) / (runs.length - 1))
  );
  return {
    name,
    x,
    y: mean,
    band: { lower: mean.map((m, i) => m - sd[i]), upper: mean.map((m, i) => m + sd[i]) },
  };
}

/**
 * Scatter plots of points in the unit square, side by side, each with its two marginals: what a
 * search tried along each axis. Made for lesson 07's picture of grid and random search when only
 * one of two hyperparameters matters (Bergstra & Bengio, 2012, Figure 1, redrawn from the kit's
 * own points).
 *
 * The output is deterministic (coordinates with two decimals). It is drawn directly rather than
 * through `plot.ts`'s Vega-Lite charts, which have no marginal strips.
 *
 * @module
 */

import { formatTick, linearTicks } from "./ticks.ts";

/** One panel: points in [0, 1]², and the curve drawn above it along x. */
export interface ScatterPanel {
  /** Shown above the panel. */
  title: string;
  /** The points, each in [0, 1]². */
  points: readonly { x: number; y: number }[];
}

/** What {@link scatterWithMarginals} draws. */
export interface ScatterOptions {
  /** The figure's title. */
  title: string;
  /** The panels, left to right (at least one). */
  panels: readonly ScatterPanel[];
  /** Label of the x axis (the hyperparameter that matters). */
  xLabel: string;
  /** Label of the y axis (the one that does not). */
  yLabel: string;
  /** The score as a function of x alone, drawn in the strip above each panel, values in [0, 1]. */
  xEffect: (x: number) => number;
  /** The score as a function of y alone, drawn in the strip right of each panel, in [0, 1]. */
  yEffect: (y: number) => number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const BLUE = "#0072B2";
const ORANGE = "#D55E00";

const c = (v: number) => {
  const text = v.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
};
const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Where one panel sits: its square's left and top, its size, and the strips' size and gap. */
interface Frame {
  x0: number;
  y0: number;
  size: number;
  strip: number;
  gap: number;
  top: number;
}

/** A panel's title, its square with ticks, and the axis labels. */
function squareOf(panel: ScatterPanel, frame: Frame, options: ScatterOptions): string[] {
  const { x0, y0, size, top } = frame;
  const px = (x: number) => x0 + x * size;
  const py = (y: number) => y0 + (1 - y) * size;
  const out = [
    `<text x="${c(x0 + size / 2)}" y="${c(top - 6)}" text-anchor="middle" font-weight="600" ` +
    `fill="#222222">${text(panel.title)}</text>`,
    `<rect x="${c(x0)}" y="${
      c(y0)
    }" width="${size}" height="${size}" fill="none" stroke="#888888"/>`,
  ];
  for (const t of linearTicks(0, 1, 5)) {
    out.push(
      `<text x="${c(px(t))}" y="${c(y0 + size + 15)}" text-anchor="middle" fill="#444444">${
        formatTick(t)
      }</text>`,
      `<text x="${c(x0 - 5)}" y="${c(py(t) + 4)}" text-anchor="end" fill="#444444">${
        formatTick(t)
      }</text>`,
    );
  }
  const ly = y0 + size / 2;
  out.push(
    `<text x="${c(x0 + size / 2)}" y="${c(y0 + size + 34)}" text-anchor="middle" ` +
      `fill="#222222">${text(options.xLabel)}</text>`,
    `<text x="${c(x0 - 32)}" y="${c(ly)}" transform="rotate(-90 ${c(x0 - 32)} ${c(ly)})" ` +
      `text-anchor="middle" fill="#222222">${text(options.yLabel)}</text>`,
  );
  return out;
}

/** The two strips (each effect as a curve, a stem at every value tried) and the points. */
function stripsOf(panel: ScatterPanel, frame: Frame, options: ScatterOptions): string[] {
  const { x0, y0, size, strip, gap, top } = frame;
  const samples = Array.from({ length: 101 }, (_, i) => i / 100);
  const px = (x: number) => x0 + x * size;
  const py = (y: number) => y0 + (1 - y) * size;
  // Top strip: the effect of x; right strip: the effect of y.
  const sy = (v: number) => top + strip - v * (strip - 4);
  const sx = (v: number) => x0 + size + gap + v * (strip - 4);
  const out = [
    `<line x1="${c(x0)}" y1="${c(top + strip)}" x2="${c(x0 + size)}" y2="${
      c(top + strip)
    }" stroke="#888888"/>`,
    `<path d="${
      samples.map((s, i) => `${i ? "L" : "M"}${c(px(s))} ${c(sy(options.xEffect(s)))}`).join("")
    }" fill="none" stroke="#999999" stroke-width="1.5"/>`,
    `<line x1="${c(x0 + size + gap)}" y1="${c(y0)}" x2="${c(x0 + size + gap)}" y2="${
      c(y0 + size)
    }" stroke="#888888"/>`,
    `<path d="${
      samples.map((s, i) => `${i ? "L" : "M"}${c(sx(options.yEffect(s)))} ${c(py(s))}`).join("")
    }" fill="none" stroke="#999999" stroke-width="1.5"/>`,
  ];
  for (const { x, y } of panel.points) {
    const fx = options.xEffect(x), fy = options.yEffect(y);
    out.push(
      `<line x1="${c(px(x))}" y1="${c(top + strip)}" x2="${c(px(x))}" y2="${c(sy(fx))}" ` +
        `stroke="${BLUE}" stroke-width="1.5"/>`,
      `<circle cx="${c(px(x))}" cy="${c(sy(fx))}" r="3" fill="${BLUE}"/>`,
      `<line x1="${c(x0 + size + gap)}" y1="${c(py(y))}" x2="${c(sx(fy))}" y2="${c(py(y))}" ` +
        `stroke="${BLUE}" stroke-width="1.5"/>`,
      `<circle cx="${c(sx(fy))}" cy="${c(py(y))}" r="3" fill="${BLUE}"/>`,
      `<circle cx="${c(px(x))}" cy="${c(py(y))}" r="4.5" fill="${ORANGE}" stroke="#ffffff"/>`,
    );
  }
  return out;
}

/**
 * Renders the panels as one SVG: in each, the points (orange), above them the x marginal (the
 * curve `xEffect` with a blue stem at every x tried) and to the right the y marginal (`yEffect`
 * with a stem at every y tried). Counting the stems shows how many distinct values of each
 * hyperparameter the search tried.
 *
 * Throws a `RangeError` when there is no panel or a point lies outside [0, 1]².
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterWithMarginals } from "./scatter.ts";
 * const svg = scatterWithMarginals({
 *   title: "Two points",
 *   panels: [{ title: "a", points: [{ x: 0.2, y: 0.5 }, { x: 0.7, y: 0.1 }] }],
 *   xLabel: "x",
 *   yLabel: "y",
 *   xEffect: (x) => x,
 *   yEffect: () => 0.5,
 * });
 * assert.ok(svg.startsWith("<svg"));
 * ```
 */
export function scatterWithMarginals(options: ScatterOptions): string {
  const { panels } = options;
  if (panels.length === 0) throw new RangeError("scatterWithMarginals: at least one panel");
  for (const p of panels) {
    for (const { x, y } of p.points) {
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
        throw new RangeError(`scatterWithMarginals: point (${x}, ${y}) is outside [0, 1]²`);
      }
    }
  }
  const size = 220, strip = 60, gap = 8, left = 56, top = 48, between = 60;
  const panelWidth = size + gap + strip;
  const width = left + panels.length * panelWidth + (panels.length - 1) * between + 20;
  const height = top + strip + gap + size + 48;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
    `<title>${text(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${c(width / 2)}" y="20" text-anchor="middle" font-size="15" font-weight="600" ` +
    `fill="#222222">${text(options.title)}</text>`,
  ];
  panels.forEach((panel, k) => {
    const x0 = left + k * (panelWidth + between);
    const frame: Frame = { x0, y0: top + strip + gap, size, strip, gap, top };
    out.push(...squareOf(panel, frame, options), ...stripsOf(panel, frame, options));
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

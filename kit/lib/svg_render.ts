/**
 * Renders a Vega-Lite specification to SVG text, headless, with output that is the same byte
 * for byte on every run and machine, so that `deno task test` can tell a changed figure from an
 * unchanged one.
 *
 * The plotting packages (`npm:vega`, `npm:vega-lite`) are loaded on the first call, not when
 * this module is imported: only the process that renders figures (`deno task sync`, the kit's
 * own suite) ever loads them, never a graded test process.
 *
 * What keeps the output deterministic:
 * - text is measured by Vega's estimate from the font size (there is no canvas under Deno),
 *   not by the fonts of the machine;
 * - the counters behind clip-path and gradient ids are reset before every figure, so a
 *   figure's ids do not depend on which figures were drawn before it in the same process;
 * - coordinates in attributes are rounded to two decimals, so that the last bits of a
 *   floating-point result cannot show;
 * - the packages are pinned to exact versions in `deno.json` and `deno.lock`.
 *
 * @module
 */

import type { TopLevelSpec } from "vega-lite";
import { formatTick } from "./ticks.ts";

/** A Vega-Lite specification, as `npm:vega-lite` types it. */
export type VegaLiteSpec = TopLevelSpec;

/**
 * The name under which {@link formatTick} is called in a spec's `labelExpr`:
 * `kitTick(datum.value, false)` on a linear axis, `kitTick(datum.value, true)` on a log axis.
 */
export const TICK_FORMAT_FUNCTION = "kitTick";

type Libraries = { vega: typeof import("vega"); vegaLite: typeof import("vega-lite") };
let libraries: Promise<Libraries> | undefined;

function load(): Promise<Libraries> {
  libraries ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => {
    // Tick labels use the kit's own rule (`1`, `0.05`, `2.5e-4`), not d3-format's.
    vega.expressionFunction(
      TICK_FORMAT_FUNCTION,
      (value: number, log?: boolean) => formatTick(value, { log: log === true }),
    );
    // Vega's own estimate (0.8 em a character) makes legends and margins a third too wide;
    // a table of typical sans-serif widths is as deterministic and much closer. `textMetrics`
    // is Vega's documented hook for this (vl-convert uses it), though its typings omit it.
    const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
    metrics.width = (item: TextItem, text?: unknown) =>
      textWidth(String(text ?? item.text ?? "").trim(), item.fontSize ?? 11, item.fontWeight);
    return { vega, vegaLite };
  });
  return libraries;
}

/** The fields of a Vega text item that its width depends on. */
interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

/**
 * Character widths in em of a wide sans-serif face (DejaVu Sans, the fallback of many Linux
 * systems, rounded up): text set in a narrower face (Helvetica, Segoe UI) then still fits.
 */
const EM_WIDTHS: [string, number][] = [
  ["ijl.,:;'|!`", 0.3],
  ["frt()[]{}-/\\ ", 0.38],
  ['*^"', 0.5],
  ["0123456789abcdeghknopqsuvxyz$#_?+=<>~±−·", 0.63],
  ["ABEFKPSVXYTZLJ&", 0.7],
  ["CDGHNOQRUw", 0.8],
  ["mM", 0.9],
  ["W%@", 1],
];
const WIDTH_OF = new Map(EM_WIDTHS.flatMap(([chars, w]) => [...chars].map((c) => [c, w])));

/**
 * The width in pixels of `text` set in a sans-serif face at `fontSize`, estimated from a table
 * of character widths (bold text is about 8% wider): what lays out axes and legends, the same
 * on every machine, as no installed font is consulted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textWidth } from "./svg_render.ts";
 * assert.equal(textWidth("10", 10), 12.6);
 * assert.ok(textWidth("mmm", 12) > textWidth("iii", 12));
 * ```
 */
export function textWidth(text: string, fontSize: number, fontWeight?: string | number): number {
  let ems = 0;
  for (const c of text) ems += WIDTH_OF.get(c) ?? 0.6;
  const bold = fontWeight === "bold" || Number(fontWeight) >= 600 ? 1.08 : 1;
  return Math.round(ems * fontSize * bold * 100) / 100;
}

/** What {@link renderSvg} writes into the SVG for screen readers and tooltips. */
export interface Accessible {
  /** The figure's title, written as the SVG's `<title>`. */
  title: string;
  /** A longer description, written as `<desc>` when given. */
  description?: string;
}

/**
 * Renders `spec` to SVG text ending in a newline, with an accessible `<title>` (and `<desc>`)
 * and `role="img"` on the root element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderSvg } from "./svg_render.ts";
 * const svg = await renderSvg({
 *   data: { values: [{ x: 0, y: 1 }, { x: 1, y: 2 }] },
 *   mark: "line",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * }, { title: "Two points" });
 * assert.match(svg, /^<svg [^>]*role="img"[^>]*><title>Two points<\/title>/);
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec, accessible: Accessible): Promise<string> {
  const { vega, vegaLite } = await load();
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return withAccessibleTitle(roundCoordinates(svg), accessible) + "\n";
  } finally {
    view.finalize();
  }
}

/** Attributes whose numbers are coordinates or sizes; text content is never touched. */
const GEOMETRY = /\s(d|transform|x|y|x1|x2|y1|y2|width|height|points|stroke-width)="([^"]*)"/g;

/**
 * Rounds every number with more than two decimals inside geometry attributes to two decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { roundCoordinates } from "./svg_render.ts";
 * assert.equal(
 *   roundCoordinates('<path d="M0.123456,1L2.5,3.0049"/><text x="1.23456">0.0125</text>'),
 *   '<path d="M0.12,1L2.5,3"/><text x="1.23">0.0125</text>',
 * );
 * ```
 */
export function roundCoordinates(svg: string): string {
  return svg.replace(
    GEOMETRY,
    (_, name: string, value: string) =>
      ` ${name}="${
        value.replace(/-?\d*\.\d{3,}(e-?\d+)?/g, (n) => {
          const rounded = Number(Number(n).toFixed(2));
          return String(rounded === 0 ? 0 : rounded);
        })
      }"`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function withAccessibleTitle(svg: string, { title, description }: Accessible): string {
  const open = svg.indexOf(">") + 1;
  if (!svg.startsWith("<svg") || open === 0) throw new Error("renderSvg: Vega wrote no <svg>");
  const head = svg.slice(0, open - 1) + ` role="img" aria-label="${escapeXml(title)}">`;
  const desc = description ? `<desc>${escapeXml(description)}</desc>` : "";
  return `${head}<title>${escapeXml(title)}</title>${desc}${svg.slice(open)}`;
}

/**
 * How generated text writes numbers and tables, shared by every lesson's generator so that one
 * number reads the same in every lesson.
 *
 * @module
 */

/** How {@link formatNumber} writes a number. */
export interface NumberStyle {
  /** Significant digits (default 4). */
  digits?: number;
  /**
   * Notation outside [0.001, 100 000): `"e"` writes `6.25e-5` (trailing zeros dropped),
   * `"sup"` writes `6.250·10<sup>-5</sup>` (all `digits` shown, for aligned table columns),
   * `"never"` writes plain decimals (`0.0000625`), as tutorials print them. Default `"e"`.
   */
  exponent?: "e" | "sup" | "never";
}

/**
 * A number for a lesson's text or tables: `digits` significant digits, in exponent notation
 * below 0.001 and from 100 000 on (unless `exponent` is `"never"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatNumber } from "./format.ts";
 * assert.equal(formatNumber(1 / 3), "0.3333");
 * assert.equal(formatNumber(0.0000625), "6.25e-5");
 * assert.equal(formatNumber(0.0000625, { exponent: "sup" }), "6.250·10<sup>-5</sup>");
 * assert.equal(formatNumber(0.000758123, { digits: 3, exponent: "never" }), "0.000758");
 * ```
 */
export function formatNumber(x: number, style: NumberStyle = {}): string {
  const { digits = 4, exponent = "e" } = style;
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (exponent === "never" || (a >= 1e-3 && a < 1e5)) return String(Number(x.toPrecision(digits)));
  const [mantissa, power] = x.toExponential(digits - 1).split("e");
  return exponent === "sup"
    ? `${mantissa}·10<sup>${Number(power)}</sup>`
    : `${Number(mantissa)}e${Number(power)}`;
}

/**
 * A share (0 to 1) as a percentage with one decimal, as the lessons' accuracy columns print it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPercent } from "./format.ts";
 * assert.equal(formatPercent(0.9876), "98.8 %");
 * ```
 */
export function formatPercent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}

/**
 * A markdown table (unaligned: the sync step runs `deno fmt`, which aligns it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markdownTable } from "./format.ts";
 * assert.equal(markdownTable(["a", "b"], [[1, "x"]]), "| a | b |\n| --- | --- |\n| 1 | x |");
 * ```
 */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A configuration object written for a caption: `` `a` = 1, `mode` = "x" ``.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeConfig } from "./format.ts";
 * assert.equal(describeConfig({ lr0: 0.1, mode: "max" }), '`lr0` = 0.1, `mode` = "max"');
 * ```
 */
export function describeConfig(config: object): string {
  return Object.entries(config).map(([k, v]) =>
    `\`${k}\` = ${typeof v === "string" ? `"${v}"` : v}`
  ).join(", ");
}

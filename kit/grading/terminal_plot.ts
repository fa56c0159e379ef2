/**
 * A small plot in the terminal: the learner's values against the expected ones, for a failed
 * array answer (a schedule, a loss curve, a trajectory). Characters only, colour optional.
 *
 * @module
 */

/** How to draw. */
export interface TerminalPlotOptions {
  /** Columns of the plotting area (default 60). */
  width?: number;
  /** Rows of the plotting area (default 10). */
  height?: number;
  /** Colour the two series with ANSI codes (default false; callers pass false under NO_COLOR). */
  color?: boolean;
}

const EXPECTED_MARK = "·";
const GOT_MARK = "x";
const BOTH_MARK = "●";

/**
 * Draws `expected` (`·`) and `got` (`x`) against their index; where both fall in one cell it shows
 * `●`. Values that are not finite numbers are left out (`null`). Returns the lines, with the y
 * range on the left and a legend below.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plotSeries } from "./terminal_plot.ts";
 * const lines = plotSeries([1, 2, 3, 4], [1, 2, 2, 2], { width: 8, height: 4 });
 * assert.equal(lines.length, 6);
 * assert.equal(lines.at(-1), "         · expected   x yours   ● both");
 * ```
 */
export function plotSeries(
  expected: readonly (number | null)[],
  got: readonly (number | null)[],
  options: TerminalPlotOptions = {},
): string[] {
  const width = options.width ?? 60;
  const height = options.height ?? 10;
  const finite = [...expected, ...got].filter((v): v is number => v !== null && isFinite(v));
  // Nothing of the learner's to draw (all NaN, say): the message says enough.
  if (!got.some((v) => v !== null && isFinite(v))) return [];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const n = Math.max(expected.length, got.length);
  const grid: number[][] = Array.from({ length: height }, () => new Array(width).fill(0));
  const put = (series: readonly (number | null)[], bit: number) => {
    series.forEach((value, i) => {
      if (value === null || !isFinite(value)) return;
      const column = n <= 1 ? 0 : Math.round((i / (n - 1)) * (width - 1));
      const row = height - 1 - Math.round(((value - low) / (high - low)) * (height - 1));
      grid[row][column] |= bit;
    });
  };
  put(expected, 1);
  put(got, 2);
  const paint = (mark: string, code: number) =>
    options.color ? `\x1b[${code}m${mark}\x1b[0m` : mark;
  const cell = (bits: number) =>
    bits === 3
      ? paint(BOTH_MARK, 32)
      : bits === 1
      ? paint(EXPECTED_MARK, 34)
      : bits === 2
      ? paint(GOT_MARK, 31)
      : " ";
  const label = (value: number) => Number(value.toPrecision(3)).toString().padStart(8);
  const lines = grid.map((row, r) => {
    const axis = r === 0 ? label(high) : r === height - 1 ? label(low) : " ".repeat(8);
    return `${axis} │${row.map(cell).join("")}`;
  });
  lines.push(`${" ".repeat(8)} └${"─".repeat(width)} index 0…${n - 1}`);
  lines.push(
    `${" ".repeat(9)}${paint(EXPECTED_MARK, 34)} expected   ${paint(GOT_MARK, 31)} yours   ${
      paint(BOTH_MARK, 32)
    } both`,
  );
  return lines;
}

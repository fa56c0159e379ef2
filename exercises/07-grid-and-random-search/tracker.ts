// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 4: a trial log that survives a round trip through CSV exactly.
 *
 * @module
 */

import { formatCsvRecords, parseCsvRecords } from "../../kit/lib/csv.ts";

/** One cell of a trial log. */
export type Cell = number | string | boolean;

/** One row of a trial log: a cell for every column, by column name. */
export type TrialRecord = Record<string, Cell>;

/** A parsed trial log: the header's column names, in order, and the rows. */
export interface TrialLog {
  /** Column names, in file order. */
  columns: string[];
  /** The rows, in file order. */
  rows: TrialRecord[];
}

/**
 * Writes a trial log as CSV text with `formatCsvRecords` (`kit/lib/csv.ts`, the `csv-stringify`
 * package): a header row of `columns`, then one row per record with its cells in that order,
 * each line ending in `\n`. The library quotes a cell that holds a comma, a quote or a line
 * break (RFC 4180), so a value such as `"relu, then tanh"` stays one cell.
 *
 * A cell is written as text that {@link parseTrialLog} reads back as the same value: a number as
 * JavaScript prints it (`String(x)`: the shortest text that reads back to the same double, and
 * `NaN` or `Infinity` for a diverged run), a boolean as `true` or `false`, a string as itself.
 * A string that would read back as something else (`"0.1"`, `"NaN"`, `"true"`) is refused.
 *
 * Throws a `RangeError` naming the column when a record lacks one of `columns` or has a key that
 * is not one of them, when a column name appears twice, and when a string cell would not read
 * back as a string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTrialLog } from "./tracker.ts";
 * const text = formatTrialLog(["id", "lr", "note"], [{ id: 0, lr: 0.01, note: "fast, stable" }]);
 * assert.equal(text, 'id,lr,note\n0,0.01,"fast, stable"\n');
 * ```
 */
export function formatTrialLog(columns: readonly string[], rows: readonly TrialRecord[]): string {
  throw new Error("TODO: formatTrialLog (lesson 07, 'Experiment tracking')");
}

/**
 * Reads a trial log written by {@link formatTrialLog} with `parseCsvRecords` (`kit/lib/csv.ts`,
 * the `csv-parse` package): the first row is the header, each further row a record. A cell reads as a boolean when it is `true` or
 * `false`, as a number when it is exactly the text JavaScript prints for that number
 * (`String(Number(cell)) === cell`, so `0.01`, `NaN`, `-Infinity`, but not `1e-2` or `""`),
 * otherwise as a string.
 *
 * Throws an `Error` on text with no header row, on a header with a repeated name, and on a row
 * whose number of cells differs from the header's (naming the line); CSV syntax errors from the
 * library (an unclosed quote) are passed on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTrialLog } from "./tracker.ts";
 * const log = parseTrialLog('id,lr,note\n0,0.01,"fast, stable"\n');
 * assert.deepEqual(log, { columns: ["id", "lr", "note"], rows: [{ id: 0, lr: 0.01, note: "fast, stable" }] });
 * ```
 */
export function parseTrialLog(text: string): TrialLog {
  throw new Error("TODO: parseTrialLog (lesson 07, 'Experiment tracking')");
}

// deno-lint-ignore-file no-unused-vars
/**
 * Standardisation fitted on training rows only: the mean and scale of each column are learned
 * from the rows the model trains on, then applied unchanged to validation and test rows, so that
 * no statistic of the held-out rows leaks into training.
 *
 * @module
 */

/** Per-column statistics of a fitted scaler. */
export interface Scaler {
  /** Mean of each column over the fitting rows. */
  mean: Float64Array;
  /** Standard deviation of each column over the fitting rows (population, ÷ n), 1 for a constant column. */
  scale: Float64Array;
}

/**
 * Fits a standard scaler on the rows `rows` of a row-major feature matrix with `cols` columns,
 * as scikit-learn's `StandardScaler().fit(X[rows])` does: each column's mean and its population
 * standard deviation √(Σ(x − mean)² / n), with n = `rows.length`. A column whose fitting values
 * are all equal gets scale 1 (so it maps to 0 instead of dividing by 0). Rows outside `rows` are
 * never read.
 *
 * Throws a `RangeError` when `rows` is empty.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitScaler } from "./scaler.ts";
 * const x = new Float64Array([1, 5, 3, 5, 100, 7]); // three rows of two columns
 * const s = fitScaler(x, 2, [0, 1]); // the third row is held out
 * assert.deepEqual(Array.from(s.mean), [2, 5]);
 * assert.deepEqual(Array.from(s.scale), [1, 1]);
 * ```
 */
export function fitScaler(features: Float64Array, cols: number, rows: readonly number[]): Scaler {
  throw new Error("TODO: fitScaler (lesson 06, 'Preprocessing is part of the model')");
}

/**
 * Standardises every row of `features` with a fitted scaler: `(x − mean) / scale`, column by
 * column. Returns a new array; `features` is not changed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyScaler, fitScaler } from "./scaler.ts";
 * const x = new Float64Array([1, 5, 3, 5, 100, 7]);
 * assert.deepEqual(Array.from(applyScaler(fitScaler(x, 2, [0, 1]), x)), [-1, 0, 1, 0, 98, 2]);
 * ```
 */
export function applyScaler(scaler: Scaler, features: Float64Array): Float64Array {
  throw new Error("TODO: applyScaler (lesson 06, 'Preprocessing is part of the model')");
}

// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 2: covariance functions (kernels) of a Gaussian process, and the matrices of their
 * values between two lists of points.
 *
 * @module
 */

/**
 * A stationary kernel: its value depends only on the distance r = ‖a − b‖ / lengthscale.
 *
 * - `squaredExponential`: k = variance · exp(−r² / 2);
 * - `matern52`: k = variance · (1 + √5 r + 5 r² / 3) · exp(−√5 r).
 */
export interface Kernel {
  type: "squaredExponential" | "matern52";
  /** How far apart (in the unit cube) two points may be and still be alike; > 0. */
  lengthscale: number;
  /** The prior variance of the function at any point (the signal variance); > 0. */
  variance: number;
}

/**
 * k(a, b) for one pair of points of the same dimension. Symmetric (k(a, b) = k(b, a)) and
 * largest, equal to `variance`, when a = b.
 *
 * Throws a `RangeError` for a lengthscale or variance that is not a positive finite number, and
 * for points of different dimensions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelValue } from "./kernels.ts";
 * const se = { type: "squaredExponential", lengthscale: 1, variance: 2 } as const;
 * assert.equal(kernelValue(se, [0, 0], [0, 0]), 2);
 * assert.ok(Math.abs(kernelValue(se, [0], [1]) - 2 * Math.exp(-0.5)) < 1e-15);
 * ```
 */
export function kernelValue(kernel: Kernel, a: readonly number[], b: readonly number[]): number {
  throw new Error("TODO: kernelValue (lesson 09, 'The kernel')");
}

/**
 * The matrix K with K[i][j] = k(rows[i], columns[j]): `rows.length` rows of `columns.length`
 * values. With the same list twice it is the symmetric covariance matrix of those points.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelMatrix } from "./kernels.ts";
 * const k = { type: "matern52", lengthscale: 0.5, variance: 1 } as const;
 * const K = kernelMatrix(k, [[0], [0.5]], [[0], [0.5]]);
 * assert.equal(K[0][0], 1);
 * assert.equal(K[0][1], K[1][0]);
 * ```
 */
export function kernelMatrix(
  kernel: Kernel,
  rows: readonly (readonly number[])[],
  columns: readonly (readonly number[])[],
): number[][] {
  throw new Error("TODO: kernelMatrix (lesson 09, 'The kernel')");
}

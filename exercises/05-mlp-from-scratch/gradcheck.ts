// deno-lint-ignore-file no-unused-vars
/**
 * The numerical gradient check: the test that proves a backward pass right.
 *
 * A central difference `(f(θ + h·e_i) − f(θ − h·e_i)) / 2h` approximates `∂f/∂θ_i` with an error
 * of order h² (a one-sided difference is only of order h). Comparing it with the analytic
 * gradient, entry by entry, catches a wrong sign, a missing term or a transposed matrix.
 *
 * @module
 */

/**
 * Central-difference gradient of `f` with respect to `params`, which `f` reads. Each entry is
 * nudged by `+eps` and `-eps` in place and then restored exactly, so `params` is unchanged on
 * return.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numericalGradient } from "./gradcheck.ts";
 * const p = new Float64Array([3, -1]);
 * const f = () => p[0] * p[0] + 5 * p[1]; // gradient (2·p0, 5)
 * const g = numericalGradient(f, p);
 * assert.deepEqual([g[0].toFixed(6), g[1].toFixed(6)], ["6.000000", "5.000000"]);
 * ```
 */
export function numericalGradient(
  f: () => number,
  params: Float64Array,
  eps = 1e-5,
): Float64Array {
  throw new Error("TODO: central differences (f(θ + h) − f(θ − h)) / 2h, restoring every entry");
}

/**
 * The largest relative difference between two gradients, entry by entry:
 * `max_i |a_i − b_i| / max(|a_i|, |b_i|, floor)`. Below `floor` an entry's difference is judged
 * in absolute terms: a central difference carries an absolute error of about 1e-10 (rounding and
 * the h² term), so dividing by a gradient entry of 1e-6 would report that noise as a 1e-4 error,
 * and two zeros would divide by zero. A correct backward pass gives well under 1e-6 against
 * {@link numericalGradient}; a wrong one gives something near 1.
 *
 * Returns NaN when an entry's difference is NaN (a NaN is never a silent pass), and throws a
 * `RangeError` when `a` and `b` differ in length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maxRelativeError } from "./gradcheck.ts";
 * // 0.002 / 2.002: the one entry that differs, relative to the larger magnitude
 * assert.equal(maxRelativeError([1, 2, 0], [1, 2.002, 0]).toPrecision(6), "0.000999001");
 * ```
 */
export function maxRelativeError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  floor = 1e-4,
): number {
  throw new Error("TODO: max over i of |a_i − b_i| / max(|a_i|, |b_i|, floor)");
}

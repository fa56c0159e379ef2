/**
 * Exercise 2: how far a test accuracy measured on n rows can be from the model's true accuracy.
 *
 * @module
 */

/** A two-sided confidence interval for a proportion, as fractions in [0, 1]. */
export interface Interval {
  /** Lower end. */
  low: number;
  /** Upper end. */
  high: number;
}

/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/**
 * The **normal-approximation** (Wald) interval for a proportion: with p̂ = correct / n,
 * p̂ ± z·√(p̂(1 − p̂)/n), clipped to [0, 1]. Near p̂ = 0 or 1 it is too narrow (at p̂ = 1 its
 * width is 0): the Wilson interval below does not have that flaw.
 *
 * Throws a `RangeError` unless n is an integer ≥ 1 and correct an integer in [0, n].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalInterval, Z_95 } from "./interval.ts";
 * const { low, high } = normalInterval(349, 360, Z_95); // 96.9 % right on 360 rows
 * assert.ok(Math.abs((high - low) / 2 - 0.0178) < 1e-4); // about ±1.8 points
 * ```
 */
export function normalInterval(correct: number, n: number, z: number): Interval {
  // BEGIN SOLUTION "TODO: normalInterval (lesson 11, 'One test evaluation, with its interval')"
  checkCounts(correct, n);
  const p = correct / n;
  const half = z * Math.sqrt(p * (1 - p) / n);
  return { low: Math.max(0, p - half), high: Math.min(1, p + half) };
  // END SOLUTION
}

/**
 * The **Wilson score** interval for a proportion (Wilson, 1927), the one the capstone reports:
 * with p̂ = correct / n,
 *
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 *
 * Its centre is pulled from p̂ towards ½ and it stays inside [0, 1] without clipping (at
 * correct = n its upper end is 1 up to rounding, and `min(1, …)` guards against rounding above).
 *
 * Throws a `RangeError` unless n is an integer ≥ 1 and correct an integer in [0, n].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wilsonInterval, Z_95 } from "./interval.ts";
 * const { low, high } = wilsonInterval(360, 360, Z_95); // every test row right
 * assert.ok(Math.abs(high - 1) < 1e-12); // 1, up to rounding
 * assert.ok(low > 0.989 && low < 0.99); // yet the true accuracy may be below 99 %
 * ```
 */
export function wilsonInterval(correct: number, n: number, z: number): Interval {
  // BEGIN SOLUTION "TODO: wilsonInterval (lesson 11, 'One test evaluation, with its interval')"
  checkCounts(correct, n);
  const p = correct / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return { low: (centre - half) / scale, high: Math.min(1, (centre + half) / scale) };
  // END SOLUTION
}

// BEGIN SOLUTION
/** Refuses counts that are not a proportion's. */
function checkCounts(correct: number, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(correct) || correct < 0 || correct > n) {
    throw new RangeError(`correct must be an integer from 0 to n = ${n}, got ${correct}`);
  }
}
// END SOLUTION

// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 2: how far a test accuracy measured on n rows can be from the model's true accuracy
 * (the Wilson interval), and whether two networks read on the same test rows differ beyond the
 * noise (McNemar's exact test).
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
  throw new Error(
    "TODO: normalInterval (lesson 11, 'Two reads of the test rows, one paired test')",
  );
}

/**
 * The **Wilson score** interval for a proportion (Wilson, 1927), the one the capstone reports:
 * with p̂ = correct / n,
 *
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 *
 * Its centre is pulled from p̂ towards ½ and, in exact arithmetic, it stays inside [0, 1]
 * without clipping. In floating point an end at a boundary can round past it (at correct = 0,
 * centre − half is about −2e-19 for n = 1797), so both ends are clamped to [0, 1]; at correct = n
 * the upper end is 1 up to rounding.
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
 * assert.equal(wilsonInterval(0, 1797, Z_95).low, 0); // never below 0, even by rounding
 * ```
 */
export function wilsonInterval(correct: number, n: number, z: number): Interval {
  throw new Error(
    "TODO: wilsonInterval (lesson 11, 'Two reads of the test rows, one paired test')",
  );
}

/**
 * **McNemar's exact test** on paired reads of the same test rows (McNemar, 1947; the exact,
 * binomial form): `b` rows only the first network got right, `c` rows only the second. Rows both
 * got right or both got wrong say nothing about which is better, so only b + c rows count.
 * Under the null hypothesis (the networks are equally good) each of them is equally likely to
 * go either way: b ~ Binomial(b + c, ½). The two-sided p-value is
 *
 * p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, ½),
 *
 * and 1 when b + c = 0. Compute the binomial terms through their logarithms: 2^−n underflows to 0
 * for n above 1074.
 *
 * Throws a `RangeError` unless b and c are integers ≥ 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mcnemarExact } from "./interval.ts";
 * assert.equal(mcnemarExact(0, 0), 1); // no disagreement, no evidence
 * assert.ok(Math.abs(mcnemarExact(0, 5) - 2 / 32) < 1e-15); // 5 rows, all one way: 2 · (½)^5
 * assert.ok(mcnemarExact(12, 5) > 0.1); // 17 disagreements, 12 to 5: could be chance
 * ```
 */
export function mcnemarExact(b: number, c: number): number {
  throw new Error("TODO: mcnemarExact (lesson 11, 'Two reads of the test rows, one paired test')");
}

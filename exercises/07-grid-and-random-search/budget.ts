// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 5: what a search has found after each trial, and what a budget of n trials can be
 * expected to find.
 *
 * @module
 */

/**
 * The incumbent curve: entry i is the best (highest) finite score among `scores[0..i]`, the
 * score of the configuration a search would pick if it stopped after trial i. Non-finite scores
 * (diverged runs) never become the incumbent; before the first finite score the entry is `NaN`.
 * The curve never goes down.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { incumbentCurve } from "./budget.ts";
 * assert.deepEqual(incumbentCurve([0.5, NaN, 0.7, 0.6, 0.9]), [0.5, 0.5, 0.7, 0.7, 0.9]);
 * ```
 */
export function incumbentCurve(scores: readonly number[]): number[] {
  throw new Error("TODO: incumbentCurve (lesson 07, 'Expected best score for a budget')");
}

/**
 * The expected best score of a search of `n` trials, estimated from N observed scores `scores`
 * (Dodge et al., 2019): n trials are drawn with replacement from the observed ones, so with the
 * scores sorted ascending, v₁ ≤ … ≤ v_N,
 *
 * E[max of n] = Σᵢ vᵢ · ((i/N)ⁿ − ((i − 1)/N)ⁿ), i = 1 … N
 *
 * since (i/N)ⁿ is the probability that all n draws are among the i lowest. Tied scores are fine:
 * their terms add up to the same total in any order. For n = 1 it is the mean; as n grows it
 * tends to the largest observed score, never beyond it. `n` may exceed N.
 *
 * Throws a `RangeError` when `scores` is empty or holds a non-finite number (give diverged runs
 * the score they actually got, e.g. their accuracy), or when `n` is not a positive integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedMaxPerformance } from "./budget.ts";
 * assert.ok(Math.abs(expectedMaxPerformance([0.2, 0.4, 0.9], 1) - 0.5) < 1e-12); // the mean
 * // 0.2·1/9 + 0.4·3/9 + 0.9·5/9
 * assert.ok(Math.abs(expectedMaxPerformance([0.2, 0.4, 0.9], 2) - 5.9 / 9) < 1e-12);
 * ```
 */
export function expectedMaxPerformance(scores: readonly number[], n: number): number {
  throw new Error("TODO: expectedMaxPerformance (lesson 07, 'Expected best score for a budget')");
}

// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 4: Spearman's rank correlation, the test of multi-fidelity's premise (do rankings at a
 * small budget predict rankings at the full budget?).
 *
 * @module
 */

/**
 * The rank of each value among `values`, from 1 (smallest) to n, in the input's order. Tied
 * values share the **average** of the ranks they occupy: `[10, 20, 20, 30]` ranks as
 * `[1, 2.5, 2.5, 4]` (scipy's `rankdata` with its default `method="average"`).
 *
 * Throws a `RangeError` when a value is not finite (a diverged run has no place in a ranking:
 * give it the score it actually got, e.g. its accuracy).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { averageRanks } from "./rank_correlation.ts";
 * assert.deepEqual(averageRanks([0.3, 0.1, 0.3, 0.2]), [3.5, 1, 3.5, 2]);
 * ```
 */
export function averageRanks(values: readonly number[]): number[] {
  throw new Error("TODO: averageRanks (lesson 08, 'Does a short run predict a long one?')");
}

/**
 * Spearman's rank correlation of two paired samples: Pearson's correlation of their average
 * ranks ({@link averageRanks}). With ties, the shortcut 1 − 6·Σd²/(n(n² − 1)) is **not** equal to
 * it; this is the definition scipy's `spearmanr` uses. 1: the two orders agree, −1: reversed.
 *
 * Throws a `RangeError` when the lengths differ, when there are fewer than 2 pairs, when a
 * value is not finite, or when one sample is constant (its ranks have no spread: the correlation
 * is undefined).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spearman } from "./rank_correlation.ts";
 * assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 45]), 1);
 * assert.equal(spearman([1, 2, 3], [3, 2, 1]), -1);
 * ```
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  throw new Error("TODO: spearman (lesson 08, 'Does a short run predict a long one?')");
}

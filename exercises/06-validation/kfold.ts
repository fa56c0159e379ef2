// deno-lint-ignore-file no-unused-vars
/**
 * K-fold and stratified k-fold cross-validation indices, following scikit-learn's `KFold` and
 * `StratifiedKFold` with `shuffle=False`: the same folds, in the same order, for the same input.
 *
 * @module
 */

/** One round of cross-validation: the rows to train on and the rows to score, both ascending. */
export interface Fold {
  /** Rows of every other fold. */
  train: number[];
  /** Rows of this fold. */
  validation: number[];
}

/**
 * The `k` folds of the rows `0 … n − 1`, as scikit-learn's `KFold(n_splits=k)` (no shuffling)
 * makes them: fold i validates on one contiguous block of rows, blocks in order, the first
 * `n mod k` blocks one row longer than the others (`⌊n/k⌋ + 1` rows, then `⌊n/k⌋`). Every row
 * is in exactly one validation block. Shuffle or stratify the rows first when their order
 * means something.
 *
 * Throws a `RangeError` unless `k` is an integer with `2 ≤ k ≤ n`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kFold } from "./kfold.ts";
 * assert.deepEqual(kFold(7, 3).map((f) => f.validation), [[0, 1, 2], [3, 4], [5, 6]]);
 * assert.deepEqual(kFold(7, 3)[1].train, [0, 1, 2, 5, 6]);
 * ```
 */
export function kFold(n: number, k: number): Fold[] {
  throw new Error("TODO: kFold (lesson 06, 'K-fold cross-validation')");
}

/**
 * The `k` stratified folds of the rows `0 … labels.length − 1`, as scikit-learn's
 * `StratifiedKFold(n_splits=k)` (no shuffling, scikit-learn ≥ 0.22) makes them:
 *
 * 1. Classes are numbered in order of first appearance in `labels`.
 * 2. How many rows of each class fold i validates on: list the labels sorted by that number
 *    (all rows of the first-seen class, then the next, …) and deal them out round-robin, item j
 *    to fold `j mod k`; fold i receives its count of each class.
 * 3. Within each class, the rows (in ascending order) are given out in blocks: the first
 *    fold's count of that class to fold 0, the next to fold 1, and so on.
 *
 * Fold sizes differ by at most one, and so do a class's counts in any two folds.
 *
 * Throws a `RangeError` unless `k` is an integer with `2 ≤ k ≤ labels.length`, or when every
 * class has fewer than `k` rows (scikit-learn refuses that too; it only warns when some class
 * has fewer than `k` rows, a case this function accepts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stratifiedKFold } from "./kfold.ts";
 * const folds = stratifiedKFold([0, 0, 0, 1, 1, 1], 3);
 * assert.deepEqual(folds.map((f) => f.validation), [[0, 3], [1, 4], [2, 5]]);
 * ```
 */
export function stratifiedKFold(labels: ArrayLike<number>, k: number): Fold[] {
  throw new Error("TODO: stratifiedKFold (lesson 06, 'Stratified k-fold')");
}

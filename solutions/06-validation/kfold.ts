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
  // BEGIN SOLUTION "TODO: kFold (lesson 06, 'K-fold cross-validation')"
  checkFoldCount(k, n);
  const base = Math.floor(n / k), longer = n % k;
  const folds: Fold[] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const end = start + base + (i < longer ? 1 : 0);
    folds.push(foldFromBlock(n, start, end));
    start = end;
  }
  return folds;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: stratifiedKFold (lesson 06, 'Stratified k-fold')"
  const n = labels.length;
  checkFoldCount(k, n);
  const classOf = new Map<number, number>(); // label → number in order of first appearance
  for (let i = 0; i < n; i++) if (!classOf.has(labels[i])) classOf.set(labels[i], classOf.size);
  const classCounts = new Array<number>(classOf.size).fill(0);
  for (let i = 0; i < n; i++) classCounts[classOf.get(labels[i])!]++;
  if (classCounts.every((count) => count < k)) {
    throw new RangeError(`k = ${k} is more than the rows of every class (${classCounts})`);
  }
  // Round-robin over the labels sorted by class number: item j goes to fold j mod k.
  const allocation = Array.from({ length: k }, () => new Array<number>(classOf.size).fill(0));
  let j = 0;
  classCounts.forEach((count, c) => {
    for (let r = 0; r < count; r++, j++) allocation[j % k][c]++;
  });
  // Within each class, rows in ascending order are given to the folds in blocks.
  const foldOfRow = new Array<number>(n);
  const nextFold = new Array<number>(classOf.size).fill(0);
  const usedInFold = new Array<number>(classOf.size).fill(0);
  for (let i = 0; i < n; i++) {
    const c = classOf.get(labels[i])!;
    while (usedInFold[c] === allocation[nextFold[c]][c]) {
      nextFold[c]++;
      usedInFold[c] = 0;
    }
    foldOfRow[i] = nextFold[c];
    usedInFold[c]++;
  }
  return Array.from({ length: k }, (_, f) => {
    const fold: Fold = { train: [], validation: [] };
    for (let i = 0; i < n; i++) (foldOfRow[i] === f ? fold.validation : fold.train).push(i);
    return fold;
  });
  // END SOLUTION
}

// BEGIN SOLUTION
/** Throws unless `k` is an integer in [2, n]. */
function checkFoldCount(k: number, n: number): void {
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) {
    throw new RangeError(`k must be an integer with 2 ≤ k ≤ ${n} (the rows), got ${k}`);
  }
}

/** The fold validating on rows [start, end) of 0 … n − 1. */
function foldFromBlock(n: number, start: number, end: number): Fold {
  const train: number[] = [], validation: number[] = [];
  for (let i = 0; i < n; i++) (i >= start && i < end ? validation : train).push(i);
  return { train, validation };
}
// END SOLUTION

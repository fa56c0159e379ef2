// deno-lint-ignore-file no-unused-vars
/**
 * A stratified train/validation/test split: every class is shuffled on its own and cut in the
 * same proportions, so that each part holds the classes in (almost exactly) the proportions of
 * the whole dataset.
 *
 * @module
 */

/** Fractions of the rows held out for validation and for test; the rest is for training. */
export interface SplitFractions {
  /** Fraction of the rows in the validation part, in [0, 1). */
  validation: number;
  /** Fraction of the rows in the test part, in [0, 1). `validation + test` must be below 1. */
  test: number;
}

/** Row indices of the three parts, each in ascending order. */
export interface Split {
  /** Rows the model is trained on. */
  train: number[];
  /** Rows that compare configurations and decide when to stop. */
  validation: number[];
  /** Rows scored once, at the very end. */
  test: number[];
}

/**
 * Splits the rows `0 … labels.length − 1` into training, validation and test rows, stratified by
 * label.
 *
 * The rule, so that a split is reproducible from its seed:
 *
 * 1. Part sizes: `nTest = Math.round(test × n)`, `nValidation = Math.round(validation × n)`.
 * 2. Per-class sizes by the largest-remainder method, once for test and once for validation
 *    (independently): class c's quota is `size × n_c / n`; every class first gets the floor of
 *    its quota, and the rows still missing go one each to the classes with the largest
 *    fractional parts (equal fractional parts: the smaller label first).
 * 3. `random = seededRandom(seed)`; for each label in ascending order, the class's row indices
 *    (ascending) are shuffled with `shuffle(rows, random)`; its first `test_c` rows go to test,
 *    the next `validation_c` rows to validation, the rest to training.
 * 4. Each part is returned sorted in ascending order.
 *
 * Throws a `RangeError` when a fraction is outside [0, 1), when `validation + test ≥ 1`, or when
 * a class has fewer rows than its test and validation shares together.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stratifiedSplit } from "./split.ts";
 * const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const { train, validation, test } = stratifiedSplit(labels, { validation: 0.2, test: 0.2 }, 1);
 * assert.deepEqual([train.length, validation.length, test.length], [6, 2, 2]);
 * assert.deepEqual(validation.map((i) => labels[i]).sort(), [0, 1]); // one row of each class
 * ```
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  fractions: SplitFractions,
  seed: number | string,
): Split {
  throw new Error("TODO: stratifiedSplit (lesson 06, 'Stratified splits')");
}

/**
 * Shares `total` among groups in proportion to `counts` by the largest-remainder (Hamilton)
 * method: each group gets the floor of its quota `total × count / Σ counts`, and the remaining
 * units go to the largest fractional parts, the earlier group first on equal parts. Every share
 * is within 1 of its quota, and the shares add up to `total`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { largestRemainder } from "./split.ts";
 * assert.deepEqual(largestRemainder(10, [50, 30, 20]), [5, 3, 2]);
 * assert.deepEqual(largestRemainder(4, [1, 1, 1]), [2, 1, 1]); // equal remainders: the first group
 * ```
 */
export function largestRemainder(total: number, counts: readonly number[]): number[] {
  throw new Error("TODO: largestRemainder (lesson 06, 'Stratified splits')");
}

/**
 * A stratified train/validation/test split: every class is shuffled on its own and cut in the
 * same proportions, so that each part holds the classes in (almost exactly) the proportions of
 * the whole dataset.
 *
 * @module
 */

// BEGIN SOLUTION
import { seededRandom, shuffle } from "../../kit/lib/random.ts";
// END SOLUTION

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
  // BEGIN SOLUTION "TODO: stratifiedSplit (lesson 06, 'Stratified splits')"
  const { validation, test } = fractions;
  for (const [name, f] of [["validation", validation], ["test", test]] as const) {
    if (!(f >= 0 && f < 1)) throw new RangeError(`${name} fraction must be in [0, 1), got ${f}`);
  }
  if (!(validation + test < 1)) {
    throw new RangeError(`validation + test must be below 1, got ${validation + test}`);
  }
  const n = labels.length;
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const rows = byClass.get(labels[i]);
    if (rows) rows.push(i);
    else byClass.set(labels[i], [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const counts = classes.map((c) => byClass.get(c)!.length);
  const testCounts = largestRemainder(Math.round(test * n), counts);
  const validationCounts = largestRemainder(Math.round(validation * n), counts);
  const random = seededRandom(seed);
  const split: Split = { train: [], validation: [], test: [] };
  classes.forEach((label, c) => {
    if (testCounts[c] + validationCounts[c] > counts[c]) {
      throw new RangeError(
        `class ${label} has ${counts[c]} rows, fewer than its ${testCounts[c]} test and ` +
          `${validationCounts[c]} validation rows`,
      );
    }
    const rows = shuffle(byClass.get(label)!, random);
    const cut = testCounts[c] + validationCounts[c];
    split.test.push(...rows.slice(0, testCounts[c]));
    split.validation.push(...rows.slice(testCounts[c], cut));
    split.train.push(...rows.slice(cut));
  });
  for (const part of [split.train, split.validation, split.test]) part.sort((a, b) => a - b);
  return split;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: largestRemainder (lesson 06, 'Stratified splits')"
  const sum = counts.reduce((a, b) => a + b, 0);
  const quotas = counts.map((count) => (total * count) / sum);
  const shares = quotas.map(Math.floor);
  // Fewer units are missing than there are groups: each fractional part is below 1.
  const missing = total - shares.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, fraction: q - Math.floor(q) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (let k = 0; k < missing; k++) shares[order[k].i]++;
  return shares;
  // END SOLUTION
}

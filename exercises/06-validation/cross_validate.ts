// deno-lint-ignore-file no-unused-vars
/**
 * Scoring one configuration by cross-validation, and the summaries the lesson reports scores
 * with: mean ± standard deviation, and paired differences over the same seeds or folds.
 *
 * @module
 */

import type { Fold } from "./kfold.ts";

/** What one fold's evaluation returns. */
export interface FoldScore {
  /** The validation metric on the fold, higher is better (e.g. accuracy). */
  score: number;
  /** The validation loss on the fold, lower is better. */
  loss: number;
}

/** A cross-validated configuration. */
export interface CrossValidation {
  /** Each fold's result, in the order of the folds. */
  folds: FoldScore[];
  /** Mean score over the folds (NaN if any fold's score is NaN: the run diverged). */
  score: number;
  /** Mean loss over the folds. */
  loss: number;
  /** Sample standard deviation of the fold scores (0 with a single fold). */
  scoreSd: number;
}

/** A mean and a sample standard deviation. */
export interface MeanSd {
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation, √(Σ(x − mean)² / (n − 1)); 0 when n = 1. */
  sd: number;
}

/**
 * Mean and sample standard deviation (dividing by n − 1, as NumPy's `std(ddof=1)`, R's `sd` and
 * pandas' `std` do) of `values`; the sd of a single value is 0.
 *
 * Throws a `RangeError` on an empty list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanAndSd } from "./cross_validate.ts";
 * const { mean, sd } = meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]);
 * assert.equal(mean, 5);
 * assert.equal(sd.toFixed(4), "2.1381"); // √(32 / 7)
 * ```
 */
export function meanAndSd(values: readonly number[]): MeanSd {
  throw new Error("TODO: meanAndSd (lesson 06, 'Seeds and spread')");
}

/**
 * Compares two configurations run on the same seeds (or folds): the mean ± sd of the
 * differences `a[i] − b[i]`, pair by pair. Pairing removes what the two runs of a seed share
 * (the same split, the same initial weights), which is usually most of the spread.
 *
 * Throws a `RangeError` when the lists are empty or of different lengths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pairedDifference } from "./cross_validate.ts";
 * const a = [0.95, 0.97, 0.93], b = [0.94, 0.95, 0.92];
 * const d = pairedDifference(a, b);
 * assert.deepEqual([d.mean.toFixed(4), d.sd.toFixed(4)], ["0.0133", "0.0058"]);
 * ```
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): MeanSd {
  throw new Error("TODO: pairedDifference (lesson 06, 'Seeds and spread')");
}

/**
 * Scores `config` by cross-validation: calls `evaluate(config, fold)` once per fold, in order,
 * and averages the folds' scores and losses. The mean score is what selection compares; the
 * standard deviation says how much of a difference between two configurations is noise.
 *
 * Throws a `RangeError` when `folds` is empty.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossValidate } from "./cross_validate.ts";
 * import { kFold } from "./kfold.ts";
 * const folds = kFold(6, 3); // validation rows [0, 1], [2, 3], [4, 5]
 * const cv = crossValidate("a configuration", folds, (_config, fold) => ({
 *   score: fold.validation[0] / 10,
 *   loss: 1,
 * }));
 * assert.deepEqual([cv.score.toFixed(2), cv.scoreSd.toFixed(2), cv.loss], ["0.20", "0.20", 1]);
 * ```
 */
export function crossValidate<C>(
  config: C,
  folds: readonly Fold[],
  evaluate: (config: C, fold: Fold) => FoldScore,
): CrossValidation {
  throw new Error("TODO: crossValidate (lesson 06, 'K-fold cross-validation')");
}

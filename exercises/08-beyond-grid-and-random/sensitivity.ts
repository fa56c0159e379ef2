// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 5: which hyperparameter mattered, read from a random search's trial log.
 *
 * @module
 */

/** One row of a trial log (lesson 07's `TrialRecord`): a cell per column. */
export type LogRow = Record<string, number | string | boolean>;

/** One group of trials that share (about) the same value of the hyperparameter. */
export interface SensitivityGroup {
  /** The group's value (a category), or its range `[low, high]` of numbers. */
  label: string;
  /** How many trials fall in it. */
  count: number;
  /** Their mean score. */
  mean: number;
}

/** The marginal sensitivity of one hyperparameter. */
export interface Sensitivity {
  /** The groups, categories in order of first appearance, number bins ascending. */
  groups: SensitivityGroup[];
  /** The largest group mean minus the smallest: how much the score moves with this alone. */
  range: number;
}

/**
 * How much the mean score moves with one hyperparameter, averaging over all the others (which
 * a random search varied independently): the **marginal** effect of `name`.
 *
 * Groups: a hyperparameter whose values are strings or booleans gets one group per value, in
 * order of first appearance in `rows`. A numeric one gets `bins` groups of (almost) equal size:
 * sort the rows by value (equal values in log order), and give group j the rows at sorted
 * positions ⌊j·N/bins⌋ to ⌊(j+1)·N/bins⌋ − 1; its label is `[low, high]`, the smallest and
 * largest value in it, as `String(x)` prints them. Equal-count bins do not care whether the
 * values were drawn on a log scale.
 *
 * Each group's mean is the mean of `row[score]`; the sensitivity is the largest mean minus the
 * smallest. It says nothing about interactions: a hyperparameter that matters only together with
 * another can look flat here.
 *
 * Throws a `RangeError` when `rows` is empty, when a row lacks `name` or has a score that is not a
 * finite number (give a diverged run the score it got), when a column mixes numbers with other
 * values, or when `bins` is not an integer between 1 and the number of rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { marginalSensitivity } from "./sensitivity.ts";
 * const rows = [
 *   { optimizer: "sgd", lr: 0.1, score: 0.8 },
 *   { optimizer: "adam", lr: 0.01, score: 0.9 },
 *   { optimizer: "sgd", lr: 0.001, score: 0.6 },
 *   { optimizer: "adam", lr: 1, score: 0.5 },
 * ];
 * const byOptimizer = marginalSensitivity(rows, "optimizer");
 * assert.deepEqual(byOptimizer.groups.map((g) => g.label), ["sgd", "adam"]);
 * assert.ok(Math.abs(byOptimizer.range) < 1e-12); // both means are 0.7
 * const byLr = marginalSensitivity(rows, "lr", { bins: 2 });
 * assert.deepEqual(byLr.groups.map((g) => g.label), ["[0.001, 0.01]", "[0.1, 1]"]);
 * ```
 */
export function marginalSensitivity(
  rows: readonly LogRow[],
  name: string,
  options: { bins?: number; score?: string } = {},
): Sensitivity {
  throw new Error("TODO: marginalSensitivity (lesson 08, 'Which hyperparameters matter?')");
}

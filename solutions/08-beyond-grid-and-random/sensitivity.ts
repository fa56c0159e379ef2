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
  // BEGIN SOLUTION "TODO: marginalSensitivity (lesson 08, 'Which hyperparameters matter?')"
  const scoreColumn = options.score ?? "score";
  if (rows.length === 0) throw new RangeError("no trials: nothing to group");
  const points = rows.map((row, i) => {
    if (!Object.hasOwn(row, name)) throw new RangeError(`row ${i} has no "${name}"`);
    const score = row[scoreColumn];
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new RangeError(`row ${i}: ${scoreColumn} ${String(score)} is not a finite number`);
    }
    return { value: row[name], score };
  });
  const numeric = points.filter((p) => typeof p.value === "number").length;
  if (numeric !== 0 && numeric !== points.length) {
    throw new RangeError(`"${name}" mixes numbers with other values`);
  }
  const groups: { label: string; scores: number[] }[] = [];
  if (numeric === 0) {
    const byValue = new Map<string, number[]>();
    for (const { value, score } of points) {
      const label = String(value);
      if (!byValue.has(label)) byValue.set(label, []);
      byValue.get(label)!.push(score);
    }
    for (const [label, scores] of byValue) groups.push({ label, scores });
  } else {
    const bins = options.bins ?? 4;
    if (!Number.isInteger(bins) || bins < 1 || bins > points.length) {
      throw new RangeError(`bins must be an integer from 1 to ${points.length}, got ${bins}`);
    }
    // Array.prototype.sort is stable: equal values stay in log order.
    const sorted = [...points].sort((a, b) => (a.value as number) - (b.value as number));
    for (let j = 0; j < bins; j++) {
      const part = sorted.slice(
        Math.floor(j * sorted.length / bins),
        Math.floor((j + 1) * sorted.length / bins),
      );
      groups.push({
        label: `[${part[0].value}, ${part[part.length - 1].value}]`,
        scores: part.map((p) => p.score),
      });
    }
  }
  const result = groups.map(({ label, scores }) => ({
    label,
    count: scores.length,
    mean: scores.reduce((sum, s) => sum + s, 0) / scores.length,
  }));
  const means = result.map((g) => g.mean);
  return { groups: result, range: Math.max(...means) - Math.min(...means) };
  // END SOLUTION
}

/**
 * Exercise 3: the median stopping rule of Google Vizier.
 *
 * @module
 */

/** Another trial of the same search, as the rule sees it. */
export interface OtherTrial {
  /** Its validation score after each step (epoch) so far, from step 1; higher is better. */
  curve: readonly number[];
  /** Whether it has finished (stopped early counts as finished); false: still running. */
  completed: boolean;
}

/** When the rule may stop a trial. */
export interface MedianStoppingOptions {
  /** No trial is stopped before it has reported this many steps (default 1). */
  graceSteps?: number;
  /** No trial is stopped unless at least this many completed trials count (default 1). */
  minTrials?: number;
}

/** The rule's decision for one trial at its latest step, with the two numbers it compared. */
export interface MedianDecision {
  /** Stop the trial now. */
  stop: boolean;
  /** The trial's best score over its steps so far. */
  best: number;
  /** The median of the counted trials' running averages; null when none counts. */
  median: number | null;
  /** How many completed trials counted (those with at least as many steps as the trial). */
  counted: number;
}

/**
 * The median stopping rule (Golovin et al., "Google Vizier: A Service for Black-Box
 * Optimization", KDD 2017): a trial that has reported s steps is stopped when its BEST score so
 * far is strictly worse than the median, over the COMPLETED trials, of their running averages
 * up to step s (the mean of their first s scores). Running trials never count: their curves are
 * unfinished, and which of them happen to be running depends on the clock, not on the search.
 *
 * Conventions of this kit: scores are maximised; a completed trial counts only if it reported
 * at least s steps (one stopped before step s has no running average there); the median of an
 * even number of values is the mean of the two middle ones; `stop` is false while s is below
 * `graceSteps` or fewer than `minTrials` trials count, but `best`, `median` and `counted` are
 * still reported.
 *
 * Throws a `RangeError` when `curve` is empty, when any score is not finite, or when
 * `graceSteps` or `minTrials` is not an integer ≥ 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { medianStoppingDecision } from "./median_stopping.ts";
 * const others = [
 *   { curve: [0.5, 0.7, 0.9], completed: true }, // running average at step 2: 0.6
 *   { curve: [0.3, 0.5, 0.6], completed: true }, // 0.4
 *   { curve: [0.6, 0.8, 0.9], completed: true }, // 0.7
 *   { curve: [0.9, 0.95], completed: false }, // running: ignored
 * ];
 * const decision = medianStoppingDecision([0.45, 0.55], others);
 * assert.equal(decision.stop, true); // best 0.55 < median 0.6
 * assert.equal(decision.counted, 3);
 * ```
 */
export function medianStoppingDecision(
  curve: readonly number[],
  others: readonly OtherTrial[],
  options: MedianStoppingOptions = {},
): MedianDecision {
  // BEGIN SOLUTION "TODO: medianStoppingDecision (lesson 10, 'The median stopping rule')"
  const { graceSteps = 1, minTrials = 1 } = options;
  for (const [name, value] of [["graceSteps", graceSteps], ["minTrials", minTrials]] as const) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
    }
  }
  if (curve.length === 0) throw new RangeError("curve is empty: the trial has reported no step");
  checkFinite(curve, "curve");
  others.forEach((other, i) => checkFinite(other.curve, `others[${i}].curve`));
  const steps = curve.length;
  const best = Math.max(...curve);
  const averages = others
    .filter((other) => other.completed && other.curve.length >= steps)
    .map((other) => other.curve.slice(0, steps).reduce((sum, y) => sum + y, 0) / steps);
  const median = averages.length === 0 ? null : medianOf(averages);
  const allowed = steps >= graceSteps && averages.length >= minTrials;
  return {
    stop: allowed && median !== null && best < median,
    best,
    median,
    counted: averages.length,
  };
  // END SOLUTION
}

// BEGIN SOLUTION
function checkFinite(values: readonly number[], name: string): void {
  const i = values.findIndex((y) => !Number.isFinite(y));
  if (i >= 0) throw new RangeError(`${name}[${i}] is ${values[i]}: scores must be finite`);
}

/** The median; of an even count, the mean of the two middle values. */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
// END SOLUTION

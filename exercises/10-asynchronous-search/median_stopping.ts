// deno-lint-ignore-file no-unused-vars
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
  throw new Error("TODO: medianStoppingDecision (lesson 10, 'The median stopping rule')");
}

// deno-lint-ignore-file no-unused-vars
/**
 * Choosing one trial out of many with a rule stated in advance: higher mean validation score,
 * then lower validation loss, then the cheaper configuration, then the lower trial id; trials
 * whose score or loss is not a finite number (diverged runs) always come last.
 *
 * Lessons 07–09 select their winners with these two functions.
 *
 * @module
 */

/** What selection needs to know about one trial. */
export interface TrialScore {
  /** Trial index, unique within a search: the last tie-breaker. */
  id: number;
  /** Mean validation metric, higher is better (e.g. accuracy). Not finite: the run diverged. */
  score: number;
  /** Mean validation loss, lower is better. Not finite: the run diverged. */
  loss: number;
  /** What the configuration costs, lower is cheaper (e.g. epochs × parameters). */
  cost: number;
}

/**
 * Compares two trials under the lesson's tie rule, for `Array.prototype.sort`: negative when `a`
 * is better, positive when `b` is better, 0 only when the rule cannot tell them apart (same id
 * and equal or both diverged fields).
 *
 * Order: a diverged trial (score or loss NaN or ±Infinity) after every finished one (two
 * diverged trials: the lower id first); then the higher score; on equal scores the lower loss;
 * then the lower cost (a NaN cost counts as the most expensive); then the lower id. Scores are
 * compared exactly: the lesson explains why rounding them first would be a second, hidden rule.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareTrials } from "./select.ts";
 * const a = { id: 0, score: 0.9, loss: 0.30, cost: 10 };
 * const b = { id: 1, score: 0.9, loss: 0.25, cost: 20 };
 * assert.ok(compareTrials(a, b) > 0); // same score, b has the lower loss
 * ```
 */
export function compareTrials(a: TrialScore, b: TrialScore): number {
  throw new Error("TODO: compareTrials (lesson 06, 'A tie rule, stated before the search')");
}

/**
 * The best trial under {@link compareTrials}; of trials the rule cannot separate, the first in
 * `trials`. Does not reorder `trials`.
 *
 * Throws a `RangeError` when `trials` is empty: there is nothing to select.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectBest } from "./select.ts";
 * const best = selectBest([
 *   { id: 0, score: 0.95, loss: 0.20, cost: 10 },
 *   { id: 1, score: NaN, loss: NaN, cost: 5 },
 *   { id: 2, score: 0.95, loss: 0.20, cost: 8 },
 * ]);
 * assert.equal(best.id, 2); // same score and loss as trial 0, but cheaper
 * ```
 */
export function selectBest<T extends TrialScore>(trials: readonly T[]): T {
  throw new Error("TODO: selectBest (lesson 06, 'A tie rule, stated before the search')");
}

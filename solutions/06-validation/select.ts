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
  // BEGIN SOLUTION "TODO: compareTrials (lesson 06, 'A tie rule, stated before the search')"
  const aDiverged = diverged(a), bDiverged = diverged(b);
  if (aDiverged !== bDiverged) return aDiverged ? 1 : -1;
  if (!aDiverged) {
    if (a.score !== b.score) return a.score > b.score ? -1 : 1;
    if (a.loss !== b.loss) return a.loss < b.loss ? -1 : 1;
    const byCost = ascendingNaNLast(a.cost, b.cost);
    if (byCost !== 0) return byCost;
  }
  return ascendingNaNLast(a.id, b.id);
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: selectBest (lesson 06, 'A tie rule, stated before the search')"
  if (trials.length === 0) throw new RangeError("selectBest needs at least one trial");
  let best = trials[0];
  for (let i = 1; i < trials.length; i++) {
    if (compareTrials(trials[i], best) < 0) best = trials[i];
  }
  return best;
  // END SOLUTION
}

// BEGIN SOLUTION
/** True when the run produced no usable score or loss. */
function diverged(trial: TrialScore): boolean {
  return !Number.isFinite(trial.score) || !Number.isFinite(trial.loss);
}

/** Ascending order of two numbers, with NaN after every number. */
function ascendingNaNLast(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
  return x < y ? -1 : x > y ? 1 : 0;
}
// END SOLUTION

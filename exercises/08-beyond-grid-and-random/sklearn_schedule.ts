// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 3: the schedule of scikit-learn's `HalvingRandomSearchCV`, the best-known successive
 * halving, worked out without running it.
 *
 * @module
 */

import { floorLog } from "./halving_plan.ts";

/** The options of `HalvingRandomSearchCV` that decide its schedule. */
export interface HalvingOptions {
  /** `n_candidates`: how many configurations to sample, or `"exhaust"`. */
  nCandidates: number | "exhaust";
  /** `factor` (η): 1/factor of the candidates survive each iteration. An integer ≥ 2 here. */
  factor: number;
  /** `min_resources_` as a number (scikit-learn's `"smallest"` resolved), or `"exhaust"`. */
  minResources: number | "exhaust";
  /** `max_resources_`: by default the number of training samples. */
  maxResources: number;
  /** `aggressive_elimination`. */
  aggressiveElimination: boolean;
}

/** The schedule, named after the fitted search's attributes. */
export interface HalvingSchedule {
  /** `n_candidates_`: candidates evaluated at each iteration. */
  nCandidates: number[];
  /** `n_resources_`: resources (samples) each candidate gets at each iteration. */
  nResources: number[];
  /** `min_resources_` after `"exhaust"` is resolved. */
  minResources: number;
  /** `n_required_iterations_`: iterations needed to end with fewer than `factor` candidates. */
  nRequiredIterations: number;
  /** `n_possible_iterations_`: iterations that fit between min and max resources. */
  nPossibleIterations: number;
  /** `n_remaining_candidates_`: ⌈last n_candidates / factor⌉, those the last iteration would keep. */
  nRemainingCandidates: number;
}

/**
 * The iterations scikit-learn's `HalvingRandomSearchCV` (and `HalvingGridSearchCV`) will run,
 * following `BaseSuccessiveHalving._run_search` (scikit-learn 1.x) with integer logarithms:
 *
 * 1. candidates: `nCandidates`, or with `"exhaust"` ⌊max / min⌋ (with min resolved first; both
 *    `"exhaust"` at once is refused, as scikit-learn does);
 * 2. required iterations: 1 + ⌊log_factor(candidates)⌋;
 * 3. `minResources: "exhaust"`: min = max(smallest, ⌊max / factor^(required − 1)⌋), where
 *    "smallest" is 1 here (scikit-learn's is 2·n_splits, times the classes for a classifier);
 * 4. possible iterations: 1 + ⌊log_factor(⌊max / min⌋)⌋;
 * 5. iterations: `required` with aggressive elimination, else min(possible, required);
 * 6. at iteration i, resources = min(max, min·factor^p) with p = i, or with aggressive
 *    elimination p = max(0, i − required + possible) (the first budget is replayed until
 *    enough candidates are gone); candidates = the previous count's ⌈· / factor⌉ (all at i = 0).
 *
 * So the last iteration may keep more than `factor` candidates (when resources run out first),
 * and the search picks its best **from the last iteration only**. Where scikit-learn computes a
 * logarithm with `math.log(x, factor)`, an exact power can come out one too low (log(243, 3) is
 * 4.999999999999999 in Python): this function counts with integers, so it differs from
 * scikit-learn exactly there, and the lesson says where.
 *
 * `log` is the integer logarithm, `floorLog` of step 1 by default; the graded tests pass the
 * reference's answers instead, so a mistake in `floorLog` costs points in its own tests only.
 *
 * Throws a `RangeError` when `factor` is not an integer ≥ 2, when a count is not a positive
 * integer, when min > max, or when both are `"exhaust"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { halvingSchedule } from "./sklearn_schedule.ts";
 * const s = halvingSchedule({
 *   nCandidates: 100, factor: 3, minResources: 20, maxResources: 1000, aggressiveElimination: false,
 * });
 * assert.deepEqual(s.nCandidates, [100, 34, 12, 4]);
 * assert.deepEqual(s.nResources, [20, 60, 180, 540]);
 * ```
 */
export function halvingSchedule(
  options: HalvingOptions,
  log: (x: number, base: number) => number = floorLog,
): HalvingSchedule {
  throw new Error("TODO: halvingSchedule (lesson 08, 'scikit-learn's HalvingRandomSearchCV')");
}

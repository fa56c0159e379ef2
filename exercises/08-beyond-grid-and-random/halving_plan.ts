// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: the plans of successive halving and Hyperband, before anything is trained: how
 * many configurations run at which budget, and what the whole search costs.
 *
 * Budgets are whole epochs, so every quantity here is an integer computed with integers: no
 * `Math.log`, no division that is rounded afterwards.
 *
 * @module
 */

/** One rung of successive halving: `configs` configurations each trained to `budget` epochs. */
export interface Rung {
  /** How many configurations run at this rung. */
  configs: number;
  /** The budget (epochs) each of them reaches at this rung. */
  budget: number;
}

/** A successive-halving plan: its rungs, from the cheapest, and what it costs. */
export interface HalvingPlan {
  /** The rungs, budget increasing. */
  rungs: Rung[];
  /** Epochs trained when every rung trains its configurations from scratch: Σ nᵢ·rᵢ. */
  costFromScratch: number;
  /** Epochs trained when a promoted configuration resumes from its checkpoint: Σ nᵢ·(rᵢ − rᵢ₋₁). */
  costWithResume: number;
}

/**
 * ⌊log_base(x)⌋ for integers, computed exactly: the largest k with base^k ≤ x.
 *
 * `Math.floor(Math.log(x) / Math.log(base))` is wrong whenever x is an exact power of the base
 * and the quotient of the two rounded logarithms lands just below the integer:
 * `Math.log(1000) / Math.log(10)` is 2.9999999999999996, whose floor is 2, not 3. Multiplying
 * integers has no such error.
 *
 * Throws a `RangeError` unless `x` is an integer ≥ 1 and `base` an integer ≥ 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { floorLog } from "./halving_plan.ts";
 * assert.equal(floorLog(1000, 10), 3);
 * assert.equal(floorLog(81, 3), 4);
 * assert.equal(floorLog(80, 3), 3);
 * ```
 */
export function floorLog(x: number, base: number): number {
  throw new Error("TODO: floorLog (lesson 08, 'Hyperband')");
}

/**
 * The plan of successive halving (Jamieson & Talwalkar, 2016) with `rungs` rungs that ends at
 * `maxBudget`: rung i (from 0) runs
 *
 * nᵢ = ⌊n / ηⁱ⌋ configurations, each to rᵢ = ⌊R / η^(rungs − 1 − i)⌋ epochs,
 *
 * so the budget grows by η from rung to rung and the last rung trains to R. Both roundings are
 * **down**: a rung never runs more configurations than survived, nor exceeds R. `rungs` defaults
 * to ⌊log_η n⌋ + 1, the number of rungs that leaves one configuration at the end (81
 * configurations, η = 3: 81@1, 27@3, 9@9, 3@27, 1@81 for R = 81).
 *
 * Costs: from scratch, every rung trains its configurations from epoch 0, Σ nᵢ·rᵢ; with resume,
 * a promoted configuration continues from its checkpoint, so rung i adds only rᵢ − rᵢ₋₁ epochs
 * per configuration (r₋₁ = 0). For 81@1 … 1@81 that is 405 and 297 epochs, against 81 · 81 =
 * 6,561 for training all 81 to the end.
 *
 * Throws a `RangeError` unless n, η ≥ 2, R and `rungs` are integers with n ≥ 1, R ≥ 1,
 * rungs ≥ 1, and unless the plan is possible: the first budget ⌊R / η^(rungs−1)⌋ must be ≥ 1 and
 * the last rung must still hold a configuration (n ≥ η^(rungs−1)).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { halvingPlan } from "./halving_plan.ts";
 * const plan = halvingPlan({ n: 81, eta: 3, maxBudget: 81 });
 * assert.deepEqual(plan.rungs.map((r) => `${r.configs}@${r.budget}`), [
 *   "81@1", "27@3", "9@9", "3@27", "1@81",
 * ]);
 * assert.equal(plan.costFromScratch, 405);
 * assert.equal(plan.costWithResume, 297);
 * ```
 */
export function halvingPlan(
  options: { n: number; eta: number; maxBudget: number; rungs?: number },
): HalvingPlan {
  throw new Error("TODO: halvingPlan (lesson 08, 'Successive halving')");
}

/** One bracket of Hyperband: a successive-halving plan that starts with `s` eliminations to go. */
export interface Bracket extends HalvingPlan {
  /** The bracket's index s, from s_max (most configurations, least budget each) down to 0. */
  s: number;
}

/** A Hyperband plan: s_max, the budget B = (s_max + 1)·R of each bracket, and the brackets. */
export interface HyperbandPlan {
  /** ⌊log_η R⌋, computed exactly. */
  sMax: number;
  /** B = (s_max + 1)·R, the budget Hyperband gives each bracket. */
  bracketBudget: number;
  /** The brackets, s = s_max first. */
  brackets: Bracket[];
  /** Epochs of all brackets together, from scratch. */
  costFromScratch: number;
  /** Epochs of all brackets together, with resume. */
  costWithResume: number;
}

/**
 * Hyperband's plan (Li et al., JMLR 2018) for a maximum budget R and a halving rate η: with
 * s_max = ⌊log_η R⌋ and B = (s_max + 1)·R, bracket s = s_max, …, 0 starts
 *
 * n = ⌈(B / R) · η^s / (s + 1)⌉ = ⌈(s_max + 1)·η^s / (s + 1)⌉ configurations at r = R·η^(−s)
 *
 * and runs successive halving over s + 1 rungs: {@link halvingPlan} with `n`, η, R and
 * `rungs: s + 1`. The ceiling is computed with integers, as is s_max (see {@link floorLog}).
 * For R = 81, η = 3 the brackets start with 81, 34, 15, 8 and 5 configurations, as in the
 * paper's table.
 *
 * Throws a `RangeError` unless R ≥ 1 and η ≥ 2 are integers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hyperbandPlan } from "./halving_plan.ts";
 * const plan = hyperbandPlan(81, 3);
 * assert.equal(plan.sMax, 4);
 * assert.deepEqual(plan.brackets.map((b) => b.rungs[0].configs), [81, 34, 15, 8, 5]);
 * assert.deepEqual(plan.brackets[1].rungs.map((r) => `${r.configs}@${r.budget}`), [
 *   "34@3", "11@9", "3@27", "1@81",
 * ]);
 * ```
 */
export function hyperbandPlan(maxBudget: number, eta: number): HyperbandPlan {
  throw new Error("TODO: hyperbandPlan (lesson 08, 'Hyperband')");
}

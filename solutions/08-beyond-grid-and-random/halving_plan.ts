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
  // BEGIN SOLUTION "TODO: floorLog (lesson 08, 'Hyperband')"
  if (!Number.isInteger(x) || x < 1) throw new RangeError(`x must be an integer >= 1, got ${x}`);
  if (!Number.isInteger(base) || base < 2) {
    throw new RangeError(`base must be an integer >= 2, got ${base}`);
  }
  let k = 0;
  for (let power = base; power <= x; power *= base) k++;
  return k;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: halvingPlan (lesson 08, 'Successive halving')"
  const { n, eta, maxBudget } = options;
  for (const [name, value, low] of [["n", n, 1], ["eta", eta, 2], ["maxBudget", maxBudget, 1]]) {
    if (!Number.isInteger(value) || (value as number) < (low as number)) {
      throw new RangeError(`${name} must be an integer >= ${low}, got ${value}`);
    }
  }
  const count = options.rungs ?? floorLog(n, eta) + 1;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`rungs must be an integer >= 1, got ${options.rungs}`);
  }
  const top = eta ** (count - 1);
  if (maxBudget < top) {
    throw new RangeError(`maxBudget ${maxBudget} < eta^(rungs-1) = ${top}: the first rung gets 0`);
  }
  if (n < top) throw new RangeError(`n ${n} < eta^(rungs-1) = ${top}: the last rung is empty`);
  const rungs: Rung[] = [];
  let costFromScratch = 0, costWithResume = 0, previous = 0;
  for (let i = 0; i < count; i++) {
    const rung = {
      configs: floorDivide(n, eta ** i),
      budget: floorDivide(maxBudget, top / eta ** i),
    };
    rungs.push(rung);
    costFromScratch += rung.configs * rung.budget;
    costWithResume += rung.configs * (rung.budget - previous);
    previous = rung.budget;
  }
  return { rungs, costFromScratch, costWithResume };
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: hyperbandPlan (lesson 08, 'Hyperband')"
  const sMax = floorLog(maxBudget, eta);
  const brackets: Bracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = ceilDivide((sMax + 1) * eta ** s, s + 1);
    brackets.push({ s, ...halvingPlan({ n, eta, maxBudget, rungs: s + 1 }) });
  }
  return {
    sMax,
    bracketBudget: (sMax + 1) * maxBudget,
    brackets,
    costFromScratch: brackets.reduce((sum, b) => sum + b.costFromScratch, 0),
    costWithResume: brackets.reduce((sum, b) => sum + b.costWithResume, 0),
  };
  // END SOLUTION
}

// BEGIN SOLUTION
/** ⌊a / b⌋ for non-negative integers, exact (no rounded quotient is floored). */
function floorDivide(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/** ⌈a / b⌉ for non-negative integers, exact. */
function ceilDivide(a: number, b: number): number {
  return floorDivide(a + b - 1, b);
}
// END SOLUTION

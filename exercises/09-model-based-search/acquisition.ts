// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 6: acquisition functions. Each turns the posterior at a candidate (mean μ, standard
 * deviation σ) into a number that says how much the candidate is worth trying. The kit
 * **maximises** scores (validation accuracy), so an improvement is μ above the best score so far.
 *
 * @module
 */

import { normalCdf, normalPdf } from "./normal.ts";

/** Refuses a standard deviation that is not a finite number ≥ 0, or a mean that is not finite. */
function checkPosterior(name: string, mean: number, sd: number): void {
  if (!Number.isFinite(mean)) throw new RangeError(`${name}: mean must be finite, got ${mean}`);
  if (!(sd >= 0 && Number.isFinite(sd))) {
    throw new RangeError(`${name}: sd must be a finite number >= 0, got ${sd}`);
  }
}

/**
 * Expected improvement over `best` (by at least `xi`, the exploration margin ξ ≥ 0):
 * E[max(f − best − ξ, 0)] for f ~ N(μ, σ²), which is
 * d·Φ(d/σ) + σ·φ(d/σ) with d = μ − best − ξ, and max(d, 0) when σ = 0.
 *
 * Throws a `RangeError` for σ < 0 or not finite, a mean, best or ξ that is not finite, or ξ < 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedImprovement } from "./acquisition.ts";
 * assert.equal(expectedImprovement(0.9, 0, 0.8), 0.9 - 0.8);
 * assert.ok(Math.abs(expectedImprovement(0, 1, 0) - 0.3989422804014327) < 1e-9);
 * ```
 */
export function expectedImprovement(mean: number, sd: number, best: number, xi = 0): number {
  throw new Error("TODO: expectedImprovement (lesson 09, 'Acquisition functions')");
}

/**
 * Probability of improvement: P(f > best + ξ) = Φ((μ − best − ξ)/σ); when σ = 0, 1 if
 * μ > best + ξ and 0 otherwise.
 *
 * Throws a `RangeError` as {@link expectedImprovement} does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probabilityOfImprovement } from "./acquisition.ts";
 * assert.equal(probabilityOfImprovement(0.5, 0.1, 0.5), 0.5);
 * assert.equal(probabilityOfImprovement(0.5, 0, 0.6), 0);
 * ```
 */
export function probabilityOfImprovement(
  mean: number,
  sd: number,
  best: number,
  xi = 0,
): number {
  throw new Error("TODO: probabilityOfImprovement (lesson 09, 'Acquisition functions')");
}

/**
 * Upper confidence bound μ + κ·σ: optimism in proportion to the uncertainty, κ ≥ 0 (κ = 0 trusts
 * the mean alone).
 *
 * Throws a `RangeError` for σ < 0, κ < 0, or anything not finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { upperConfidenceBound } from "./acquisition.ts";
 * assert.equal(upperConfidenceBound(0.5, 0.1, 2), 0.7);
 * ```
 */
export function upperConfidenceBound(mean: number, sd: number, kappa: number): number {
  throw new Error("TODO: upperConfidenceBound (lesson 09, 'Acquisition functions')");
}

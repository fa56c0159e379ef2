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
  // BEGIN SOLUTION "TODO: expectedImprovement (lesson 09, 'Acquisition functions')"
  checkPosterior("expectedImprovement", mean, sd);
  if (!Number.isFinite(best)) throw new RangeError(`best must be finite, got ${best}`);
  if (!(xi >= 0 && Number.isFinite(xi))) throw new RangeError(`xi must be >= 0, got ${xi}`);
  const d = mean - best - xi;
  if (sd === 0) return Math.max(d, 0);
  const z = d / sd;
  return d * normalCdf(z) + sd * normalPdf(z);
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: probabilityOfImprovement (lesson 09, 'Acquisition functions')"
  checkPosterior("probabilityOfImprovement", mean, sd);
  if (!Number.isFinite(best)) throw new RangeError(`best must be finite, got ${best}`);
  if (!(xi >= 0 && Number.isFinite(xi))) throw new RangeError(`xi must be >= 0, got ${xi}`);
  const d = mean - best - xi;
  if (sd === 0) return d > 0 ? 1 : 0;
  return normalCdf(d / sd);
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: upperConfidenceBound (lesson 09, 'Acquisition functions')"
  checkPosterior("upperConfidenceBound", mean, sd);
  if (!(kappa >= 0 && Number.isFinite(kappa))) {
    throw new RangeError(`kappa must be a finite number >= 0, got ${kappa}`);
  }
  return mean + kappa * sd;
  // END SOLUTION
}

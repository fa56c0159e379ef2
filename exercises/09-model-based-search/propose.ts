// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 8: one proposal step of each method. Given the trials so far and a list of candidate
 * configurations, each method says which candidate to try next: the Gaussian process by expected
 * improvement, TPE by l(x)/g(x). (Drawing the candidates, start-up trials and batches are given
 * in `./sampler.ts`.)
 *
 * @module
 */

import type { Config, Space, Trial } from "./space.ts";
import { encodeConfig, standardise } from "./encode.ts";
import type { Kernel } from "./kernels.ts";
import { gpPosterior } from "./gp.ts";
import { expectedImprovement } from "./acquisition.ts";
import { tpeScore } from "./tpe.ts";

/** The Gaussian process of one proposal step (on standardised scores). */
export interface GpStep {
  kernel: Kernel;
  noiseVariance: number;
  /** Expected improvement's exploration margin ξ ≥ 0, in standard deviations of the scores. */
  xi: number;
}

/** Refuses an empty list of trials or of candidates. */
function checkLists(name: string, trials: readonly Trial[], candidates: readonly Config[]): void {
  if (trials.length === 0) throw new RangeError(`${name}: needs at least one trial`);
  if (candidates.length === 0) throw new RangeError(`${name}: needs at least one candidate`);
}

/** The index of the first largest of `values`. */
function firstLargest(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The index of the candidate with the largest expected improvement (the first on a tie) under
 * the Gaussian process fitted to `trials`: configurations encoded with `encodeConfig`, scores
 * standardised with `standardise`, the posterior from `gpPosterior`, the improvement over the
 * best standardised score, with σ the square root of the posterior variance.
 *
 * Throws a `RangeError` for no trials or no candidates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gpChoose } from "./propose.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const trials = [0.1, 0.5, 0.9].map((x) => ({ config: { x }, score: -((x - 0.6) ** 2) }));
 * const kernel = { type: "matern52", lengthscale: 0.3, variance: 1 } as const;
 * const step = { kernel, noiseVariance: 1e-4, xi: 0 };
 * assert.equal(gpChoose(trials, space, [{ x: 0.05 }, { x: 0.6 }], step), 1);
 * ```
 */
export function gpChoose(
  trials: readonly Trial[],
  space: Space,
  candidates: readonly Config[],
  step: GpStep,
): number {
  throw new Error("TODO: gpChoose (lesson 09, 'Maximising the acquisition')");
}

/**
 * The index of the candidate with the largest TPE score log l(x) − log g(x) (`tpeScore`, the first
 * on a tie).
 *
 * Throws a `RangeError` for no trials or no candidates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tpeChoose } from "./propose.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const trials = [0.1, 0.2, 0.8, 0.9].map((x) => ({ config: { x }, score: x }));
 * assert.equal(tpeChoose(trials, space, [{ x: 0.15 }, { x: 0.85 }], 0.5), 1);
 * ```
 */
export function tpeChoose(
  trials: readonly Trial[],
  space: Space,
  candidates: readonly Config[],
  gamma: number,
  priorWeight = 1,
): number {
  throw new Error("TODO: tpeChoose (lesson 09, 'Why l/g ranks by expected improvement')");
}

// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 4: Gaussian-process regression. Given observed points and (standardised) values, the
 * posterior mean and variance of the function at new points, through one Cholesky factorisation;
 * and the log marginal likelihood that says how well a kernel explains the observations.
 *
 * @module
 */

import { type Kernel, kernelMatrix, kernelValue } from "./kernels.ts";
import { cholesky, JITTER, solveLower, solveLowerTransposed } from "./cholesky.ts";

/** What a Gaussian process is conditioned on. */
export interface GpData {
  /** The observed points (each a list of coordinates, all of one dimension). */
  points: readonly (readonly number[])[];
  /** The observed value at each point (standardised scores: the prior mean is 0). */
  values: readonly number[];
  /** The prior covariance. */
  kernel: Kernel;
  /** The variance σₙ² of the observation noise (≥ 0). */
  noiseVariance: number;
}

/** The posterior at each new point: mean and variance of the function (noise not included). */
export interface GpPosterior {
  mean: number[];
  variance: number[];
}

/** The Cholesky factor of K(X, X) + (σₙ² + JITTER·σ_f²)·I and α = that matrix⁻¹·y. */
function factor(data: GpData): { l: number[][]; alpha: number[] } {
  const { points, values, kernel, noiseVariance } = data;
  if (points.length !== values.length) {
    throw new RangeError(`${points.length} points but ${values.length} values`);
  }
  if (!(noiseVariance >= 0 && Number.isFinite(noiseVariance))) {
    throw new RangeError(`noiseVariance must be a finite number >= 0, got ${noiseVariance}`);
  }
  if (!values.every(Number.isFinite)) throw new RangeError("every value must be finite");
  const k = kernelMatrix(kernel, points, points);
  const diagonal = noiseVariance + JITTER * kernel.variance;
  for (let i = 0; i < k.length; i++) k[i][i] += diagonal;
  const l = cholesky(k);
  return { l, alpha: solveLowerTransposed(l, solveLower(l, values)) };
}

/**
 * The posterior of a zero-mean Gaussian process at each of `at`:
 *
 * - mean(x) = k(x, X) · (K + σₙ²I)⁻¹ · y,
 * - variance(x) = k(x, x) − k(x, X) · (K + σₙ²I)⁻¹ · k(X, x), never below 0,
 *
 * with K = k(X, X) plus the kit's jitter ({@link JITTER} × the kernel's variance) on the
 * diagonal, computed with one Cholesky factor L of K + σₙ²I: α = Lᵀ \ (L \ y), mean = k·α,
 * v = L \ k, variance = k(x, x) − v·v. With no observations it is the prior (mean 0, variance
 * σ_f²). The variance is the function's, without the noise of a new observation.
 *
 * Throws a `RangeError` when points and values differ in number, a value is not finite, the noise
 * variance is negative, or the matrix does not factor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gpPosterior } from "./gp.ts";
 * const kernel = { type: "squaredExponential", lengthscale: 0.3, variance: 1 } as const;
 * const post = gpPosterior({ points: [[0.2]], values: [1], kernel, noiseVariance: 0 }, [[0.2], [5]]);
 * assert.ok(Math.abs(post.mean[0] - 1) < 1e-6 && post.variance[0] < 1e-6);
 * assert.ok(Math.abs(post.mean[1]) < 1e-12 && Math.abs(post.variance[1] - 1) < 1e-12);
 * ```
 */
export function gpPosterior(data: GpData, at: readonly (readonly number[])[]): GpPosterior {
  throw new Error("TODO: gpPosterior (lesson 09, 'The posterior')");
}

/**
 * log p(y | X) = −½ yᵀα − Σ log L[i][i] − (n/2) log 2π: how probable the observed values are under
 * the prior with this kernel and noise. A lengthscale or noise that explains the data better
 * scores higher; the kit picks its lengthscale by it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logMarginalLikelihood } from "./gp.ts";
 * const kernel = { type: "squaredExponential", lengthscale: 1, variance: 1 } as const;
 * const value = logMarginalLikelihood({ points: [[0]], values: [0], kernel, noiseVariance: 0 });
 * assert.ok(Math.abs(value + 0.5 * Math.log(2 * Math.PI * (1 + 1e-8))) < 1e-12);
 * ```
 */
export function logMarginalLikelihood(data: GpData): number {
  const { l, alpha } = factor(data);
  let fit = 0, logDet = 0;
  for (let i = 0; i < alpha.length; i++) {
    fit += data.values[i] * alpha[i];
    logDet += Math.log(l[i][i]);
  }
  return -0.5 * fit - logDet - 0.5 * alpha.length * Math.log(2 * Math.PI);
}

// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 3: the Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and
 * the two triangular solves that replace every matrix inverse in a Gaussian process.
 *
 * @module
 */

/**
 * The jitter rule of the kit: a Gaussian process always adds `JITTER` × the kernel's variance to
 * the diagonal of its covariance matrix, on top of the noise variance, so that two trials with
 * the same configuration (two equal rows) still give a matrix that factors. {@link cholesky}
 * itself never adds anything: it refuses what is not positive definite.
 */
export const JITTER = 1e-8;

/**
 * The lower-triangular L with L·Lᵀ = A (the Cholesky–Banachiewicz order: row by row), zeros above
 * the diagonal.
 *
 * Throws a `RangeError` when A is not square, not symmetric (|A[i][j] − A[j][i]| above 1e-12 times
 * the largest |entry|), has an entry that is not finite, or is not positive definite (a pivot
 * A[j][j] − Σ L[j][k]² that is not > 0: add jitter to the diagonal, see {@link JITTER}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cholesky } from "./cholesky.ts";
 * assert.deepEqual(cholesky([[4, 2], [2, 2]]), [[2, 0], [1, 1]]);
 * assert.throws(() => cholesky([[1, 2], [2, 1]]), RangeError);
 * ```
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  throw new Error("TODO: cholesky (lesson 09, 'Solving with a Cholesky factor')");
}

/**
 * Solves L·x = b by forward substitution, L lower triangular (only its lower triangle is read).
 *
 * Throws a `RangeError` when the sizes differ or a diagonal entry is 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solveLower } from "./cholesky.ts";
 * assert.deepEqual(solveLower([[2, 0], [1, 1]], [2, 3]), [1, 2]);
 * ```
 */
export function solveLower(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  throw new Error("TODO: solveLower (lesson 09, 'Solving with a Cholesky factor')");
}

/**
 * Solves Lᵀ·x = b by back substitution, given the lower-triangular L (so A·x = b is
 * `solveLowerTransposed(L, solveLower(L, b))` when A = L·Lᵀ).
 *
 * Throws a `RangeError` when the sizes differ or a diagonal entry is 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solveLowerTransposed } from "./cholesky.ts";
 * assert.deepEqual(solveLowerTransposed([[2, 0], [1, 1]], [4, 2]), [1, 2]);
 * ```
 */
export function solveLowerTransposed(
  l: readonly (readonly number[])[],
  b: readonly number[],
): number[] {
  throw new Error("TODO: solveLowerTransposed (lesson 09, 'Solving with a Cholesky factor')");
}

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
  // BEGIN SOLUTION "TODO: cholesky (lesson 09, 'Solving with a Cholesky factor')"
  const n = a.length;
  let scale = 0;
  for (const row of a) {
    if (row.length !== n) throw new RangeError(`not square: ${n} rows, a row of ${row.length}`);
    for (const v of row) {
      if (!Number.isFinite(v)) throw new RangeError(`entry ${v} is not finite`);
      scale = Math.max(scale, Math.abs(v));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * scale) {
        throw new RangeError(
          `not symmetric: A[${i}][${j}] = ${a[i][j]}, A[${j}][${i}] = ${a[j][i]}`,
        );
      }
    }
  }
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) {
          throw new RangeError(
            `not positive definite: pivot ${i} is ${sum} (add jitter to the diagonal)`,
          );
        }
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: solveLower (lesson 09, 'Solving with a Cholesky factor')"
  const n = l.length;
  if (b.length !== n) throw new RangeError(`L has ${n} rows, b has ${b.length} entries`);
  const x = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (l[i][i] === 0) {
      throw new RangeError(`L[${i}][${i}] is 0: the system has no unique solution`);
    }
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: solveLowerTransposed (lesson 09, 'Solving with a Cholesky factor')"
  const n = l.length;
  if (b.length !== n) throw new RangeError(`L has ${n} rows, b has ${b.length} entries`);
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    if (l[i][i] === 0) {
      throw new RangeError(`L[${i}][${i}] is 0: the system has no unique solution`);
    }
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
  // END SOLUTION
}

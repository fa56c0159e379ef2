// deno-lint-ignore-file no-unused-vars
/**
 * Plain gradient descent: the loop every optimizer in this course refines.
 *
 * @module
 */

/** A gradient: takes a point, returns ∇f at that point (same length). */
export type Gradient = (x: readonly number[]) => number[];

/**
 * Runs `steps` steps of gradient descent, x ← x − lr·∇f(x), from `x0`, and returns the whole
 * trajectory: `steps + 1` points, starting with a copy of `x0`.
 *
 * Throws a `RangeError` when `lr` is negative or not finite, when `steps` is not a whole
 * number ≥ 0, when `x0` is empty, or when the gradient returns a vector of another length.
 * Values that overflow to ±Infinity or NaN (a diverging run) are kept, not refused. `x0` is not
 * modified.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradientDescent } from "./gradient_descent.ts";
 * // f(x) = x², ∇f(x) = 2x: each step multiplies x by 1 − 2·lr = 0.8
 * const path = gradientDescent((x) => [2 * x[0]], [1], 0.1, 3);
 * assert.deepEqual(path.map((p) => p[0].toFixed(3)), ["1.000", "0.800", "0.640", "0.512"]);
 * ```
 */
export function gradientDescent(
  grad: Gradient,
  x0: readonly number[],
  lr: number,
  steps: number,
): number[][] {
  throw new Error("TODO: gradientDescent (lesson 02)");
}

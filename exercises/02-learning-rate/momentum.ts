// deno-lint-ignore-file no-unused-vars
/**
 * Gradient descent with (heavy-ball) momentum, in PyTorch's form.
 *
 * @module
 */

/** A gradient: takes a point, returns ∇f at that point (same length). */
export type Gradient = (x: readonly number[]) => number[];

/**
 * Runs `steps` steps of gradient descent with momentum β from `x0` and returns the trajectory
 * (`steps + 1` points, starting with a copy of `x0`):
 *
 * ```text
 * v ← β·v + ∇f(x)      (v starts at 0, so the first v is the first gradient)
 * x ← x − lr·v
 * ```
 *
 * This is `torch.optim.SGD` with `momentum = β` and no dampening. β = 0 is plain gradient
 * descent. Throws a `RangeError` when `lr` is negative or not finite, when β is outside
 * [0, 1) (or NaN), when `steps` is not a whole number ≥ 0, when `x0` is empty, or when the
 * gradient returns a vector of another length. `x0` is not modified.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { momentumDescent } from "./momentum.ts";
 * // f(x) = x²/2, ∇f = x: v = 1, then 0.9·1 + 0.9 = 1.8
 * const path = momentumDescent((x) => [x[0]], [1], 0.1, 0.9, 2);
 * assert.deepEqual(path.map((p) => p[0].toFixed(2)), ["1.00", "0.90", "0.72"]);
 * ```
 */
export function momentumDescent(
  grad: Gradient,
  x0: readonly number[],
  lr: number,
  beta: number,
  steps: number,
): number[][] {
  throw new Error("TODO: momentumDescent (lesson 02)");
}

/**
 * The learning-rate range test (Smith, 2017): sweep the rate up during one short run and read
 * the loss curve.
 *
 * @module
 */

import type { Objective } from "./functions.ts";

/** Settings of {@link rangeTest}. */
export interface RangeTestOptions {
  /** The first learning rate (> 0). */
  lrMin: number;
  /** The last learning rate (> lrMin). */
  lrMax: number;
  /** Number of steps, at least 2. */
  steps: number;
}

/** What {@link rangeTest} returns. */
export interface RangeTestResult {
  /** The learning rate of each recorded step. */
  lrs: number[];
  /** The loss after each recorded step. */
  losses: number[];
  /** The suggested learning rate: the rate of the lowest recorded loss, divided by 10. */
  suggestedLr: number;
}

/**
 * One gradient-descent run from `x0` whose learning rate grows exponentially, step k
 * (k = 0 … steps − 1) using `lr_k = lrMin · (lrMax / lrMin)^(k / (steps − 1))`: x ← x − lr_k·∇f(x).
 * After each step it records `lr_k` and the loss f(x) at the new point.
 *
 * The sweep stops early at the first step whose loss is not finite or is more than 4 times the
 * lowest loss recorded so far; that step is **not** recorded (losses are taken to be ≥ 0). The suggestion is
 * `lrs[i] / 10` where `losses[i]` is the lowest recorded loss (the first one on ties).
 *
 * Throws a `RangeError` unless 0 < lrMin < lrMax (finite), steps is a whole number ≥ 2 and x0 is
 * not empty, and also when the very first step's loss is not finite (nothing could be recorded:
 * lower lrMin). `x0` is not modified.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTest } from "./lr_finder.ts";
 * const bowl = { f: (x: readonly number[]) => x[0] ** 2, grad: (x: readonly number[]) => [2 * x[0]] };
 * const r = rangeTest(bowl, [1], { lrMin: 1e-4, lrMax: 10, steps: 50 });
 * assert.ok(r.suggestedLr < 1 / 2); // a tenth of the rate with the lowest loss
 * ```
 */
export function rangeTest(
  objective: Objective,
  x0: readonly number[],
  options: RangeTestOptions,
): RangeTestResult {
  // BEGIN SOLUTION "TODO: rangeTest (lesson 02)"
  const { lrMin, lrMax, steps } = options;
  if (!(Number.isFinite(lrMin) && Number.isFinite(lrMax) && lrMin > 0 && lrMax > lrMin)) {
    throw new RangeError(`need 0 < lrMin < lrMax, got lrMin ${lrMin}, lrMax ${lrMax}`);
  }
  if (!(Number.isInteger(steps) && steps >= 2)) {
    throw new RangeError(`steps must be a whole number >= 2, got ${steps}`);
  }
  if (x0.length === 0) throw new RangeError("x0 must have at least one coordinate");
  let x = [...x0];
  const lrs: number[] = [];
  const losses: number[] = [];
  let best = Infinity;
  let bestIndex = -1;
  for (let k = 0; k < steps; k++) {
    const lr = lrMin * (lrMax / lrMin) ** (k / (steps - 1));
    const g = objective.grad(x);
    x = x.map((xi, i) => xi - lr * g[i]);
    const loss = objective.f(x);
    if (!Number.isFinite(loss) || loss > 4 * best) break;
    lrs.push(lr);
    losses.push(loss);
    if (loss < best) {
      best = loss;
      bestIndex = lrs.length - 1;
    }
  }
  // The first step can only stop the sweep when its loss is not finite.
  if (bestIndex < 0) throw new RangeError("the first step already diverged: lower lrMin");
  return { lrs, losses, suggestedLr: lrs[bestIndex] / 10 };
  // END SOLUTION
}

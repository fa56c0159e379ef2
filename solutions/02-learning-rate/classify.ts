/**
 * Reading a loss curve: the four behaviours of a learning rate.
 *
 * @module
 */

/** What a loss curve says about the learning rate that produced it. */
export type Behaviour = "diverging" | "oscillating" | "converging" | "too slow";

/**
 * Labels a loss curve `losses[0..n]` (the loss before training, then after each step), with
 * these rules, tried in order:
 *
 * 1. **diverging**: a value is not finite (NaN or ±Infinity), or the last loss is above the
 *    first: `losses[n] > losses[0]`.
 * 2. **oscillating**: at least a quarter of the n steps raise the loss:
 *    `4 · #{k : losses[k+1] > losses[k]} ≥ n`.
 * 3. **too slow**: no progress at all (`losses[n] === losses[0]`), or the second half of the
 *    run still did more than 10% of the total decrease:
 *    `losses[⌊n/2⌋] − losses[n] > 0.1 · (losses[0] − losses[n])`.
 * 4. **converging** otherwise: the loss fell, rarely rose, and has flattened out.
 *
 * Throws a `RangeError` when there are fewer than 2 values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyLossCurve } from "./classify.ts";
 * assert.equal(classifyLossCurve([1, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01]), "converging");
 * assert.equal(classifyLossCurve([1, 2, 4, 8]), "diverging");
 * assert.equal(classifyLossCurve([1, 0.99, 0.98, 0.97, 0.96]), "too slow");
 * assert.equal(classifyLossCurve([1, 0.4, 0.6, 0.3, 0.5, 0.3]), "oscillating");
 * ```
 */
export function classifyLossCurve(losses: readonly number[]): Behaviour {
  // BEGIN SOLUTION "TODO: classifyLossCurve (lesson 02)"
  const n = losses.length - 1;
  if (n < 1) throw new RangeError(`a loss curve needs at least 2 values, got ${losses.length}`);
  if (losses.some((l) => !Number.isFinite(l)) || losses[n] > losses[0]) return "diverging";
  let rises = 0;
  for (let k = 0; k < n; k++) if (losses[k + 1] > losses[k]) rises++;
  if (4 * rises >= n) return "oscillating";
  const total = losses[0] - losses[n];
  if (total === 0 || losses[Math.floor(n / 2)] - losses[n] > 0.1 * total) return "too slow";
  return "converging";
  // END SOLUTION
}

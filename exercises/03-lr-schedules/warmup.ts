// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 4: linear warm-up, PyTorch `LinearLR`, as a closed form of the epoch (or step).
 *
 * Conventions: epochs count from 0, may be fractional, must be finite and ≥ 0. Invalid
 * arguments throw a `RangeError` naming the argument.
 *
 * @module
 */

/** Configuration of {@link linearWarmup} (PyTorch `LinearLR`, with PyTorch's defaults). */
export interface LinearWarmupConfig {
  /** The target learning rate, reached after the warm-up (PyTorch: the optimizer's lr). Positive. */
  lr0: number;
  /** Multiplier of `lr0` at epoch 0 (PyTorch `start_factor`). In (0, 1], default 1/3. */
  startFactor?: number;
  /** Multiplier of `lr0` from epoch `totalIters` on (PyTorch `end_factor`). In [0, 1], default 1. */
  endFactor?: number;
  /** Epochs (or steps) the change lasts (PyTorch `total_iters`). A positive integer, default 5. */
  totalIters?: number;
}

/**
 * Linear warm-up, PyTorch `LinearLR`'s closed form:
 * `lr0 · (startFactor + (endFactor − startFactor) · min(epoch, totalIters) / totalIters)`.
 *
 * The rate starts at `lr0 · startFactor` at epoch 0, grows by equal amounts and reaches
 * `lr0 · endFactor` at epoch `totalIters`, where it stays. Chain it with a decay (PyTorch's
 * `SequentialLR`) to get the usual "warm-up, then cosine" recipe.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearWarmup } from "./warmup.ts";
 * const config = { lr0: 0.1, startFactor: 0.1, totalIters: 4 };
 * assert.ok(Math.abs(linearWarmup(config, 0) - 0.01) < 1e-15);
 * assert.ok(Math.abs(linearWarmup(config, 2) - 0.055) < 1e-15);
 * assert.equal(linearWarmup(config, 10), 0.1);
 * ```
 */
export function linearWarmup(config: LinearWarmupConfig, epoch: number): number {
  throw new Error("TODO: linearWarmup");
}

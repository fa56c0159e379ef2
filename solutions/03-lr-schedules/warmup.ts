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
  // BEGIN SOLUTION "TODO: linearWarmup"
  const where = "linearWarmup";
  const lr0 = config.lr0;
  if (typeof lr0 !== "number" || !Number.isFinite(lr0) || lr0 <= 0) {
    throw new RangeError(`${where}: lr0 must be a positive finite number, got ${lr0}`);
  }
  const startFactor = config.startFactor ?? 1 / 3;
  if (typeof startFactor !== "number" || !(startFactor > 0 && startFactor <= 1)) {
    throw new RangeError(`${where}: startFactor must be in (0, 1], got ${startFactor}`);
  }
  const endFactor = config.endFactor ?? 1;
  if (typeof endFactor !== "number" || !(endFactor >= 0 && endFactor <= 1)) {
    throw new RangeError(`${where}: endFactor must be in [0, 1], got ${endFactor}`);
  }
  const totalIters = config.totalIters ?? 5;
  if (typeof totalIters !== "number" || !Number.isInteger(totalIters) || totalIters <= 0) {
    throw new RangeError(`${where}: totalIters must be a positive integer, got ${totalIters}`);
  }
  if (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch < 0) {
    throw new RangeError(`${where}: epoch must be a finite number ≥ 0, got ${epoch}`);
  }
  return lr0 *
    (startFactor + (endFactor - startFactor) * Math.min(totalIters, epoch) / totalIters);
  // END SOLUTION
}

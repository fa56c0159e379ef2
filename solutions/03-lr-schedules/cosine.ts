/**
 * Exercise 2: cosine annealing, without and with warm restarts (Loshchilov & Hutter, "SGDR:
 * Stochastic Gradient Descent with Warm Restarts", ICLR 2017), as closed forms of the epoch.
 *
 * Conventions: epochs count from 0 (PyTorch's `last_epoch`), may be fractional
 * (`epoch + batch / batchesPerEpoch`, as PyTorch's `CosineAnnealingWarmRestarts.step(epoch)`
 * allows), and must be finite and ≥ 0. Invalid arguments throw a `RangeError` naming the argument.
 *
 * @module
 */

/** Configuration of {@link cosineAnnealing} (PyTorch `CosineAnnealingLR`). */
export interface CosineAnnealingConfig {
  /** Learning rate at epoch 0, the top of the curve (PyTorch: the optimizer's lr, η_max). Positive. */
  lr0: number;
  /** Epochs from the top to the bottom of the curve (PyTorch `T_max`). A positive integer. */
  tMax: number;
  /** The bottom of the curve (PyTorch `eta_min`). Finite and ≥ 0, default 0. */
  etaMin?: number;
}

/** Configuration of {@link cosineWarmRestarts} (PyTorch `CosineAnnealingWarmRestarts`). */
export interface WarmRestartsConfig {
  /** Learning rate right after every restart (η_max). Positive. */
  lr0: number;
  /** Length of the first cycle in epochs (PyTorch `T_0`). A positive integer. */
  t0: number;
  /** Each cycle is `tMult` times longer than the one before (PyTorch `T_mult`). An integer ≥ 1, default 1. */
  tMult?: number;
  /** The bottom of every cycle (PyTorch `eta_min`). Finite and ≥ 0, default 0. */
  etaMin?: number;
}

// BEGIN SOLUTION
function requirePositive(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${where}: ${name} must be a positive finite number, got ${value}`);
  }
  return value;
}

function requireNonNegative(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

function requireInteger(where: string, name: string, value: unknown, least: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < least) {
    const what = least === 1 ? "a positive integer" : `an integer ≥ ${least}`;
    throw new RangeError(`${where}: ${name} must be ${what}, got ${value}`);
  }
  return value;
}
// END SOLUTION

// BEGIN SOLUTION
/** `etaMin + (lr0 − etaMin) · (1 + cos(π · tCur / tI)) / 2`, shared by both schedules. */
function cosineBetween(lr0: number, etaMin: number, tCur: number, tI: number): number {
  return etaMin + (lr0 - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
}
// END SOLUTION

/**
 * Cosine annealing, PyTorch `CosineAnnealingLR`'s closed form:
 * `etaMin + (lr0 − etaMin) · (1 + cos(π · epoch / tMax)) / 2`.
 *
 * It starts at `lr0` (epoch 0), passes the midpoint at `tMax / 2` and reaches `etaMin` at epoch
 * `tMax`. Like PyTorch's closed form it does not stop there: past `tMax` the cosine climbs back
 * up (period `2 · tMax`), so train for exactly `tMax` epochs or use {@link cosineWarmRestarts}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineAnnealing } from "./cosine.ts";
 * const config = { lr0: 0.1, tMax: 100, etaMin: 0.001 };
 * assert.equal(cosineAnnealing(config, 0), 0.1);
 * assert.ok(Math.abs(cosineAnnealing(config, 50) - 0.0505) < 1e-15); // halfway from 0.1 to 0.001
 * assert.equal(cosineAnnealing(config, 100), 0.001);
 * ```
 */
export function cosineAnnealing(config: CosineAnnealingConfig, epoch: number): number {
  // BEGIN SOLUTION "TODO: cosineAnnealing"
  const lr0 = requirePositive("cosineAnnealing", "lr0", config.lr0);
  const tMax = requireInteger("cosineAnnealing", "tMax", config.tMax, 1);
  const etaMin = requireNonNegative("cosineAnnealing", "etaMin", config.etaMin ?? 0);
  requireNonNegative("cosineAnnealing", "epoch", epoch);
  return cosineBetween(lr0, etaMin, epoch, tMax);
  // END SOLUTION
}

/**
 * Cosine annealing with warm restarts (SGDR), PyTorch `CosineAnnealingWarmRestarts`:
 * `etaMin + (lr0 − etaMin) · (1 + cos(π · tCur / tI)) / 2`, where `tI` is the length of the
 * current cycle (`t0`, then `t0 · tMult`, `t0 · tMult²`, …) and `tCur` the epochs since the last
 * restart.
 *
 * Restarts happen at epochs `t0`, `t0 + t0·tMult`, `t0 + t0·tMult + t0·tMult²`, …: at a restart
 * epoch `tCur` is 0 and the rate is back at `lr0`; the epoch before, it is just above `etaMin`.
 * `tCur` is found by subtracting whole cycles, which is what PyTorch's `step()` does one epoch at
 * a time; PyTorch's `step(epoch)` computes the cycle with a floating-point logarithm instead,
 * which agrees except where that logarithm rounds down at an exact restart epoch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWarmRestarts } from "./cosine.ts";
 * const config = { lr0: 0.1, t0: 10, tMult: 2 };
 * assert.ok(cosineWarmRestarts(config, 9) < 0.003); // the end of the first cycle
 * assert.equal(cosineWarmRestarts(config, 10), 0.1); // restart; the next cycle lasts 20 epochs
 * assert.ok(Math.abs(cosineWarmRestarts(config, 20) - 0.05) < 1e-15); // halfway through cycle 2
 * ```
 */
export function cosineWarmRestarts(config: WarmRestartsConfig, epoch: number): number {
  // BEGIN SOLUTION "TODO: cosineWarmRestarts"
  const lr0 = requirePositive("cosineWarmRestarts", "lr0", config.lr0);
  const t0 = requireInteger("cosineWarmRestarts", "t0", config.t0, 1);
  const tMult = requireInteger("cosineWarmRestarts", "tMult", config.tMult ?? 1, 1);
  const etaMin = requireNonNegative("cosineWarmRestarts", "etaMin", config.etaMin ?? 0);
  requireNonNegative("cosineWarmRestarts", "epoch", epoch);
  let tCur = epoch;
  let tI = t0;
  if (tMult === 1) {
    tCur = epoch % t0;
  } else {
    while (tCur >= tI) {
      tCur -= tI;
      tI *= tMult;
    }
  }
  return cosineBetween(lr0, etaMin, tCur, tI);
  // END SOLUTION
}

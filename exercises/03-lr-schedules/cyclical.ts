// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 3: schedules that go up as well as down, counted in optimizer steps (batches), not
 * epochs: cyclical learning rates (Smith, "Cyclical Learning Rates for Training Neural
 * Networks", WACV 2017) and the one-cycle policy (Smith & Topin, "Super-Convergence", 2018).
 *
 * Conventions: `step` counts batches from 0, the value at step 0 is the rate of the very first
 * batch (PyTorch's `CyclicLR` and `OneCycleLR` set it when they are built, and `scheduler.step()`
 * is called after every batch). Invalid arguments throw a `RangeError` naming the argument.
 *
 * @module
 */

/** The three policies of Smith (2017), with PyTorch's spelling. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/** Configuration of {@link cyclicLr} (PyTorch `CyclicLR`). */
export interface CyclicConfig {
  /** The bottom of every cycle (PyTorch `base_lr`). Positive. */
  baseLr: number;
  /** The top of the first cycle (PyTorch `max_lr`). At least `baseLr`. */
  maxLr: number;
  /** Steps from the bottom to the top (PyTorch `step_size_up`). A positive integer. */
  stepSizeUp: number;
  /** Steps from the top back to the bottom (PyTorch `step_size_down`). A positive integer, default `stepSizeUp`. */
  stepSizeDown?: number;
  /** Default `"triangular"`. */
  mode?: CyclicMode;
  /** `exp_range` only: the amplitude is multiplied by `gamma^step`. Positive, default 1. */
  gamma?: number;
}

/** Configuration of {@link oneCycleLr} (PyTorch `OneCycleLR`, with PyTorch's defaults). */
export interface OneCycleConfig {
  /** The peak learning rate (PyTorch `max_lr`). Positive. */
  maxLr: number;
  /** Length of the whole cycle in steps (PyTorch `total_steps`). A positive integer. */
  totalSteps: number;
  /** Fraction of the steps spent going up (PyTorch `pct_start`). In [0, 1], default 0.3. */
  pctStart?: number;
  /** Shape of every phase: `"cos"` (default) or `"linear"`. */
  annealStrategy?: "cos" | "linear";
  /** The first rate is `maxLr / divFactor` (PyTorch `div_factor`). Positive, default 25. */
  divFactor?: number;
  /** The last rate is `maxLr / divFactor / finalDivFactor` (PyTorch `final_div_factor`). Positive, default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, back down to the start, then to the minimum), the paper's outline (its ramps are linear). Default false (two phases, as fastai). */
  threePhase?: boolean;
}

/**
 * Cyclical learning rate, PyTorch `CyclicLR` (adapted there from Smith's reference code):
 *
 * ```text
 * cycle = floor(1 + step / (up + down))
 * x     = 1 + step / (up + down) − cycle                    position in the cycle, in [0, 1)
 * scale = x / r            if x ≤ r,   r = up / (up + down)
 *       = (x − 1) / (r − 1) otherwise                        0 → 1 → 0 over a cycle
 * lr    = baseLr + (maxLr − baseLr) · scale · f
 * ```
 *
 * where `f = 1` for `triangular`, `f = 1 / 2^(cycle − 1)` for `triangular2` (the amplitude halves
 * every cycle) and `f = gamma^step` for `exp_range` (it shrinks every step). The first cycle is
 * cycle 1 and starts at step 0 at `baseLr`; the top is at step `stepSizeUp`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLr } from "./cyclical.ts";
 * const config = { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000, mode: "triangular2" as const };
 * assert.equal(cyclicLr(config, 2000), 0.006); // the top of cycle 1
 * assert.equal(cyclicLr(config, 6000), 0.0035); // the top of cycle 2, half as high
 * ```
 */
export function cyclicLr(config: CyclicConfig, step: number): number {
  throw new Error("TODO: cyclicLr");
}

/**
 * The one-cycle policy, PyTorch `OneCycleLR`, computed exactly as PyTorch does it.
 *
 * The rate starts at `initial = maxLr / divFactor`, rises to `maxLr`, then falls to
 * `min = initial / finalDivFactor`. The phases end at these (floating-point) steps:
 *
 * - two phases (default): up until `pctStart · totalSteps − 1`, down until `totalSteps − 1`;
 * - three phases: up until `pctStart · totalSteps − 1`, back to `initial` at
 *   `2 · pctStart · totalSteps − 2`, then to `min` at `totalSteps − 1`.
 *
 * Within a phase from `start` to `end` the fraction is `pct = (step − start) / (end − start)`
 * and the rate moves from the phase's first value `a` to its last `b` as
 * `b + (a − b) · (1 + cos(π · pct)) / 2` (`cos`) or `a + (b − a) · pct` (`linear`).
 *
 * Valid steps are 0 … `totalSteps` (PyTorch refuses to go past `totalSteps`; the step
 * `totalSteps` itself extrapolates the last phase a little). A configuration whose phase has zero
 * length (e.g. `pctStart · totalSteps = 1`) is refused when that phase is reached, where
 * PyTorch divides by zero.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oneCycleLr } from "./cyclical.ts";
 * const config = { maxLr: 0.1, totalSteps: 100 };
 * assert.ok(Math.abs(oneCycleLr(config, 0) - 0.1 / 25) < 1e-15);
 * assert.equal(oneCycleLr(config, 29), 0.1); // the peak, at step 0.3 · 100 − 1
 * assert.ok(Math.abs(oneCycleLr(config, 99) - 0.1 / 25 / 1e4) < 1e-18);
 * ```
 */
export function oneCycleLr(config: OneCycleConfig, step: number): number {
  throw new Error("TODO: oneCycleLr");
}

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

// BEGIN SOLUTION
function requirePositive(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${where}: ${name} must be a positive finite number, got ${value}`);
  }
  return value;
}

function requirePositiveInteger(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${where}: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function requireStep(where: string, step: unknown): number {
  if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
    throw new RangeError(`${where}: step must be a finite number ≥ 0, got ${step}`);
  }
  return step;
}
// END SOLUTION

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
  // BEGIN SOLUTION "TODO: cyclicLr"
  const where = "cyclicLr";
  const baseLr = requirePositive(where, "baseLr", config.baseLr);
  const maxLr = requirePositive(where, "maxLr", config.maxLr);
  if (maxLr < baseLr) {
    throw new RangeError(`${where}: maxLr must be at least baseLr (${baseLr}), got ${maxLr}`);
  }
  const up = requirePositiveInteger(where, "stepSizeUp", config.stepSizeUp);
  const down = requirePositiveInteger(where, "stepSizeDown", config.stepSizeDown ?? up);
  const mode = config.mode ?? "triangular";
  if (mode !== "triangular" && mode !== "triangular2" && mode !== "exp_range") {
    throw new RangeError(
      `${where}: mode must be "triangular", "triangular2" or "exp_range", got ${String(mode)}`,
    );
  }
  const gamma = requirePositive(where, "gamma", config.gamma ?? 1);
  requireStep(where, step);

  const totalSize = up + down;
  const stepRatio = up / totalSize;
  const cycle = Math.floor(1 + step / totalSize);
  const x = 1 + step / totalSize - cycle;
  const scale = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
  const height = (maxLr - baseLr) * scale;
  if (mode === "triangular") return baseLr + height;
  if (mode === "triangular2") return baseLr + height * (1 / 2 ** (cycle - 1));
  return baseLr + height * gamma ** step;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: oneCycleLr"
  const where = "oneCycleLr";
  const maxLr = requirePositive(where, "maxLr", config.maxLr);
  const totalSteps = requirePositiveInteger(where, "totalSteps", config.totalSteps);
  const pctStart = config.pctStart ?? 0.3;
  if (typeof pctStart !== "number" || !(pctStart >= 0 && pctStart <= 1)) {
    throw new RangeError(`${where}: pctStart must be a number between 0 and 1, got ${pctStart}`);
  }
  const anneal = config.annealStrategy ?? "cos";
  if (anneal !== "cos" && anneal !== "linear") {
    throw new RangeError(
      `${where}: annealStrategy must be "cos" or "linear", got ${String(anneal)}`,
    );
  }
  const divFactor = requirePositive(where, "divFactor", config.divFactor ?? 25);
  const finalDivFactor = requirePositive(where, "finalDivFactor", config.finalDivFactor ?? 1e4);
  requireStep(where, step);
  if (step > totalSteps) {
    throw new RangeError(`${where}: step must be at most totalSteps (${totalSteps}), got ${step}`);
  }

  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  const phases = config.threePhase
    ? [
      { end: pctStart * totalSteps - 1, from: initialLr, to: maxLr },
      { end: 2 * pctStart * totalSteps - 2, from: maxLr, to: initialLr },
      { end: totalSteps - 1, from: initialLr, to: minLr },
    ]
    : [
      { end: pctStart * totalSteps - 1, from: initialLr, to: maxLr },
      { end: totalSteps - 1, from: maxLr, to: minLr },
    ];

  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    const phase = phases[i];
    if (step <= phase.end || i === phases.length - 1) {
      if (phase.end === start) {
        throw new RangeError(
          `${where}: phase ${i + 1} has zero length with pctStart = ${pctStart} and totalSteps = ` +
            `${totalSteps} (PyTorch divides by zero here); choose another pctStart`,
        );
      }
      const pct = (step - start) / (phase.end - start);
      return anneal === "cos"
        ? phase.to + (phase.from - phase.to) / 2 * (Math.cos(Math.PI * pct) + 1)
        : (phase.to - phase.from) * pct + phase.from;
    }
    start = phase.end;
  }
  throw new Error("unreachable: the last phase always matches");
  // END SOLUTION
}

/**
 * Exercise 5: reduce the learning rate when a validation metric stops improving, PyTorch
 * `ReduceLROnPlateau`. Unlike every other schedule of the lesson this one has no closed form:
 * the rate depends on the metrics seen so far, so it is a small state machine.
 *
 * Two ways to use it: {@link createPlateauScheduler} returns an object you feed one metric per
 * epoch, and {@link reduceOnPlateau} runs a whole list of metrics through one and returns the
 * rate after each.
 *
 * Invalid arguments throw a `RangeError` naming the argument.
 *
 * @module
 */

/** Configuration of the plateau scheduler (PyTorch `ReduceLROnPlateau`, with PyTorch's defaults). */
export interface PlateauConfig {
  /** The learning rate before any reduction. Positive. */
  lr0: number;
  /** `"min"` (default) when smaller is better (a loss), `"max"` when larger is better (an accuracy). */
  mode?: "min" | "max";
  /** Each reduction multiplies the rate by `factor`. In (0, 1), default 0.1. */
  factor?: number;
  /** Bad epochs tolerated before reducing: the rate drops on the `patience + 1`-th. A non-negative integer, default 10. */
  patience?: number;
  /** How much better a metric must be to count as an improvement. Finite and ≥ 0, default 1e-4. */
  threshold?: number;
  /** `"rel"` (default): better than `best · (1 ∓ threshold)`; `"abs"`: better than `best ∓ threshold`. */
  thresholdMode?: "rel" | "abs";
  /** Epochs after a reduction during which bad epochs are not counted. A non-negative integer, default 0. */
  cooldown?: number;
  /** The rate never goes below `minLr`. Finite and ≥ 0, default 0. */
  minLr?: number;
  /** A reduction smaller than `eps` is skipped. Finite and ≥ 0, default 1e-8. */
  eps?: number;
}

/** A running plateau scheduler: call {@link PlateauScheduler.step} once per epoch. */
export interface PlateauScheduler {
  /** Feeds the metric of the epoch that just ended; returns the learning rate for the next epoch. */
  step(metric: number): number;
  /** The current learning rate (`lr0` before the first step). */
  readonly lr: number;
}

// BEGIN SOLUTION
function check(config: PlateauConfig): Required<PlateauConfig> {
  const where = "createPlateauScheduler";
  const finite = (name: string, value: unknown, positive: boolean): number => {
    if (
      typeof value !== "number" || !Number.isFinite(value) || value < 0 || (positive && value === 0)
    ) {
      const what = positive ? "a positive finite number" : "a finite number ≥ 0";
      throw new RangeError(`${where}: ${name} must be ${what}, got ${value}`);
    }
    return value;
  };
  const count = (name: string, value: unknown): number => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${value}`);
    }
    return value;
  };
  const mode = config.mode ?? "min";
  if (mode !== "min" && mode !== "max") {
    throw new RangeError(`${where}: mode must be "min" or "max", got ${String(mode)}`);
  }
  const thresholdMode = config.thresholdMode ?? "rel";
  if (thresholdMode !== "rel" && thresholdMode !== "abs") {
    throw new RangeError(
      `${where}: thresholdMode must be "rel" or "abs", got ${String(thresholdMode)}`,
    );
  }
  const factor = config.factor ?? 0.1;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new RangeError(`${where}: factor must be in (0, 1), got ${factor}`);
  }
  return {
    lr0: finite("lr0", config.lr0, true),
    mode,
    factor,
    patience: count("patience", config.patience ?? 10),
    threshold: finite("threshold", config.threshold ?? 1e-4, false),
    thresholdMode,
    cooldown: count("cooldown", config.cooldown ?? 0),
    minLr: finite("minLr", config.minLr ?? 0, false),
    eps: finite("eps", config.eps ?? 1e-8, false),
  };
}
// END SOLUTION

/**
 * Creates a plateau scheduler that follows PyTorch's `ReduceLROnPlateau.step(metric)` exactly:
 *
 * 1. The metric is an improvement if it beats the best so far by the threshold (`min`/`rel`:
 *    `metric < best · (1 − threshold)`; `min`/`abs`: `metric < best − threshold`; `max` mirrors
 *    them with `1 + threshold` and `+ threshold`). The first metric always improves on the
 *    starting best (+∞ for `min`, −∞ for `max`). An improvement becomes the new best and resets
 *    the count of bad epochs; anything else adds one bad epoch (a NaN metric is a bad epoch).
 * 2. While cooling down, the cooldown counter ticks down by one and bad epochs are forgotten.
 * 3. If there are more than `patience` bad epochs, the rate becomes `max(lr · factor, minLr)`,
 *    unless that changes it by `eps` or less, the cooldown starts (`cooldown` epochs), and the
 *    bad epochs are reset to 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPlateauScheduler } from "./plateau.ts";
 * const scheduler = createPlateauScheduler({ lr0: 0.1, factor: 0.5, patience: 1 });
 * assert.deepEqual([1.0, 0.9, 0.95, 0.93].map((loss) => scheduler.step(loss)), [0.1, 0.1, 0.1, 0.05]);
 * ```
 */
export function createPlateauScheduler(config: PlateauConfig): PlateauScheduler {
  // BEGIN SOLUTION "TODO: createPlateauScheduler"
  const c = check(config);
  let lr = c.lr0;
  let best = c.mode === "min" ? Infinity : -Infinity;
  let badEpochs = 0;
  let cooldownLeft = 0;
  const isBetter = (metric: number): boolean => {
    if (c.mode === "min") {
      return c.thresholdMode === "rel"
        ? metric < best * (1 - c.threshold)
        : metric < best - c.threshold;
    }
    return c.thresholdMode === "rel"
      ? metric > best * (c.threshold + 1)
      : metric > best + c.threshold;
  };
  return {
    get lr() {
      return lr;
    },
    step(metric: number): number {
      if (typeof metric !== "number") {
        throw new RangeError(
          `PlateauScheduler.step: metric must be a number, got ${String(metric)}`,
        );
      }
      if (isBetter(metric)) {
        best = metric;
        badEpochs = 0;
      } else {
        badEpochs += 1;
      }
      if (cooldownLeft > 0) {
        cooldownLeft -= 1;
        badEpochs = 0;
      }
      if (badEpochs > c.patience) {
        const reduced = Math.max(lr * c.factor, c.minLr);
        if (lr - reduced > c.eps) lr = reduced;
        cooldownLeft = c.cooldown;
        badEpochs = 0;
      }
      return lr;
    },
  };
  // END SOLUTION
}

/**
 * Runs `metrics` (one per epoch, in order) through a fresh {@link createPlateauScheduler} and
 * returns the learning rate after each: `result[i]` is the rate PyTorch's optimizer holds after
 * `scheduler.step(metrics[i])`, the rate for epoch `i + 1`. Epoch 0 always trains at `lr0`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reduceOnPlateau } from "./plateau.ts";
 * const losses = [1.0, 0.8, 0.8, 0.8, 0.8];
 * const lrs = reduceOnPlateau({ lr0: 0.1, patience: 2 }, losses);
 * assert.deepEqual(lrs.slice(0, 4), [0.1, 0.1, 0.1, 0.1]);
 * assert.ok(Math.abs(lrs[4] - 0.01) < 1e-15);
 * ```
 */
export function reduceOnPlateau(config: PlateauConfig, metrics: readonly number[]): number[] {
  // BEGIN SOLUTION "TODO: reduceOnPlateau"
  const scheduler = createPlateauScheduler(config);
  if (!Array.isArray(metrics)) {
    throw new RangeError(
      `reduceOnPlateau: metrics must be an array of numbers, got ${String(metrics)}`,
    );
  }
  return metrics.map((metric) => scheduler.step(metric));
  // END SOLUTION
}

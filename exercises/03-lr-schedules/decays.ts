// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: the decays. Five schedules that only ever go down (or stay put), each a closed
 * form `(config, epoch) => lr`: constant, time-based (inverse-time) decay, step decay with a
 * start epoch, exponential decay (Keras, continuous or staircase) and natural exponential decay.
 *
 * Conventions, the same in every function of this file:
 *
 * - `epoch` (or `step`) counts from **0**: the value at 0 is the learning rate of the very
 *   first epoch, before any decay. This is what PyTorch's schedulers do (`last_epoch` is 0 after
 *   the scheduler is built) and what Keras schedules do (the optimizer's step counter starts at 0).
 * - `epoch` may be fractional (`epoch + batch / batchesPerEpoch`) for a per-step schedule; it
 *   must be finite and ≥ 0.
 * - Invalid arguments throw a `RangeError` whose message names the argument, e.g.
 *   `"stepDecay: stepSize must be a positive integer, got 0"`.
 *
 * @module
 */

/** Configuration of {@link constantLr}. */
export interface ConstantConfig {
  /** The learning rate, used at every epoch. Positive. */
  lr0: number;
}

/** Configuration of {@link timeBasedDecay}. */
export interface TimeBasedDecayConfig {
  /** Learning rate at epoch 0. Positive. */
  lr0: number;
  /** Decay constant `k` in `lr0 / (1 + k · epoch)`. Finite and ≥ 0. */
  decay: number;
}

/** Configuration of {@link stepDecay}. */
export interface StepDecayConfig {
  /** Learning rate before the first drop. Positive. */
  lr0: number;
  /** Factor applied at every drop, e.g. 0.5 to halve. Positive. */
  gamma: number;
  /** Epochs between two drops. A positive integer. */
  stepSize: number;
  /** First epoch of the decaying part; before it the rate stays `lr0`. A non-negative integer, default 0. */
  startEpoch?: number;
}

/** Configuration of {@link exponentialDecay} (Keras `ExponentialDecay`). */
export interface ExponentialDecayConfig {
  /** Learning rate at step 0 (Keras `initial_learning_rate`). Positive. */
  lr0: number;
  /** Factor applied over every `decaySteps` steps (Keras `decay_rate`). Positive. */
  decayRate: number;
  /** Steps over which the rate is multiplied by `decayRate` once (Keras `decay_steps`). A positive integer. */
  decaySteps: number;
  /** When true, `step / decaySteps` is floored, so the rate drops in stairs. Default false. */
  staircase?: boolean;
}

/** Configuration of {@link naturalExpDecay}. */
export interface NaturalExpDecayConfig {
  /** Learning rate at epoch 0. Positive. */
  lr0: number;
  /** Decay constant `k` in `lr0 · e^(−k · epoch)`. Finite and ≥ 0. */
  k: number;
}

/**
 * The constant schedule: `lr0` at every epoch. The baseline every other schedule is compared
 * with (PyTorch: no scheduler at all).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constantLr } from "./decays.ts";
 * assert.equal(constantLr({ lr0: 0.01 }, 42), 0.01);
 * ```
 */
export function constantLr(config: ConstantConfig, epoch: number): number {
  throw new Error("TODO: constantLr");
}

/**
 * Time-based (inverse-time) decay, closed form: `lr0 / (1 + decay · epoch)`, epochs from 0.
 *
 * This is Keras `InverseTimeDecay(lr0, decay_steps=1, decay_rate=decay)` without staircase, and
 * the rule behind the old Keras optimizers' `decay` argument. It is a closed form of the epoch,
 * *not* the recursion `lr ← lr / (1 + decay · epoch)`, which shrinks far faster (see the lesson).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timeBasedDecay } from "./decays.ts";
 * assert.ok(Math.abs(timeBasedDecay({ lr0: 0.001, decay: 0.1 }, 20) - 0.001 / 3) < 1e-18);
 * ```
 */
export function timeBasedDecay(config: TimeBasedDecayConfig, epoch: number): number {
  throw new Error("TODO: timeBasedDecay");
}

/**
 * Step decay with a start epoch, epochs counted from 0:
 * `lr0 · gamma^floor(max(0, epoch − startEpoch) / stepSize)`.
 *
 * With `startEpoch = 0` this is exactly PyTorch's `StepLR(step_size=stepSize, gamma=gamma)`
 * (closed form `base_lr · gamma ** (last_epoch // step_size)`): the first drop happens at epoch
 * `stepSize`, not at `stepSize − 1`. With a start epoch, the clock of `StepLR` simply starts at
 * `startEpoch`, as when PyTorch's `SequentialLR` hands over to a `StepLR` at that milestone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepDecay } from "./decays.ts";
 * const halving = { lr0: 0.001, gamma: 0.5, stepSize: 20 };
 * assert.equal(stepDecay(halving, 99), 0.0000625); // four drops: at epochs 20, 40, 60, 80
 * assert.equal(stepDecay(halving, 100), 0.00003125); // the fifth drop
 * ```
 */
export function stepDecay(config: StepDecayConfig, epoch: number): number {
  throw new Error("TODO: stepDecay");
}

/**
 * Exponential decay as Keras defines it (`keras.optimizers.schedules.ExponentialDecay`, and
 * optax's `exponential_decay` with `transition_steps = decaySteps`):
 * `lr0 · decayRate^(step / decaySteps)`, or with `staircase`, `lr0 · decayRate^floor(step / decaySteps)`.
 * Steps count from 0.
 *
 * PyTorch's `ExponentialLR(gamma)` is the special case `decaySteps = 1`: `lr0 · gamma^epoch`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialDecay } from "./decays.ts";
 * const config = { lr0: 0.1, decayRate: 0.5, decaySteps: 10 };
 * assert.ok(Math.abs(exponentialDecay(config, 15) - 0.1 * 0.5 ** 1.5) < 1e-15); // ≈ 0.0354
 * assert.equal(exponentialDecay({ ...config, staircase: true }, 15), 0.05);
 * ```
 */
export function exponentialDecay(config: ExponentialDecayConfig, step: number): number {
  throw new Error("TODO: exponentialDecay");
}

/**
 * Natural exponential decay, closed form `lr0 · e^(−k · epoch)`, epochs from 0 (TensorFlow 1's
 * `natural_exp_decay` with `decay_steps = 1`). The same curve as {@link exponentialDecay} with
 * `decayRate = e^(−k)` and `decaySteps = 1`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { naturalExpDecay } from "./decays.ts";
 * assert.ok(Math.abs(naturalExpDecay({ lr0: 0.1, k: 0.1 }, 10) - 0.1 / Math.E) < 1e-15); // ≈ 0.0368
 * ```
 */
export function naturalExpDecay(config: NaturalExpDecayConfig, epoch: number): number {
  throw new Error("TODO: naturalExpDecay");
}

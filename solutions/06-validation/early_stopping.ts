/**
 * Early stopping with the semantics of Keras's `keras.callbacks.EarlyStopping` (Keras 3):
 * `patience`, `min_delta`, `mode`, an optional `baseline`, and a training loop that restores the
 * best weights at the end (`restore_best_weights=True`).
 *
 * @module
 */

/** Options of {@link earlyStopping}, named after Keras's arguments. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement to tolerate before stopping (Keras `patience`), an integer ≥ 0. */
  patience: number;
  /** The least change that counts as an improvement (Keras `min_delta`; its sign is ignored). Default 0. */
  minDelta?: number;
  /** "min" for a loss (lower is better, the default), "max" for an accuracy (Keras `mode`). */
  mode?: "min" | "max";
  /** When given, an epoch resets the patience only if it also improves on this value (Keras `baseline`). */
  baseline?: number;
}

/** What {@link EarlyStopping.update} decided about one epoch. */
export interface EpochDecision {
  /** The value improved on the best so far: it is the new best. */
  improved: boolean;
  /** Training should stop now. */
  stop: boolean;
}

/** An early-stopping monitor: feed it the monitored value after every epoch. */
export interface EarlyStopping {
  /** Records the value of the next epoch (epochs counted from 0) and decides. */
  update(value: number): EpochDecision;
  /** The best value so far: `Infinity` ("min") or `-Infinity` ("max") before any improvement. */
  readonly best: number;
  /** The epoch of the best value, -1 before any improvement. */
  readonly bestEpoch: number;
  /** Epochs since the patience was last reset (Keras `wait`). */
  readonly wait: number;
}

/**
 * Creates an early-stopping monitor with Keras 3's rules. With Δ = |minDelta|, epoch e's value v
 * is an **improvement** when `v + Δ < best` ("min") or `v − Δ > best` ("max"): strictly, so an
 * equal value (a tie) is not one, and a NaN never is. At each epoch:
 *
 * 1. `wait += 1`.
 * 2. If v improves on `best`: `best = v`, `bestEpoch = e`; `wait = 0` unless a `baseline` is
 *    given and v does not improve on it too; return `{ improved: true, stop: false }`.
 * 3. Otherwise stop when `wait ≥ patience` and `e > 0`.
 *
 * So with patience p, training stops at the p-th epoch in a row without improvement (at the
 * first such epoch when p = 0), and `best` starts at ±Infinity so any finite first value
 * improves on it.
 *
 * Throws a `RangeError` when `patience` is not an integer ≥ 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { earlyStopping } from "./early_stopping.ts";
 * const monitor = earlyStopping({ patience: 2 });
 * const stops = [0.9, 0.7, 0.8, 0.7].map((loss) => monitor.update(loss).stop);
 * assert.deepEqual(stops, [false, false, false, true]); // 0.7 again is a tie, not an improvement
 * assert.equal(monitor.bestEpoch, 1);
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions): EarlyStopping {
  // BEGIN SOLUTION "TODO: earlyStopping (lesson 06, 'Early stopping')"
  const { patience, mode = "min", baseline } = options;
  if (!(Number.isInteger(patience) && patience >= 0)) {
    throw new RangeError(`patience must be an integer ≥ 0, got ${patience}`);
  }
  const delta = Math.abs(options.minDelta ?? 0);
  const improves = (value: number, reference: number) =>
    mode === "min" ? value + delta < reference : value - delta > reference;
  let best = mode === "min" ? Infinity : -Infinity;
  let bestEpoch = -1, wait = 0, epoch = -1;
  return {
    update(value: number): EpochDecision {
      epoch++;
      wait++;
      if (improves(value, best)) {
        best = value;
        bestEpoch = epoch;
        if (baseline === undefined || improves(value, baseline)) wait = 0;
        return { improved: true, stop: false };
      }
      return { improved: false, stop: wait >= patience && epoch > 0 };
    },
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    get wait() {
      return wait;
    },
  };
  // END SOLUTION
}

/** What {@link fitWithEarlyStopping} trains: one epoch at a time, with weights it can save and restore. */
export interface EpochTrainer {
  /** Trains epoch `epoch` (from 0) and returns the monitored value, e.g. the validation loss. */
  trainEpoch(epoch: number): number;
  /** The model's live weights (not a copy: training keeps changing this array). */
  weights(): Float64Array;
  /** Overwrites the model's weights with `weights`. */
  setWeights(weights: Float64Array): void;
}

/** The outcome of {@link fitWithEarlyStopping}. */
export interface EarlyStoppingRun {
  /** The monitored value of every epoch trained. */
  values: number[];
  /** The epoch whose weights the model holds at the end. */
  bestEpoch: number;
  /** The monitored value at `bestEpoch`. */
  best: number;
  /** The epoch at which the monitor stopped training, -1 when all `maxEpochs` ran. */
  stoppedEpoch: number;
}

/**
 * Trains for at most `maxEpochs` epochs under an {@link earlyStopping} monitor and restores the
 * best weights at the end, as Keras's `EarlyStopping(restore_best_weights=True)` does:
 *
 * - after each epoch, if no weights are saved yet or the monitor reports an improvement, save a
 *   **copy** of the weights and that epoch as the best (so a run whose values are all NaN keeps
 *   its first epoch);
 * - stop after the epoch for which the monitor says stop, or after `maxEpochs` epochs;
 * - then `setWeights(saved copy)`, whether training stopped early or not.
 *
 * `bestEpoch` and `best` describe the restored weights.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitWithEarlyStopping } from "./early_stopping.ts";
 * const losses = [1.0, 0.6, 0.5, 0.55, 0.52, 0.58, 0.4];
 * const w = new Float64Array(1);
 * const run = fitWithEarlyStopping({
 *   trainEpoch: (epoch) => { w[0] = epoch; return losses[epoch]; },
 *   weights: () => w,
 *   setWeights: (saved) => w.set(saved),
 * }, 7, { patience: 3 });
 * assert.deepEqual([run.bestEpoch, run.stoppedEpoch, w[0]], [2, 5, 2]); // epoch 2's weights restored
 * ```
 */
export function fitWithEarlyStopping(
  trainer: EpochTrainer,
  maxEpochs: number,
  options: EarlyStoppingOptions,
): EarlyStoppingRun {
  // BEGIN SOLUTION "TODO: fitWithEarlyStopping (lesson 06, 'Early stopping')"
  const monitor = earlyStopping(options);
  const values: number[] = [];
  let saved: Float64Array | null = null;
  let bestEpoch = -1, stoppedEpoch = -1;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    const value = trainer.trainEpoch(epoch);
    values.push(value);
    const decision = monitor.update(value);
    if (saved === null || decision.improved) {
      saved = trainer.weights().slice();
      bestEpoch = epoch;
    }
    if (decision.stop) {
      stoppedEpoch = epoch;
      break;
    }
  }
  if (saved !== null) trainer.setWeights(saved);
  return { values, bestEpoch, best: bestEpoch < 0 ? NaN : values[bestEpoch], stoppedEpoch };
  // END SOLUTION
}

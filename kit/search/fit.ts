/**
 * A search trial as lesson 06 teaches it: trained one epoch at a time (epoch e's shuffles and
 * dropout from `SEED/epoch/e`, as the capstone lab), the validation loss and accuracy measured
 * after every epoch (the training curves), optionally stopped early with the best epoch's
 * weights restored (the learner's `fitWithEarlyStopping`, Keras semantics), and with
 * cross-validation the mean over the folds of the prepared data.
 *
 * @module
 */

import { adam, createMlp, type Examples, type Mlp, sgd, train } from "../engine/mod.ts";
import {
  type EpochCurve,
  measure,
  type PreparedData,
  type TrialResult,
  type TrialSettings,
} from "./trial.ts";

/** Lesson 06's `fitWithEarlyStopping`, as the learner wrote it. */
export type FitWithEarlyStopping = (
  trainer: {
    trainEpoch(epoch: number): number;
    weights(): Float64Array;
    setWeights(weights: Float64Array): void;
  },
  maxEpochs: number,
  options: { patience: number },
) => { bestEpoch: number; stoppedEpoch: number };

/** How a trial stops: after every epoch, or early with `fit` and `patience`. */
export interface Stopping {
  /** Epochs without a lower validation loss before stopping; none: train every epoch. */
  patience?: number;
  /** The early-stopping loop (needed with `patience`). */
  fit?: FitWithEarlyStopping;
  /**
   * The median stopping rule's thresholds (lesson 10, `median.ts`): stop after epoch e (from 0)
   * when the best validation accuracy so far is below `stopBelow[e]` (-Infinity: never).
   */
  stopBelow?: readonly number[];
  /**
   * Continue from a checkpoint (PBT): start from `weights` (a fresh optimizer: SGD without
   * momentum keeps no other state), its epochs numbered from `epoch` for their seeds, so that a
   * continued run trains as the uninterrupted one would.
   */
  from?: { weights: readonly number[]; epoch: number };
  /** Return the trained weights in the result (`TrialResult.weights`). */
  returnWeights?: boolean;
}

/** One training run on one pair of training and validation rows. */
interface FoldRun {
  net: Mlp;
  curve: EpochCurve[];
  bestEpoch: number;
  stoppedEpoch: number;
  validation: { accuracy: number; loss: number };
}

/**
 * Trains a fresh MLP on `train`, measuring `validation` after each epoch, stopping early when
 * `stopping.patience` is set (the monitored value is the validation loss, as Keras's default).
 * A diverged run (a non-finite training loss) stops at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitOnce } from "./fit.ts";
 * import { loadPrepared, trialSettings } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * const run = fitOnce(iris.train, iris.validation, iris, trialSettings({ epochs: 3 }), 7, {});
 * assert.equal(run.curve.length, 3); // no patience: every epoch trains
 * assert.ok(run.validation.accuracy >= 0 && run.validation.accuracy <= 1);
 * ```
 */
export function fitOnce(
  trainRows: Examples,
  validationRows: Examples,
  data: PreparedData,
  settings: TrialSettings,
  seed: number,
  stopping: Stopping,
): FoldRun {
  const net = createMlp({
    sizes: [data.inputs, settings.hidden, data.classes],
    activation: settings.activation as "relu",
    init: settings.activation === "relu" ? "he" : "xavier",
    seed: `${seed}/init`,
  });
  if (stopping.from) {
    if (stopping.from.weights.length !== net.params.length) {
      throw new Error(
        `a checkpoint of ${stopping.from.weights.length} weights cannot start a network of ` +
          `${net.params.length}`,
      );
    }
    net.params.set(stopping.from.weights);
  }
  const offset = stopping.from?.epoch ?? 0;
  const optimizer = settings.optimizer === "adam"
    ? adam({ lr: settings.lr })
    : sgd({ lr: settings.lr, momentum: settings.momentum });
  const curve: EpochCurve[] = [];
  const trainEpoch = (epoch: number) => {
    const history = train(net, trainRows, {
      epochs: 1,
      batchSize: settings.batchSize,
      optimizer,
      l2: settings.l2,
      dropout: settings.dropout,
      seed: `${seed}/epoch/${offset + epoch}`,
    });
    const measured = measure(net, validationRows);
    curve.push({
      trainLoss: history.loss[0],
      validationLoss: measured.loss,
      validationAccuracy: measured.accuracy,
    });
    return Number.isFinite(history.loss[0]) ? measured.loss : NaN;
  };
  let bestEpoch = settings.epochs - 1, stoppedEpoch = -1;
  if (stopping.patience !== undefined && stopping.fit) {
    const run = stopping.fit(
      {
        trainEpoch,
        weights: () => net.params,
        setWeights: (weights) => net.params.set(weights),
      },
      settings.epochs,
      { patience: stopping.patience },
    );
    bestEpoch = run.bestEpoch;
    stoppedEpoch = run.stoppedEpoch;
  } else {
    let best = -Infinity;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const diverged = Number.isNaN(trainEpoch(epoch));
      best = Math.max(best, curve[epoch].validationAccuracy);
      // The median rule keeps the weights it stopped with (it restores no best epoch).
      if (diverged || best < (stopping.stopBelow?.[epoch] ?? -Infinity)) {
        bestEpoch = stoppedEpoch = epoch;
        break;
      }
    }
  }
  return { net, curve, bestEpoch, stoppedEpoch, validation: measure(net, validationRows) };
}

/**
 * A search trial: with `data.folds`, one run per fold and the mean score (its spread in
 * `scoreSd`); else one run on the training rows, measured on the validation rows. The network
 * that comes back is the one trained on the training rows (cross-validated trials train it only
 * when `withNet` asks, for the winner's test score).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainSearchTrial } from "./fit.ts";
 * import { loadPrepared, trialSettings } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * const { result, net } = trainSearchTrial(iris, trialSettings({ epochs: 3 }), 7, {});
 * assert.equal(result.curves?.length, 1); // one validation set: one curve
 * assert.equal(result.curves![0].length, 3);
 * assert.ok(net !== undefined);
 * ```
 */
export function trainSearchTrial(
  data: PreparedData,
  settings: TrialSettings,
  seed: number,
  stopping: Stopping,
  withNet = true,
): { result: TrialResult; net?: Mlp } {
  const pairs = data.folds ?? [{ train: data.train, validation: data.validation }];
  const runs = pairs.map((pair) =>
    fitOnce(pair.train, pair.validation, data, settings, seed, stopping)
  );
  const scores = runs.map((r) => r.validation.accuracy);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const score = mean(scores);
  const loss = mean(runs.map((r) => r.validation.loss));
  const trained = runs.reduce((n, r) => n + r.curve.length, 0);
  const diverged = runs.some((r) =>
    !r.curve.every((e) => Number.isFinite(e.trainLoss)) || !Number.isFinite(r.validation.loss)
  );
  const result: TrialResult = {
    score,
    loss,
    trainLoss: runs[0].curve[runs[0].curve.length - 1].trainLoss,
    cost: Math.round(trained / runs.length) * runs[0].net.params.length,
    status: diverged ? "diverged" : "ok",
    ...(data.folds
      ? { folds: runs.length, scoreSd: Math.sqrt(mean(scores.map((s) => (s - score) ** 2))) }
      : {}),
    bestEpoch: Math.round(mean(runs.map((r) => r.bestEpoch))),
    stoppedEpoch: Math.max(...runs.map((r) => r.stoppedEpoch)),
    curves: runs.map((r) => r.curve),
    ...(stopping.returnWeights ? { weights: Array.from(runs[0].net.params) } : {}),
  };
  if (!data.folds) return { result, net: runs[0].net };
  if (!withNet) return { result };
  return { result, net: fitOnce(data.train, data.validation, data, settings, seed, stopping).net };
}

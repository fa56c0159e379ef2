/**
 * Lesson 05's sanity checks before training: the loss at initialisation against ln C, and
 * overfitting one small batch.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, formatPercent } from "../format.ts";
import { digitsSplit } from "../datasets.ts";
import { SEED } from "./shared.ts";
import {
  accuracy,
  createMlp,
  lossAndGradient,
} from "../../../solutions/05-mlp-from-scratch/mlp.ts";
import { type Examples, train } from "../../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../../solutions/04-optimizers/optimizers.ts";

/** The digits network at initialisation: its mean loss on the training rows, against ln C. */
function initialLoss() {
  const data = digitsSplit(SEED);
  const net = createMlp({ sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED });
  const t = data.train;
  return { loss: lossAndGradient(net, t.features, t.labels, t.rows, {}), lnC: Math.log(10) };
}

const TINY_ROWS = 20;
const TINY_EPOCHS = 100;

/** Overfitting one small batch: the first 20 training rows, full batch, until memorised. */
function tinyBatch() {
  const data = digitsSplit(SEED);
  const t = data.train;
  const tiny: Examples = {
    features: t.features.slice(0, TINY_ROWS * 64),
    labels: Array.from(t.labels).slice(0, TINY_ROWS),
    rows: TINY_ROWS,
  };
  const net = createMlp({ sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED });
  const history = train(net, tiny, {
    epochs: TINY_EPOCHS,
    batchSize: TINY_ROWS,
    optimizer: sgd({ lr: 0.05, momentum: 0.9 }),
    seed: SEED,
  });
  const last = history.loss[history.loss.length - 1];
  return {
    last,
    accuracy: accuracy(net, tiny.features, tiny.labels, tiny.rows),
    under: history.loss.findIndex((l) => l < 0.01),
  };
}

/** The sanity checks' quoted numbers. */
export const sanity: LessonContent = {
  values: {
    "initial-loss": () => formatNumber(initialLoss().loss, { digits: 4 }),
    "ln-classes": () => formatNumber(initialLoss().lnC, { digits: 4 }),
    "tiny-rows": () => String(TINY_ROWS),
    "tiny-epochs": () => String(TINY_EPOCHS),
    "tiny-under": () => String(tinyBatch().under + 1),
    "tiny-loss": () => formatNumber(tinyBatch().last, { digits: 2 }),
    "tiny-accuracy": () => formatPercent(tinyBatch().accuracy),
  },
};

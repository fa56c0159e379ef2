/**
 * One trial of a search: train the lesson-05 MLP (through `kit/engine`) with one configuration
 * on a prepared dataset, and measure it on the validation rows. Used by `deno task search`'s
 * workers and by the generators of lessons 07 and later, so that the lesson's experiments and
 * the command line measure the same thing.
 *
 * @module
 */

import { adam, createMlp, lossAndGradient, type Mlp, predict, sgd, train } from "../engine/mod.ts";
import type { Examples } from "../engine/mod.ts";
import { type Dataset, dataUrl, parseDataset } from "../lib/csv.ts";
import { seededRandom, shuffle } from "../lib/random.ts";

/** The datasets shipped in `data/`, by the name the command line takes. */
export const DATASETS: readonly string[] = ["digits", "iris", "wine", "breast_cancer"];

/** A dataset split into training, validation and test rows, scaled, ready to train on. */
export interface PreparedData {
  /** The dataset's name, e.g. `"digits"`. */
  name: string;
  /** Features per row. */
  inputs: number;
  /** Number of classes. */
  classes: number;
  /** 60 % of the rows: what the network learns from. */
  train: Examples;
  /** 20 %: what configurations are compared on. */
  validation: Examples;
  /** 20 %: touched once, for the winner's final score. */
  test: Examples;
  /**
   * k-fold cross-validation over the training + validation rows (`deno task search --cv K`),
   * each fold scaled on its own training rows; when present, a search trial's score is the mean
   * over the folds.
   */
  folds?: { train: Examples; validation: Examples }[];
}

/**
 * Splits `dataset` 60/20/20 by a permutation of its rows drawn from `seededRandom(splitSeed)`
 * (a plain, unstratified split) and scales the features: digits' pixels (0–16) are divided by
 * 16; other datasets are standardised with the mean and deviation of the **training** rows only,
 * so nothing about the validation or test rows leaks into training.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepareData } from "./trial.ts";
 * import { parseDataset } from "../lib/csv.ts";
 * const d = parseDataset("a,label\n1,0\n2,1\n3,0\n4,1\n5,0\n", "tiny.csv");
 * const p = prepareData(d, "tiny", 0);
 * assert.deepEqual([p.train.rows, p.validation.rows, p.test.rows], [3, 1, 1]);
 * ```
 */
export function prepareData(dataset: Dataset, name: string, splitSeed = 0): PreparedData {
  const { rows } = dataset;
  const order = shuffle(Array.from({ length: rows }, (_, i) => i), seededRandom(splitSeed));
  const nTrain = Math.round(0.6 * rows);
  const nValidation = Math.round(0.2 * rows);
  const [train, validation, test] = prepareParts(dataset, name, [
    order.slice(0, nTrain),
    order.slice(nTrain, nTrain + nValidation),
    order.slice(nTrain + nValidation),
  ]);
  return { name, inputs: dataset.cols, classes: dataset.classCount, train, validation, test };
}

/**
 * The rows of `dataset` listed in each part, as examples, scaled as {@link prepareData} says:
 * digits' pixels divided by 16, other datasets standardised with the mean and deviation of the
 * **first** part's rows only (the rows a network learns from).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepareParts } from "./trial.ts";
 * import { parseDataset } from "../lib/csv.ts";
 * const d = parseDataset("a,label\n1,0\n3,1\n5,0\n", "tiny.csv");
 * const [train, other] = prepareParts(d, "tiny", [[0, 1], [2]]);
 * assert.deepEqual([...train.features, ...other.features], [-1, 1, 3]);
 * ```
 */
export function prepareParts(
  dataset: Dataset,
  name: string,
  partRows: readonly (readonly number[])[],
): Examples[] {
  const { cols } = dataset;
  const pick = (part: readonly number[]): Examples => {
    const features = new Float64Array(part.length * cols);
    part.forEach((r, i) =>
      features.set(dataset.features.subarray(r * cols, (r + 1) * cols), i * cols)
    );
    return { features, labels: Int32Array.from(part, (r) => dataset.labels[r]), rows: part.length };
  };
  const parts = partRows.map(pick);
  if (name === "digits") {
    for (const p of parts) p.features.forEach((v, i) => p.features[i] = v / 16);
  } else {
    // Mean and deviation of each column over the training rows alone.
    const t = parts[0];
    const mean = new Float64Array(cols), sd = new Float64Array(cols);
    for (let i = 0; i < t.rows; i++) {
      for (let j = 0; j < cols; j++) mean[j] += t.features[i * cols + j] / t.rows;
    }
    for (let i = 0; i < t.rows; i++) {
      for (let j = 0; j < cols; j++) sd[j] += (t.features[i * cols + j] - mean[j]) ** 2 / t.rows;
    }
    for (const p of parts) {
      p.features.forEach((v, i) => {
        const j = i % cols;
        p.features[i] = sd[j] > 0 ? (v - mean[j]) / Math.sqrt(sd[j]) : 0;
      });
    }
  }
  return parts;
}

/**
 * Reads `data/NAME.csv` and prepares it with {@link prepareData}.
 *
 * Throws an `Error` listing the datasets when `name` is not one of {@link DATASETS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadPrepared } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * assert.equal(iris.train.rows + iris.validation.rows + iris.test.rows, 150);
 * assert.equal(iris.classes, 3);
 * await assert.rejects(loadPrepared("mnist"), /unknown dataset "mnist"/);
 * ```
 */
export async function loadPrepared(name: string, splitSeed = 0): Promise<PreparedData> {
  if (!DATASETS.includes(name)) {
    throw new Error(`unknown dataset "${name}": choose one of ${DATASETS.join(", ")}`);
  }
  const file = `${name}.csv`;
  const dataset = parseDataset(await Deno.readTextFile(dataUrl(file)), `data/${file}`);
  return prepareData(dataset, name, splitSeed);
}

/** Everything a trial can set; a configuration names some of these, the rest keep defaults. */
export interface TrialSettings {
  /** Learning rate. */
  lr: number;
  /** Coupled L2 penalty λ. */
  l2: number;
  /** SGD momentum (ignored by Adam). */
  momentum: number;
  /** Units of the one hidden layer. */
  hidden: number;
  /** Mini-batch size. */
  batchSize: number;
  /** Passes over the training rows. */
  epochs: number;
  /** `"sgd"` (with momentum) or `"adam"`. */
  optimizer: string;
  /** Dropout probability of the hidden layer. */
  dropout: number;
  /** Activation of the hidden layer: `"relu"`, `"tanh"` or `"sigmoid"`. */
  activation: string;
}

/** The settings a trial uses for what its configuration leaves out. */
export const DEFAULT_SETTINGS: Readonly<TrialSettings> = Object.freeze({
  lr: 0.05,
  l2: 0,
  momentum: 0.9,
  hidden: 32,
  batchSize: 32,
  epochs: 10,
  optimizer: "sgd",
  dropout: 0,
  activation: "relu",
});

/**
 * Fills a configuration's gaps from `defaults`, checking each value's type.
 *
 * Throws an `Error` naming the key when a key is not a {@link TrialSettings} field or its value
 * has the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, trialSettings } from "./trial.ts";
 * assert.equal(trialSettings({ lr: 0.1 }, DEFAULT_SETTINGS).hidden, 32);
 * ```
 */
export function trialSettings(
  config: Readonly<Record<string, unknown>>,
  defaults: Readonly<TrialSettings> = DEFAULT_SETTINGS,
): TrialSettings {
  const settings = { ...defaults };
  for (const [key, value] of Object.entries(config)) {
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(
        `unknown hyperparameter "${key}": the MLP trial knows ${Object.keys(defaults).join(", ")}`,
      );
    }
    const wanted = defaults[key as keyof TrialSettings];
    if (typeof value !== typeof wanted) {
      throw new Error(
        `hyperparameter "${key}" must be a ${typeof wanted}, got ${JSON.stringify(value)}`,
      );
    }
    (settings as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** What one trial measured on the validation rows. */
export interface TrialResult {
  /** Validation accuracy (higher is better). */
  score: number;
  /** Mean validation cross-entropy (lower is better; not finite when the run diverged). */
  loss: number;
  /** Mean training loss of the last epoch. */
  trainLoss: number;
  /** Epochs × parameters: the tie rule's last criterion before the id. */
  cost: number;
  /** `"diverged"` when a training or the validation loss is not finite, else `"ok"`. */
  status: "ok" | "diverged";
  /** With cross-validation: the folds' scores' standard deviation, and their number. */
  scoreSd?: number;
  /** Folds the score is the mean of (1 without cross-validation). */
  folds?: number;
  /** The epoch (from 0) whose weights were measured; the mean over folds, rounded. */
  bestEpoch?: number;
  /** The epoch early stopping stopped at, -1 when every epoch ran; the last over folds. */
  stoppedEpoch?: number;
  /** Per fold, per epoch: training loss, validation loss and validation accuracy. */
  curves?: EpochCurve[][];
  /** The trained network's weights, when the plan asked for them (PBT's checkpoints). */
  weights?: number[];
}

/** One epoch of one trial (one fold): what the training curves plot. */
export interface EpochCurve {
  /** Mean training loss of the epoch. */
  trainLoss: number;
  /** Validation loss after the epoch. */
  validationLoss: number;
  /** Validation accuracy after the epoch. */
  validationAccuracy: number;
}

/**
 * Accuracy and mean cross-entropy of `net` on `data` (lesson 08's experiments measure with it
 * too).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadPrepared, measure, trainTrial, trialSettings } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * const { net } = trainTrial(iris, trialSettings({ epochs: 2 }), 1);
 * const { accuracy, loss } = measure(net, iris.validation);
 * assert.ok(accuracy >= 0 && accuracy <= 1);
 * assert.ok(loss > 0);
 * ```
 */
export function measure(net: Mlp, data: Examples): { accuracy: number; loss: number } {
  const predicted = predict(net, data.features, data.rows);
  let right = 0;
  for (let i = 0; i < data.rows; i++) if (predicted[i] === data.labels[i]) right++;
  return {
    accuracy: right / data.rows,
    loss: lossAndGradient(net, data.features, data.labels, data.rows, {}),
  };
}

/**
 * Trains a fresh MLP (one hidden layer) with `settings` on `data.train`, from `seed` (the
 * initial weights, the shuffles and the dropout masks), and measures it on the validation rows.
 * The trained network comes back too, so that the winner's test score can be measured once, at
 * the end, without training it again.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadPrepared, trainTrial, trialSettings } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * const settings = trialSettings({ lr: 0.1, epochs: 3 });
 * const { result } = trainTrial(iris, settings, 1);
 * assert.equal(result.status, "ok");
 * // The same seed trains the same network, whichever worker runs it.
 * assert.deepEqual(trainTrial(iris, settings, 1).result, result);
 * ```
 */
export function trainTrial(
  data: PreparedData,
  settings: TrialSettings,
  seed: number,
): { result: TrialResult; net: Mlp } {
  const net = createMlp({
    sizes: [data.inputs, settings.hidden, data.classes],
    activation: settings.activation as "relu",
    init: settings.activation === "relu" ? "he" : "xavier",
    seed,
  });
  const optimizer = settings.optimizer === "adam"
    ? adam({ lr: settings.lr })
    : sgd({ lr: settings.lr, momentum: settings.momentum });
  const history = train(net, data.train, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    optimizer,
    l2: settings.l2,
    dropout: settings.dropout,
    seed,
  });
  const validation = measure(net, data.validation);
  const diverged = !history.loss.every(Number.isFinite) || !Number.isFinite(validation.loss);
  const result: TrialResult = {
    score: validation.accuracy,
    loss: validation.loss,
    trainLoss: history.loss[history.loss.length - 1],
    cost: settings.epochs * net.params.length,
    status: diverged ? "diverged" : "ok",
  };
  return { result, net };
}

/**
 * The accuracy of a trained network on the test rows: the winner's one final score.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadPrepared, measure, testAccuracy, trainTrial, trialSettings } from "./trial.ts";
 * const iris = await loadPrepared("iris");
 * const { net } = trainTrial(iris, trialSettings({ epochs: 2 }), 1);
 * assert.equal(testAccuracy(net, iris), measure(net, iris.test).accuracy);
 * ```
 */
export function testAccuracy(net: Mlp, data: PreparedData): number {
  return measure(net, data.test).accuracy;
}

/**
 * The training seed of trial `id` of a search started with `searchSeed`: a function of both
 * only, so a trial trains the same way whichever worker runs it and whenever it runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trialSeed } from "./trial.ts";
 * assert.equal(trialSeed(7, 3), trialSeed(7, 3));
 * assert.notEqual(trialSeed(7, 3), trialSeed(7, 4));
 * ```
 */
export function trialSeed(searchSeed: number | string, id: number): number {
  return Math.floor(seededRandom(`trial/${searchSeed}/${id}`)() * 2 ** 31);
}

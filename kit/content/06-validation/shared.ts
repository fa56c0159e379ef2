/**
 * What lesson 06's experiments share: the datasets, rows picked by index, and a network trained
 * one epoch at a time through `kit/engine` with its random streams derived from one seed.
 *
 * @module
 */

import { type Dataset, dataUrl, parseDataset } from "../../lib/csv.ts";
import {
  accuracy,
  createMlp,
  type Examples,
  lossAndGradient,
  type Mlp,
  type MlpConfig,
  type Optimizer,
  sgd,
  train,
} from "../../engine/mod.ts";
import { streamSeed } from "../../../solutions/06-validation/streams.ts";
import type { Split } from "../../../solutions/06-validation/split.ts";
import type { EpochTrainer } from "../../../solutions/06-validation/early_stopping.ts";

const loaded = new Map<string, Dataset>();

/**
 * A dataset of `data/`, parsed once; digits' pixels (0–16) are divided by 16, as in lesson 05.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dataset } from "./shared.ts";
 * assert.equal(dataset("iris").rows, 150);
 * ```
 */
export function dataset(name: "iris" | "digits" | "wine" | "breast_cancer"): Dataset {
  let d = loaded.get(name);
  if (!d) {
    d = parseDataset(Deno.readTextFileSync(dataUrl(`${name}.csv`)), `data/${name}.csv`);
    if (name === "digits") d.features.forEach((v, i, f) => f[i] = v / 16);
    loaded.set(name, d);
  }
  return d;
}

/**
 * The examples of `rows` (row indices of `features`, `cols` columns each).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pickRows } from "./shared.ts";
 * const e = pickRows(new Float64Array([1, 2, 3, 4, 5, 6]), [0, 1, 1], 2, [2, 0]);
 * assert.deepEqual(Array.from(e.features), [5, 6, 1, 2]);
 * assert.deepEqual(Array.from(e.labels), [1, 0]);
 * ```
 */
export function pickRows(
  features: Float64Array,
  labels: ArrayLike<number>,
  cols: number,
  rows: readonly number[],
): Examples {
  const picked = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => picked.set(features.subarray(r * cols, (r + 1) * cols), i * cols));
  return { features: picked, labels: Int32Array.from(rows, (r) => labels[r]), rows: rows.length };
}

/** The three parts of a split as examples. */
export interface SplitExamples {
  train: Examples;
  validation: Examples;
  test: Examples;
}

/**
 * A dataset's split as examples, the features optionally replaced first (e.g. standardised with
 * statistics of the training rows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dataset, splitExamples } from "./shared.ts";
 * import { stratifiedSplit } from "../../../solutions/06-validation/split.ts";
 * const iris = dataset("iris");
 * const parts = splitExamples(iris, stratifiedSplit(iris.labels, { validation: 0.2, test: 0.2 }, 1));
 * assert.deepEqual([parts.train.rows, parts.validation.rows, parts.test.rows], [90, 30, 30]);
 * ```
 */
export function splitExamples(d: Dataset, split: Split, features = d.features): SplitExamples {
  return {
    train: pickRows(features, d.labels, d.cols, split.train),
    validation: pickRows(features, d.labels, d.cols, split.validation),
    test: pickRows(features, d.labels, d.cols, split.test),
  };
}

/** A training setup: everything but the data and the seed. */
export interface Setup {
  /** Hidden layer sizes, e.g. `[64]`. */
  hidden: number[];
  activation: "relu" | "tanh";
  init: "he" | "xavier";
  lr: number;
  momentum: number;
  batchSize: number;
  l2: number;
}

/** A number JSON can hold, or its name ("NaN", "Infinity", "-Infinity"): `Number(x)` reads both. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/**
 * `x` as a case file can hold it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonNumber } from "./shared.ts";
 * assert.deepEqual([jsonNumber(0.5), jsonNumber(NaN), Number(jsonNumber(-Infinity))], [0.5, "NaN", -Infinity]);
 * ```
 */
export function jsonNumber(x: number): JsonNumber {
  return Number.isFinite(x) ? x : (String(x) as "NaN" | "Infinity" | "-Infinity");
}

/** The network being trained, its data, and what one more epoch does to it. */
export interface Trainee extends EpochTrainer {
  net: Mlp;
  /** Validation loss (mean cross-entropy, no L2 term) of the current weights. */
  validationLoss(): number;
  /** Mean training loss of each epoch trained so far. */
  trainLosses: number[];
  /** Accuracy of the current weights on `examples`. */
  accuracyOn(examples: Examples): number;
}

/**
 * A network of `setup` on `data.train`, trained one epoch per `trainEpoch` call (which returns
 * the validation loss). Initial weights come from stream "init" of `seed`, and epoch e's
 * shuffles (and dropout masks, drawn by the engine from the same generator) from stream
 * "shuffle" of `seed` with `/e` appended: so the first k epochs of a run do not depend on how
 * many epochs follow, and the split, made with stream "split", on neither.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dataset, splitExamples, trainee } from "./shared.ts";
 * import { stratifiedSplit } from "../../../solutions/06-validation/split.ts";
 * const iris = dataset("iris");
 * const data = splitExamples(iris, stratifiedSplit(iris.labels, { validation: 0.2, test: 0.2 }, 1));
 * const t = trainee(data, { hidden: [8], activation: "tanh", init: "xavier", lr: 0.05, momentum: 0.9, batchSize: 16, l2: 0 }, 1);
 * assert.ok(Number.isFinite(t.trainEpoch(0))); // the validation loss after one epoch
 * ```
 */
export function trainee(data: SplitExamples, setup: Setup, seed: number): Trainee {
  const inputs = data.train.features.length / data.train.rows;
  const classes = Math.max(...Array.from(data.train.labels)) + 1;
  const config: MlpConfig = {
    sizes: [inputs, ...setup.hidden, classes],
    activation: setup.activation,
    init: setup.init,
    seed: streamSeed(seed, "init"),
  };
  const net = createMlp(config);
  const optimizer: Optimizer = sgd({ lr: setup.lr, momentum: setup.momentum });
  const v = data.validation;
  const validationLoss = () => lossAndGradient(net, v.features, v.labels, v.rows);
  const trainLosses: number[] = [];
  return {
    net,
    trainLosses,
    trainEpoch(epoch) {
      const history = train(net, data.train, {
        epochs: 1,
        batchSize: setup.batchSize,
        optimizer,
        l2: setup.l2,
        seed: `${streamSeed(seed, "shuffle")}/${epoch}`,
      });
      trainLosses.push(history.loss[0]);
      return validationLoss();
    },
    weights: () => net.params,
    setWeights: (weights) => net.params.set(weights),
    validationLoss,
    accuracyOn: (e) => accuracy(net, e.features, e.labels, e.rows),
  };
}

/**
 * A percentage with one decimal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pct } from "./shared.ts";
 * assert.equal(pct(0.975), "97.5 %");
 * ```
 */
export const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

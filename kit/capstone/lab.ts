/**
 * The capstone's training lab (lesson 11): what the learner's `runCapstone` is handed by
 * `deno task capstone` and by the lesson's worked run. It trains the course's MLP on digits
 * through `kit/engine`, epoch by epoch with a warm-up and an optional cosine decay, early-stopped
 * on the validation loss, and guards the test rows: they can be read once.
 *
 * Early stopping is the learner's lesson-06 `fitWithEarlyStopping`, passed in (the kit ships no
 * answer to an exercise).
 *
 * @module
 */

import { adam, createMlp, lossAndGradient, type Mlp, predict, sgd, train } from "../engine/mod.ts";
import type { Examples } from "../engine/mod.ts";
import type { PreparedData } from "../search/trial.ts";
import { BASELINE_CONFIG, type LabConfig, type LabModel, type LabOutcome } from "./shared.ts";
export { BASELINE_CONFIG, type LabConfig, type LabModel, type LabOutcome } from "./shared.ts";

/** Lesson 06's early-stopping loop, as the lab calls it. */
export type FitWithEarlyStopping = (
  trainer: {
    trainEpoch(epoch: number): number;
    weights(): Float64Array;
    setWeights(weights: Float64Array): void;
  },
  maxEpochs: number,
  options: { patience: number },
) => { values: number[]; bestEpoch: number };

/** The lab's settings, stated in the lesson. */
export interface LabSettings {
  /** Epochs a run may train at most. */
  maxEpochs: number;
  /** Early stopping's patience, in epochs without a lower validation loss. */
  patience: number;
}

/** The lesson's budget: at most 20 epochs a run, patience 4. */
export const LAB_SETTINGS: Readonly<LabSettings> = Object.freeze({ maxEpochs: 20, patience: 4 });

/** The capstone lab, with counters for the report. */
export interface Lab {
  readonly maxEpochs: number;
  baseline(seed: string): { outcome: LabOutcome; model: LabModel };
  trial(config: LabConfig, seed: string): { outcome: LabOutcome; model: LabModel };
  refit(config: LabConfig, seed: string, epochs: number): LabModel;
  test(model: LabModel): { correct: number; rows: number };
  /** How many times the test rows were read (0 or 1: a second read throws). */
  readonly testReads: number;
}

/**
 * The learning rate of epoch `epoch` (from 0): a linear warm-up over `warmup` epochs,
 * lr·(e + 1)/(warmup + 1), then constant, or a cosine from lr down to 0 over the remaining
 * epochs of `maxEpochs` (lesson 03's cosine, with T = maxEpochs − warmup).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { labRate } from "./lab.ts";
 * const config = { lr: 0.1, schedule: "cosine", warmup: 1 };
 * assert.equal(labRate(config, 0, 21), 0.05); // half-way through the warm-up
 * assert.equal(labRate(config, 1, 21), 0.1); // the peak
 * ```
 */
export function labRate(config: LabConfig, epoch: number, maxEpochs: number): number {
  const lr = Number(config.lr), warmup = Number(config.warmup ?? 0);
  if (epoch < warmup) return lr * (epoch + 1) / (warmup + 1);
  if (config.schedule !== "cosine") return lr;
  return lr * 0.5 * (1 + Math.cos(Math.PI * (epoch - warmup) / (maxEpochs - warmup)));
}

/** A fresh network and optimizer for `config`. */
function build(config: LabConfig, inputs: number, classes: number, seed: string) {
  const width = Number(config.width), depth = Number(config.depth);
  const net = createMlp({
    sizes: [inputs, ...Array.from({ length: depth }, () => width), classes],
    activation: "relu",
    init: "he",
    seed: `${seed}/init`,
  });
  const optimizer = config.optimizer === "adam"
    ? adam({ lr: Number(config.lr) })
    : sgd({ lr: Number(config.lr), momentum: Number(config.momentum) });
  return { net, optimizer };
}

/** One epoch of training at the schedule's rate. */
function trainEpoch(
  net: Mlp,
  optimizer: ReturnType<typeof sgd>,
  data: Examples,
  config: LabConfig,
  seed: string,
  epoch: number,
  maxEpochs: number,
): number {
  optimizer.lr = labRate(config, epoch, maxEpochs);
  const history = train(net, data, {
    epochs: 1,
    batchSize: Number(config.batchSize),
    optimizer,
    l2: Number(config.l2),
    dropout: Number(config.dropout),
    seed: `${seed}/epoch/${epoch}`,
  });
  return history.loss[0];
}

/** Correct predictions of `net` on `data`. */
function correctCount(net: Mlp, data: Examples): number {
  const predicted = predict(net, data.features, data.rows);
  let right = 0;
  for (let i = 0; i < data.rows; i++) if (predicted[i] === data.labels[i]) right++;
  return right;
}

/** Training and validation rows together, for a refit. */
function joined(a: Examples, b: Examples): Examples {
  const features = new Float64Array(a.features.length + b.features.length);
  features.set(a.features);
  features.set(b.features, a.features.length);
  return {
    features,
    labels: Int32Array.from([...Array.from(a.labels), ...Array.from(b.labels)]),
    rows: a.rows + b.rows,
  };
}

/**
 * Creates the capstone lab on prepared data (lesson 07's 60/20/20 split of digits). Every run
 * is a function of its configuration and seed only (initial weights from `SEED/init`, epoch e's
 * shuffles and dropout from `SEED/epoch/e`); the `seconds` it reports is wall-clock time.
 * Validation loss is monitored with lesson 06's early stopping (`fit`), whose restored weights
 * are measured. A diverged run (a non-finite loss) stops at once and scores NaN.
 *
 * @example
 * ```ts ignore
 * const lab = createLab(await loadPrepared("digits"), fitWithEarlyStopping);
 * const { outcome } = lab.baseline("base/0");
 * ```
 */
export function createLab(
  data: PreparedData,
  fit: FitWithEarlyStopping,
  settings: LabSettings = LAB_SETTINGS,
): Lab {
  const { maxEpochs, patience } = settings;
  const models = new Map<string, Mlp>();
  let testReads = 0;
  const run = (config: LabConfig, seed: string, tag: string) => {
    const started = performance.now();
    const { net, optimizer } = build(config, data.inputs, data.classes, seed);
    const validationLoss = () =>
      lossAndGradient(net, data.validation.features, data.validation.labels, data.validation.rows);
    const fitted = fit(
      {
        trainEpoch(epoch) {
          const trainLoss = trainEpoch(net, optimizer, data.train, config, seed, epoch, maxEpochs);
          const loss = validationLoss();
          // A diverged run: NaN never improves, so patience would train on for nothing.
          return Number.isFinite(trainLoss) && Number.isFinite(loss) ? loss : NaN;
        },
        weights: () => net.params,
        setWeights: (weights) => net.params.set(weights),
      },
      maxEpochs,
      { patience },
    );
    const loss = validationLoss();
    const diverged = !Number.isFinite(loss) || fitted.values.some((v) => !Number.isFinite(v));
    const epochs = fitted.values.length;
    const outcome: LabOutcome = {
      score: diverged ? NaN : correctCount(net, data.validation) / data.validation.rows,
      loss: diverged ? NaN : loss,
      cost: epochs * net.params.length,
      epochs,
      bestEpoch: fitted.bestEpoch,
      seconds: Math.round(performance.now() - started) / 1000,
    };
    const model = { id: `${tag}:${seed}` };
    models.set(model.id, net);
    return { outcome, model };
  };
  return {
    maxEpochs,
    baseline: (seed) => run(BASELINE_CONFIG, seed, "baseline"),
    trial: (config, seed) => run(config, seed, "trial"),
    refit(config, seed, epochs) {
      const { net, optimizer } = build(config, data.inputs, data.classes, seed);
      const rows = joined(data.train, data.validation);
      for (let epoch = 0; epoch < epochs; epoch++) {
        trainEpoch(net, optimizer, rows, config, seed, epoch, maxEpochs);
      }
      const model = { id: `refit:${seed}:${epochs}` };
      models.set(model.id, net);
      return model;
    },
    test(model) {
      if (testReads > 0) {
        throw new Error(
          "lab.test: the test rows have been read already. Test once, the network you chose " +
            "on validation (lesson 11, 'The protocol')",
        );
      }
      const net = models.get(model?.id);
      if (!net) throw new Error("lab.test: this network was not trained by the lab");
      testReads++;
      return { correct: correctCount(net, data.test), rows: data.test.rows };
    },
    get testReads() {
      return testReads;
    },
  };
}

/**
 * The capstone's training lab (lesson 11): what the learner's `runCampaign` is handed by
 * `deno task capstone` and by the lesson's worked campaign. It trains the course's MLP on digits
 * through `kit/engine`, epoch by epoch with a warm-up and an optional cosine decay, early-stopped
 * on the validation loss, charges each run's epochs to the campaign's budget, and reads the test
 * rows. Its record of every call is kept by the recorder of `kit/testkit/capstone_record.ts`,
 * out of the campaign's reach, the same one the graded tests' fake lab uses.
 *
 * Early stopping is the learner's lesson-06 `fitWithEarlyStopping`, passed in (the kit ships no
 * answer to an exercise).
 *
 * @module
 */

import { adam, createMlp, lossAndGradient, type Mlp, predict, sgd, train } from "../engine/mod.ts";
import type { Examples } from "../engine/mod.ts";
import type { PreparedData } from "../search/trial.ts";
import {
  BASELINE_CONFIG,
  type CampaignLab,
  type LabConfig,
  type LabOutcome,
} from "../testkit/capstone_contract.ts";
import { type LabEntry, recordingLab } from "../testkit/capstone_record.ts";
export { BASELINE_CONFIG, type LabConfig, type LabOutcome } from "../testkit/capstone_contract.ts";

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
  /** Epochs the whole campaign may train, baseline included. */
  budget: number;
  /** Epochs a run may train at most. */
  maxEpochs: number;
  /** Early stopping's patience, in epochs without a lower validation loss. */
  patience: number;
}

/** The lesson's lab: 1000 epochs in all, at most 20 a run, patience 4. */
export const LAB_SETTINGS: Readonly<LabSettings> = Object.freeze({
  budget: 1000,
  maxEpochs: 20,
  patience: 4,
});

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

/**
 * Creates the capstone lab on prepared data (lesson 07's 60/20/20 split of digits). Every run
 * is a function of its configuration, seed and epochs only (initial weights from `SEED/init`,
 * epoch e's shuffles and dropout from `SEED/epoch/e`); the `seconds` it reports is wall-clock
 * time. Validation loss is monitored with lesson 06's early stopping (`fit`), whose restored
 * weights are measured. A diverged run (a non-finite loss) stops at once and scores NaN.
 * `lab` goes to the campaign, `record()` to the report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createLab } from "./lab.ts";
 * import { loadPrepared } from "../search/trial.ts";
 * import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";
 * const data = await loadPrepared("iris");
 * const settings = { budget: 12, maxEpochs: 5, patience: 2 };
 * const { lab, record } = createLab(data, fitWithEarlyStopping, settings);
 * const request = { config: lab.baseline, seed: "0/baseline", epochs: 5, phase: "baseline" } as const;
 * const { outcome, model } = lab.train(request);
 * assert.ok(outcome.epochs <= 5 && outcome.bestEpoch < outcome.epochs);
 * assert.equal(lab.spent(), outcome.epochs); // the budget is charged what was trained
 * assert.equal(lab.test(model).length, data.test.rows);
 * assert.deepEqual(record().map((entry) => entry.kind), ["train", "test"]);
 * const again = createLab(data, fitWithEarlyStopping, settings).lab.train(request).outcome;
 * assert.deepEqual({ ...again, seconds: 0 }, { ...outcome, seconds: 0 }); // reproducible
 * ```
 */
export function createLab(
  data: PreparedData,
  fit: FitWithEarlyStopping,
  settings: LabSettings = LAB_SETTINGS,
): { lab: CampaignLab; record: () => readonly LabEntry[] } {
  const { maxEpochs, patience } = settings;
  const nets: Mlp[] = [];
  const core = {
    train(config: LabConfig, seed: string, epochs: number): LabOutcome {
      const started = performance.now();
      const { net, optimizer } = build(config, data.inputs, data.classes, seed);
      const validationLoss = () =>
        lossAndGradient(
          net,
          data.validation.features,
          data.validation.labels,
          data.validation.rows,
        );
      const fitted = fit(
        {
          trainEpoch(epoch) {
            const trainLoss = trainEpoch(net, optimizer, data.train, config, seed, epoch, epochs);
            const loss = validationLoss();
            // A diverged run: NaN never improves, so patience would train on for nothing.
            return Number.isFinite(trainLoss) && Number.isFinite(loss) ? loss : NaN;
          },
          weights: () => net.params,
          setWeights: (weights) => net.params.set(weights),
        },
        epochs,
        { patience },
      );
      const loss = validationLoss();
      const diverged = !Number.isFinite(loss) || fitted.values.some((v) => !Number.isFinite(v));
      const trained = fitted.values.length;
      nets.push(net);
      return {
        score: diverged ? NaN : correctCount(net, data.validation) / data.validation.rows,
        loss: diverged ? NaN : loss,
        cost: trained * net.params.length,
        epochs: trained,
        bestEpoch: fitted.bestEpoch,
        seconds: Math.round(performance.now() - started) / 1000,
      };
    },
    test(run: number): boolean[] {
      const predicted = predict(nets[run], data.test.features, data.test.rows);
      return Array.from({ length: data.test.rows }, (_, i) => predicted[i] === data.test.labels[i]);
    },
  };
  return recordingLab(core, { budget: settings.budget, maxEpochs, baseline: BASELINE_CONFIG });
}

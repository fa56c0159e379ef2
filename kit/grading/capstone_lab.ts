/**
 * A small deterministic stand-in for the capstone's training lab (lesson 11), for its graded
 * tests and for the cases its generator computes: every result is a closed-form function of the
 * configuration and the seed, so the test knows the right answer without training, and the lab
 * records every call so the test can check how the learner's protocol used it (how often the
 * test rows were read, which trials were trained, whether a refit happened).
 *
 * Nothing here is an answer to an exercise: the lab plays the role of the training runs.
 *
 * @module
 */

import { seededRandom } from "../lib/random.ts";
import {
  BASELINE_CONFIG,
  type LabConfig,
  type LabModel,
  type LabOutcome,
} from "../capstone/shared.ts";
export type { LabConfig, LabModel, LabOutcome } from "../capstone/shared.ts";

/** One call the lab answered, in call order. */
export type LabCall =
  | { kind: "baseline"; seed: string; outcome: LabOutcome; model: LabModel }
  | { kind: "trial"; seed: string; config: LabConfig; outcome: LabOutcome; model: LabModel }
  | { kind: "refit"; seed: string; config: LabConfig; epochs: number; model: LabModel }
  | { kind: "test"; model: LabModel };

/** The fake lab: lesson 11's `CapstoneLab` plus what only the grader sees. */
export interface FakeLab {
  readonly maxEpochs: number;
  baseline(seed: string): { outcome: LabOutcome; model: LabModel };
  trial(config: LabConfig, seed: string): { outcome: LabOutcome; model: LabModel };
  refit(config: LabConfig, seed: string, epochs: number): LabModel;
  test(model: LabModel): { correct: number; rows: number };
  /** Every call answered so far, in order (grader only). */
  readonly calls: readonly LabCall[];
  /** The test accuracy of the baseline trained with seed `base/0`, measured privately. */
  baselineTestAccuracy(): number;
}

/** Rows of the fake validation and test sets: digits' 20 % parts have 359 and 360 rows. */
export const FAKE_ROWS = { validation: 359, test: 360 } as const;

/** The baseline configuration the fake lab trains: the real lab's. */
export const FAKE_BASELINE: Readonly<LabConfig> = BASELINE_CONFIG;

/**
 * The "true" accuracy of a configuration in the fake world: best near lr = 0.1 (SGD) or 0.003
 * (Adam), a little better wider, worse with much L2 or dropout; diverged (NaN) when SGD's lr is
 * above 0.4 with little momentum damping.
 */
function trueAccuracy(c: LabConfig): number {
  const lr = Number(c.lr), width = Number(c.width ?? 32), depth = Number(c.depth ?? 1);
  const best = c.optimizer === "adam" ? 0.003 : 0.1;
  const distance = Math.log10(lr / best);
  let accuracy = 0.975 - 0.06 * distance * distance;
  accuracy -= 0.01 * Math.abs(Math.log2(width / 128)) / 3;
  accuracy -= 0.004 * (depth - 2) ** 2;
  accuracy -= 2 * Number(c.l2 ?? 0) + 0.02 * Number(c.dropout ?? 0);
  if (c.schedule === "cosine") accuracy += 0.003;
  return Math.max(0.1, Math.min(0.995, accuracy));
}

function diverges(c: LabConfig): boolean {
  return c.optimizer === "sgd" && Number(c.lr) > 0.4 && Number(c.momentum ?? 0) > 0.95;
}

/**
 * Creates a fake lab. `secondsBase` shifts every reported `seconds`, as two real runs of the same
 * search differ in wall-clock time and in nothing else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeLab } from "./capstone_lab.ts";
 * const lab = fakeLab(0);
 * const { model } = lab.trial({ optimizer: "adam", lr: 0.003 }, "0/trial/0");
 * assert.equal(lab.test(model).rows, 360);
 * assert.equal(lab.calls.filter((c) => c.kind === "test").length, 1);
 * ```
 */
export function fakeLab(secondsBase: number): FakeLab {
  const calls: LabCall[] = [];
  const accuracyOf = new Map<string, number>();
  const maxEpochs = 20;
  const run = (config: LabConfig, seed: string, tag: string) => {
    const noise = seededRandom(`fake/${tag}/${seed}`);
    const truth = trueAccuracy(config);
    const failed = diverges(config);
    // Validation and test are two samples of 359 and 360 rows: each its own noise.
    const validation = failed ? NaN : Math.round(
      (truth + 0.02 * (noise() - 0.5)) *
        FAKE_ROWS.validation,
    ) / FAKE_ROWS.validation;
    const test = failed ? 0.1 : truth - 0.008 + 0.02 * (noise() - 0.5);
    const epochs = 6 + Math.floor(noise() * (maxEpochs - 5));
    const width = Number(config.width ?? 32), depth = Number(config.depth ?? 1);
    const outcome: LabOutcome = {
      score: validation,
      loss: failed ? NaN : Math.round(1e6 * (1.2 * (1 - validation) + 0.01 * noise())) / 1e6,
      cost: epochs * (64 * width + (depth - 1) * width * width + 10 * width),
      epochs,
      bestEpoch: epochs - 1 - Math.min(epochs - 1, Math.floor(noise() * 4)),
      seconds: Math.round(1000 * (secondsBase + 0.01 * calls.length + noise())) / 1000,
    };
    const model = { id: `${tag}:${seed}` };
    accuracyOf.set(model.id, test);
    return { outcome, model };
  };
  return {
    maxEpochs,
    calls,
    baseline(seed) {
      const result = run(FAKE_BASELINE, seed, "baseline");
      calls.push({ kind: "baseline", seed, ...result });
      return result;
    },
    trial(config, seed) {
      const result = run(config, seed, "trial");
      calls.push({ kind: "trial", seed, config: { ...config }, ...result });
      return result;
    },
    refit(config, seed, epochs) {
      const model = { id: `refit:${seed}:${epochs}` };
      accuracyOf.set(model.id, trueAccuracy(config) - 0.004);
      calls.push({ kind: "refit", seed, config: { ...config }, epochs, model });
      return model;
    },
    test(model) {
      calls.push({ kind: "test", model });
      const accuracy = accuracyOf.get(model?.id);
      if (accuracy === undefined) {
        throw new Error("lab.test: this model was not trained by the lab");
      }
      return { correct: Math.round(accuracy * FAKE_ROWS.test), rows: FAKE_ROWS.test };
    },
    baselineTestAccuracy() {
      const noise = seededRandom("fake/baseline/base/0");
      noise();
      const truth = trueAccuracy(FAKE_BASELINE);
      return Math.round((truth - 0.008 + 0.02 * (noise() - 0.5)) * FAKE_ROWS.test) /
        FAKE_ROWS.test;
    },
  };
}

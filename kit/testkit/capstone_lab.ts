/**
 * A small deterministic stand-in for the capstone's training lab (lesson 11), for its graded
 * tests and the cases its generator computes: every result is a closed-form function of the
 * configuration, the seed and the epochs asked for, so a campaign's whole record is known
 * without training. The recorder (`./capstone_record.ts`) keeps the record out of the
 * campaign's reach.
 *
 * Nothing here is an answer to an exercise: the lab plays the role of the training runs.
 *
 * @module
 */

import { seededRandom } from "../lib/random.ts";
import { BASELINE_CONFIG, type CampaignLab, type LabConfig } from "./capstone_contract.ts";
import { type LabEntry, recordingLab } from "./capstone_record.ts";

/** Rows of the fake test set (digits' 20 % test part has 360). */
export const FAKE_TEST_ROWS = 360;

/** Epochs one run may train in the fake lab. */
export const FAKE_MAX_EPOCHS = 20;

/**
 * The "true" accuracy of a configuration in the fake world after enough epochs: best near
 * lr = 0.1 (SGD) or 0.003 (Adam), a little better wider, worse with much L2 or dropout.
 */
function trueAccuracy(c: LabConfig): number {
  const lr = Number(c.lr), width = Number(c.width), depth = Number(c.depth);
  const best = c.optimizer === "adam" ? 0.003 : 0.1;
  const distance = Math.log10(lr / best);
  let accuracy = 0.975 - 0.06 * distance * distance;
  accuracy -= 0.01 * Math.abs(Math.log2(width / 128)) / 3;
  accuracy -= 0.004 * (depth - 2) ** 2;
  accuracy -= 2 * Number(c.l2) + 0.02 * Number(c.dropout);
  if (c.schedule === "cosine") accuracy += 0.003;
  return Math.max(0.1, Math.min(0.995, Number.isFinite(accuracy) ? accuracy : 0.1));
}

/** SGD with a large rate and little damping diverges. */
function diverges(c: LabConfig): boolean {
  return c.optimizer === "sgd" && Number(c.lr) > 0.4 && Number(c.momentum) > 0.95;
}

/** Each test row's difficulty: shared by every network, so paired reads are correlated. */
const DIFFICULTY = (() => {
  const random = seededRandom("fake/test-rows");
  return Array.from({ length: FAKE_TEST_ROWS }, () => random());
})();

/**
 * Creates a fake lab with `budget` epochs. `secondsBase` shifts every reported `seconds`, as
 * two real runs of the same campaign differ in wall-clock time and in nothing else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeLab } from "./capstone_lab.ts";
 * const { lab, record } = fakeLab({ budget: 100 });
 * const config = { optimizer: "adam", lr: 0.003 };
 * const { model } = lab.train({ config, seed: "s", epochs: 20, phase: "explore" });
 * assert.equal(lab.test(model).length, 360);
 * assert.deepEqual(record().map((e) => e.kind), ["train", "test"]);
 * ```
 */
export function fakeLab(
  options: { budget: number; secondsBase?: number },
): { lab: CampaignLab; record: () => readonly LabEntry[] } {
  const secondsBase = options.secondsBase ?? 0;
  const accuracyOf: number[] = [];
  const noiseOf: string[] = [];
  let calls = 0;
  const core = {
    train(config: LabConfig, seed: string, asked: number) {
      const noise = seededRandom(`fake/${seed}/${JSON.stringify(config)}`);
      const failed = diverges(config);
      const stopsAt = 6 + Math.floor(noise() * (FAKE_MAX_EPOCHS - 5));
      const epochs = Math.min(asked, stopsAt);
      // Fewer epochs, a worse network: what makes multi-fidelity searches worth their name.
      const truth = trueAccuracy(config) - 0.3 * Math.exp(-epochs / 1.5);
      const validation = failed ? NaN : Math.round((truth + 0.01 * (noise() - 0.5)) * 359) / 359;
      const width = Number(config.width), depth = Number(config.depth);
      accuracyOf.push(failed ? 0.1 : truth - 0.008);
      noiseOf.push(`fake/test/${seed}/${JSON.stringify(config)}/${epochs}`);
      return {
        score: validation,
        loss: failed ? NaN : Math.round(1e6 * (1.2 * (1 - validation) + 0.01 * noise())) / 1e6,
        cost: epochs * (64 * width + (depth - 1) * width * width + 10 * width),
        epochs,
        bestEpoch: epochs - 1 - Math.min(epochs - 1, Math.floor(noise() * 4)),
        seconds: Math.round(1000 * (secondsBase + 0.01 * calls++ + noise())) / 1000,
      };
    },
    test(run: number) {
      const noise = seededRandom(noiseOf[run]);
      return DIFFICULTY.map((d) => d + 0.06 * (noise() - 0.5) < accuracyOf[run]);
    },
  };
  return recordingLab(core, {
    budget: options.budget,
    maxEpochs: FAKE_MAX_EPOCHS,
    baseline: BASELINE_CONFIG,
  });
}

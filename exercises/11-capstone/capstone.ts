// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 3: the capstone's protocol, from the baseline to the one test evaluation, written
 * against a {@link CapstoneLab} that does the training. `deno task capstone` hands it a lab that
 * trains the MLP on digits through `kit/engine`; the graded tests hand it a small deterministic
 * lab that counts what it is asked.
 *
 * @module
 */

import { formatCsvRecords } from "../../kit/lib/csv.ts";
import { seededRandom } from "../../kit/lib/random.ts";
import { type CapstoneConfig, sampleConfig } from "./space.ts";
import { type Interval, wilsonInterval, Z_95 } from "./interval.ts";

/** What one training run measured on the validation rows (after early stopping). */
export interface TrialOutcome {
  /** Validation accuracy of the restored (best) epoch's weights: higher is better. */
  score: number;
  /** Validation loss of those weights: the tie rule's second criterion. */
  loss: number;
  /** Epochs trained × parameters: the tie rule's third criterion. */
  cost: number;
  /** Epochs actually trained (early stopping may end a run before the budget). */
  epochs: number;
  /** The epoch (from 0) whose weights were kept. */
  bestEpoch: number;
  /** Wall-clock seconds the run took: differs between runs, so it goes in a `_s` column. */
  seconds: number;
}

/** A trained network, as the lab hands it out; only the lab looks inside. */
export type Model = { readonly id: string };

/**
 * What the capstone's protocol needs from the outside world. Every method trains or measures;
 * none of them is random from the protocol's side: the same arguments give the same result.
 */
export interface CapstoneLab {
  /** Epochs each run may train at most (early stopping may stop it sooner). */
  readonly maxEpochs: number;
  /** Trains the lab's baseline configuration with `seed` on the training rows. */
  baseline(seed: string): { outcome: TrialOutcome; model: Model };
  /** Trains `config` with `seed` on the training rows, early-stopped on the validation rows. */
  trial(config: CapstoneConfig, seed: string): { outcome: TrialOutcome; model: Model };
  /** Trains `config` with `seed` for exactly `epochs` epochs on training + validation rows. */
  refit(config: CapstoneConfig, seed: string, epochs: number): Model;
  /**
   * The test rows: how many of them `model` classifies correctly, out of `rows`. Each call is
   * counted. The protocol calls it once, for the model it has chosen.
   */
  test(model: Model): { correct: number; rows: number };
}

/** What the protocol is asked to do. */
export interface CapstonePlan {
  /** The search's seed: the configurations and every trial's training seed come from it. */
  seed: number;
  /** How many configurations to try. */
  trials: number;
  /** How many seeds to train the baseline with (its spread). */
  baselineSeeds: number;
  /**
   * `"none"`: the winning trial's own network is tested. `"train+validation"`: the winner is
   * trained again on the training and validation rows for its best epoch count + 1, and that
   * network is tested.
   */
  refit: "none" | "train+validation";
}

/** Everything the report needs. */
export interface CapstoneRun {
  /** Validation accuracy of the baseline, one per seed, in seed order. */
  baselineScores: number[];
  /** The trial log, CSV text: a header, then one row per trial in id order. */
  log: string;
  /** Id of the winning trial (the tie rule on the log). */
  bestId: number;
  /** Its validation accuracy: the best validation score of the log. */
  bestValidation: number;
  /** The refit policy that was applied (the plan's). */
  refit: "none" | "train+validation";
  /** Test rows the chosen network got right, and how many there are. */
  testCorrect: number;
  /** Number of test rows. */
  testRows: number;
  /** testCorrect / testRows. */
  testAccuracy: number;
  /** The 95 % Wilson interval of the test accuracy. */
  interval: Interval;
  /** bestValidation − testAccuracy: how much the search flattered its winner. */
  optimismGap: number;
  /** Epochs trained by the whole search (baseline, trials and refit). */
  epochsTrained: number;
}

/**
 * The seed of baseline run `k` (`"base/k"`) and of trial `i` (`"SEED/trial/i"`) of a plan:
 * functions of the plan's seed and the run's number only, so a re-run trains the same way.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runSeed } from "./capstone.ts";
 * assert.equal(runSeed(7, "trial", 3), "7/trial/3");
 * assert.equal(runSeed(7, "base", 0), "base/0"); // the baseline does not depend on the search seed
 * ```
 */
export function runSeed(seed: number, kind: "base" | "trial", index: number): string {
  return kind === "base" ? `base/${index}` : `${seed}/trial/${index}`;
}

/** The log's columns before the configuration's, and after. */
export const LOG_COLUMNS = {
  first: ["id", "seed"],
  last: ["score", "loss", "cost", "epochs", "best_epoch", "train_s"],
} as const;

/**
 * Runs the capstone's protocol with `lab`, as lesson 11 lays it out:
 *
 * 1. **Baseline:** `lab.baseline(runSeed(seed, "base", k))` for k = 0 … baselineSeeds − 1; keep
 *    the validation scores.
 * 2. **Search:** one stream `seededRandom(\`${seed}/search\`)`; configuration i is
 *    `sampleConfig(stream)`, trained with `lab.trial(config, runSeed(seed, "trial", i))`.
 * 3. **Log** every trial, in id order, as CSV (`formatCsvRecords` of `kit/lib/csv.ts`): columns
 *    `id`, `seed`, then every hyperparameter name of the space (`optimizer`, `lr`, `momentum`,
 *    …, `warmup`; an empty cell where a configuration has no value), then `score`, `loss`,
 *    `cost`, `epochs`, `best_epoch`, `train_s`; numbers as `String(x)`.
 * 4. **Select** by lesson 06's tie rule on validation: higher score, then lower loss, then lower
 *    cost, then lower id; a trial whose score or loss is not finite comes last.
 * 5. **Refit** as the plan says: none, or `lab.refit(config, trial seed, bestEpoch + 1)`.
 * 6. **Test once:** `lab.test(model)` for the chosen network, and nothing else; the 95 % Wilson
 *    interval, the optimism gap and the epochs trained (the baseline's, the trials' and the
 *    refit's).
 *
 * Throws a `RangeError` when `trials` or `baselineSeeds` is not an integer ≥ 1.
 *
 * @example
 * ```ts ignore
 * const run = runCapstone(lab, { seed: 0, trials: 20, baselineSeeds: 5, refit: "none" });
 * console.log(run.bestValidation, run.testAccuracy, run.interval);
 * ```
 */
export function runCapstone(lab: CapstoneLab, plan: CapstonePlan): CapstoneRun {
  throw new Error("TODO: runCapstone (lesson 11, 'The protocol')");
}

/**
 * The capstone lab's recorder (lesson 11): wraps what trains and what reads the test rows, and
 * keeps its own record of every call. The record lives in this closure; each entry is a frozen
 * copy made as the call happens, from values read once, so a campaign that keeps, changes or
 * replaces what it passed or got back changes nothing in it. The campaign is handed only the
 * frozen lab object; the grader (and `deno task capstone`) gets the record.
 *
 * The lab counts the budget: a run that asks for more epochs than are left is still trained
 * (so one overspent epoch costs only the budget rule, not the whole campaign) and recorded with
 * what was left, for the verdicts of `./capstone_verdicts.ts` to judge.
 *
 * @module
 */

import {
  type CampaignLab,
  type LabConfig,
  type LabModel,
  type LabOutcome,
  type Phase,
  PHASES,
} from "./capstone_contract.ts";

/** A training run as the lab recorded it. */
export interface TrainEntry {
  readonly kind: "train";
  /** The run's number, from 0, in call order. */
  readonly run: number;
  readonly phase: Phase;
  readonly seed: string;
  /** The configuration as asked (before the baseline's values fill the missing keys). */
  readonly config: Readonly<LabConfig>;
  /** Epochs asked for. */
  readonly asked: number;
  /** Epochs of the budget left before this run. */
  readonly left: number;
  readonly outcome: Readonly<LabOutcome>;
  /** The id of the network it handed out. */
  readonly model: string;
}

/** A read of the test rows as the lab recorded it. */
export interface TestEntry {
  readonly kind: "test";
  /** The run whose network was tested. */
  readonly run: number;
  /** Per test row, whether it was right. */
  readonly hits: readonly boolean[];
  /** How many were right. */
  readonly correct: number;
}

/** One call the lab answered. */
export type LabEntry = TrainEntry | TestEntry;

/** What actually trains and tests, behind the recorder. */
export interface LabCore {
  /** Trains `config` (complete: baseline values filled in) for at most `epochs` epochs. */
  train(config: LabConfig, seed: string, epochs: number): LabOutcome;
  /** Per test row, whether the network of run `run` is right. */
  test(run: number): boolean[];
}

/** The lab's fixed settings. */
export interface RecorderSettings {
  budget: number;
  maxEpochs: number;
  baseline: Readonly<LabConfig>;
}

/** Reads a configuration once, keeping numbers and strings; anything else is refused. */
function snapshotConfig(config: unknown): Readonly<LabConfig> {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new TypeError("lab.train: request.config must be an object of hyperparameters");
  }
  const copy: LabConfig = {};
  for (const key of Object.keys(config)) {
    const value = (config as Record<string, unknown>)[key];
    if (typeof value !== "number" && typeof value !== "string") {
      throw new TypeError(`lab.train: config.${key} must be a number or a string`);
    }
    copy[key] = value;
  }
  return Object.freeze(copy);
}

/** Reads a request once, refusing what is not one. */
function snapshotRequest(request: unknown, maxEpochs: number) {
  if (typeof request !== "object" || request === null) {
    throw new TypeError("lab.train: give a request { config, seed, epochs, phase }");
  }
  const r = request as Record<string, unknown>;
  const [config, seed, epochs, phase] = [r.config, r.seed, r.epochs, r.phase];
  if (typeof seed !== "string") throw new TypeError("lab.train: request.seed must be a string");
  if (typeof epochs !== "number" || !Number.isInteger(epochs) || epochs < 1 || epochs > maxEpochs) {
    throw new RangeError(`lab.train: request.epochs must be an integer from 1 to ${maxEpochs}`);
  }
  if (!PHASES.includes(phase as Phase)) {
    throw new TypeError(`lab.train: request.phase must be one of ${PHASES.join(", ")}`);
  }
  return { config: snapshotConfig(config), seed, epochs, phase: phase as Phase };
}

/**
 * A recording lab around `core`: `lab` is what a campaign gets, `record()` what the grader reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordingLab } from "./capstone_record.ts";
 * const core = {
 *   train: () => ({ score: 0.9, loss: 0.3, cost: 10, epochs: 2, bestEpoch: 1, seconds: 0 }),
 *   test: () => [true, false],
 * };
 * const { lab, record } = recordingLab(core, { budget: 5, maxEpochs: 3, baseline: {} });
 * const { model } = lab.train({ config: {}, seed: "s", epochs: 3, phase: "baseline" });
 * assert.deepEqual(lab.test(model), [true, false]);
 * assert.equal(lab.spent(), 2);
 * assert.deepEqual(record().map((e) => e.kind), ["train", "test"]);
 * ```
 */
export function recordingLab(
  core: LabCore,
  settings: RecorderSettings,
): { lab: CampaignLab; record: () => readonly LabEntry[] } {
  const { budget, maxEpochs } = settings;
  const baseline = Object.freeze({ ...settings.baseline });
  const entries: LabEntry[] = [];
  const runOf = new Map<string, number>();
  let spent = 0;
  const lab: CampaignLab = Object.freeze({
    budget,
    maxEpochs,
    baseline,
    spent: () => spent,
    train(request: unknown) {
      const { config, seed, epochs, phase } = snapshotRequest(request, maxEpochs);
      const run = entries.filter((e) => e.kind === "train").length;
      const outcome = Object.freeze({ ...core.train({ ...baseline, ...config }, seed, epochs) });
      const model = `run:${run}`;
      runOf.set(model, run);
      entries.push(Object.freeze({
        kind: "train",
        run,
        phase,
        seed,
        config,
        asked: epochs,
        left: budget - spent,
        outcome,
        model,
      }));
      spent += outcome.epochs;
      return { outcome: { ...outcome }, model: Object.freeze({ id: model }) };
    },
    test(model: LabModel) {
      const id = typeof model === "object" && model !== null ? model.id : undefined;
      const run = typeof id === "string" ? runOf.get(id) : undefined;
      if (run === undefined) throw new Error("lab.test: this network was not trained by the lab");
      const hits = Object.freeze(core.test(run).slice());
      const correct = hits.filter(Boolean).length;
      entries.push(Object.freeze({ kind: "test", run, hits, correct }));
      return Object.freeze(hits.slice());
    },
  });
  return { lab, record: () => Object.freeze(entries.slice()) };
}

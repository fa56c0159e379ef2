/**
 * Lesson 09's model-based methods, `--method bo|tpe`: a Gaussian process with expected
 * improvement, and the tree-structured Parzen estimator. Both propose from the trials so far
 * with lesson 09's sampler (`09-model-based-search/sampler.ts`, built on the learner's
 * exercises in the student edition): random configurations for the first `--startup` trials,
 * then the best of `--candidates` candidates by the model, `--batch` proposals at a time with a
 * constant liar.
 *
 * **Why the log does not depend on the workers.** Proposals are made at fixed points of the
 * trial sequence: batch k (ids k·B … k·B+B−1) is proposed from exactly trials 0 … k·B−1, with a
 * random stream of its own (the seed and k), and the proposer waits for those results however
 * many workers there are. A batch made only of start-up trials reads no result (the sampler
 * draws them at random), so it is proposed at once: with B = 1 the start-up trials still run in
 * parallel. A resumed search hands the logged rows back as results, so it proposes the same
 * trials again and continues identically.
 *
 * @module
 */

import type { TrialPlan } from "./pool.ts";
import type { Config, Distribution, LogRow } from "./runner.ts";
import {
  type MethodCode,
  type MethodContext,
  type Proposer,
  SearchArgumentError,
  type SearchMethod,
} from "./method.ts";
import { asDistributions, RANDOM_SPACE } from "./grid_random.ts";
import { trialSeed } from "./trial.ts";
import { type Random, seededRandom } from "../lib/random.ts";

/** The sampler's name for a method: `gp` (the Gaussian process) or `tpe`. */
export type ModelKind = "gp" | "tpe";

/** A finished trial as lesson 09's sampler takes it. */
export interface ModelTrial {
  /** Its configuration. */
  config: Config;
  /** Its validation score (NaN: diverged, the worst). */
  score: number;
}

/** The sampler's settings (`SamplerOptions` of lesson 09), as far as the search sets them. */
export interface ModelSettings {
  /** Random configurations before the model takes over. */
  startup: number;
  /** Candidates scored per proposal. */
  candidates: number;
}

/** The lesson-09 pieces a model-based search calls (`sampler.ts` and `space.ts`). */
export interface ModelCode {
  /** The sampler's settings for `method`, defaults filled in. */
  samplerOptions(method: ModelKind, overrides?: Partial<ModelSettings>): ModelSettings;
  /** `batch` configurations to run at once, the later ones with a constant liar. */
  proposeBatch(
    method: ModelKind,
    trials: readonly ModelTrial[],
    space: Record<string, Distribution>,
    random: Random,
    batch: number,
    options: ModelSettings,
  ): Config[];
  /** Throws a `RangeError` naming a distribution that is impossible. */
  checkSpace(space: Record<string, Distribution>): void;
}

/** The course files a model-based search loads through `code.ts`. */
const PIECES = [
  { file: "09-model-based-search/sampler.ts", names: ["proposeBatch", "samplerOptions"] },
  { file: "09-model-based-search/space.ts", names: ["checkSpace"] },
] as const;

/**
 * The trials `0 … end−1` from the proposals and their results, or `undefined` while one of them
 * is not back yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trialsBefore } from "./model_based.ts";
 * const configs = [{ lr: 0.1 }, { lr: 0.2 }];
 * const results = new Map([[0, { id: 0, score: 0.5 }]]);
 * assert.deepEqual(trialsBefore(configs, results, 1), [{ config: { lr: 0.1 }, score: 0.5 }]);
 * assert.equal(trialsBefore(configs, results, 2), undefined);
 * ```
 */
export function trialsBefore(
  configs: readonly Config[],
  results: ReadonlyMap<number, LogRow>,
  end: number,
): ModelTrial[] | undefined {
  const trials: ModelTrial[] = [];
  for (let id = 0; id < end; id++) {
    const row = results.get(id);
    if (!row) return undefined;
    trials.push({ config: configs[id], score: row.score as number });
  }
  return trials;
}

/**
 * The sampler's settings from the method's options, checked by lesson 09's `samplerOptions`
 * and the space by its `checkSpace` (a `RangeError` becomes a {@link SearchArgumentError}),
 * then a trial run of one model-based
 * proposal on made-up scores: a lesson-09 exercise that is still a stub stops the search here,
 * naming it, before any trial trains.
 */
function checkedSettings(kind: ModelKind, code: ModelCode, context: MethodContext) {
  const { options } = context;
  const space = asDistributions(context.space);
  let settings: ModelSettings;
  try {
    code.checkSpace(space);
    settings = code.samplerOptions(kind, { startup: options.startup, ...candidates(options) });
  } catch (error) {
    if (error instanceof RangeError) throw new SearchArgumentError(error.message);
    throw error;
  }
  const random = seededRandom("model-based trial run");
  const configs = code.proposeBatch(kind, [], space, random, settings.startup, settings);
  const made = configs.map((config, i) => ({ config, score: i / configs.length }));
  code.proposeBatch(kind, made, space, random, 1, settings);
  return { space, settings };
}

/** `--candidates` when given (0 means the sampler's default for the method). */
function candidates(options: Readonly<Record<string, number>>): Partial<ModelSettings> {
  return options.candidates > 0 ? { candidates: options.candidates } : {};
}

/**
 * Starts a model-based search: checks `--trials`, the space and the options, and returns a
 * {@link Proposer} that proposes batch after batch at the fixed points described in the module
 * documentation.
 */
function startModelBased(kind: ModelKind, name: string, context: MethodContext): Proposer {
  const { trials, seed, epochs } = context;
  if (trials === undefined) throw new SearchArgumentError(`--method ${name} needs --trials N`);
  const code = context.code as MethodCode & ModelCode;
  const { space, settings } = checkedSettings(kind, code, context);
  const batch = context.options.batch;
  const configs: Config[] = [];
  return {
    total: trials,
    parallelism: Math.min(trials, Math.max(batch, settings.startup)),
    next(results) {
      const plans: TrialPlan[] = [];
      while (configs.length < trials) {
        const first = configs.length;
        const size = Math.min(batch, trials - first);
        // A batch of start-up trials only is drawn at random: it reads no result.
        const seen = first + size <= settings.startup ? [] : trialsBefore(configs, results, first);
        if (!seen) break;
        const random = seededRandom(`${name}/${seed}/${first}`);
        for (const config of code.proposeBatch(kind, seen, space, random, size, settings)) {
          const id = configs.push(config) - 1;
          plans.push({ id, config, seed: trialSeed(seed, id), epochs });
        }
      }
      return plans.length === 0 && configs.length === trials ? "done" : plans;
    },
  };
}

/**
 * The options both model-based methods take, one help text for both (`--help` lists a flag
 * once, whichever methods have it). `--startup` defaults to the sampler's (and Optuna's) 10.
 */
const MODEL_OPTIONS: SearchMethod["options"] = {
  startup: { default: 10, min: 1, help: "random start-up trials before the model proposes" },
  candidates: {
    default: 0,
    min: 0,
    help: "candidates scored per proposal (0: the sampler's, bo 256, tpe 24)",
  },
  batch: {
    default: 1,
    min: 1,
    help: "proposals at a time, a constant liar for the pending ones (the log depends on it)",
  },
};

/** A model-based method of lesson 09 as the method table holds it. */
function modelMethod(kind: ModelKind, name: string, summary: string): SearchMethod {
  return {
    summary,
    trialsHelp: "how many trials, start-up ones included (required)",
    pieces: PIECES,
    labels: [],
    options: MODEL_OPTIONS,
    shardable: false,
    defaultSpace: RANDOM_SPACE,
    start: (context) => startModelBased(kind, name, context),
  };
}

/** Bayesian optimisation (lesson 09): a Gaussian process, candidates ranked by expected improvement. */
export const BO: SearchMethod = modelMethod(
  "gp",
  "bo",
  "a Gaussian process fitted to the trials so far, the next trial by expected improvement " +
    "(lesson 09)",
);

/** TPE (lesson 09): candidates drawn from the good trials' density, ranked by l(x)/g(x). */
export const TPE: SearchMethod = modelMethod(
  "tpe",
  "tpe",
  "the tree-structured Parzen estimator: good and bad densities, the next trial by l(x)/g(x) " +
    "(lesson 09)",
);

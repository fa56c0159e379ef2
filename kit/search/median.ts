/**
 * Lesson 10's median stopping rule, `--method median`: random search over `--trials`
 * configurations at `--epochs` each, where a trial is stopped after an epoch when its best
 * validation accuracy so far is below the median of the completed trials' running averages at
 * that epoch (Golovin et al., Google Vizier, 2017), through the course's `medianStoppingDecision`
 * (lesson 10, the learner's in the student edition) with `--grace` and `--min-trials`.
 *
 * **Which trials count.** The completed trials a trial is compared with are those completed
 * when it STARTS: its threshold for every epoch is fixed then (computed by asking
 * `medianStoppingDecision` about a curve below every score: it stops exactly when the rule
 * applies, and names the median), and the worker stops the trial itself, so the epochs it does
 * not need are never trained. Vizier compares with the trials completed at each step; fixing
 * them at the start is what lets a worker decide alone, and on the simulated clock it keeps the
 * decisions independent of the real workers. A stopped trial keeps the weights it stopped with.
 *
 * **Clocks** (`clock.ts`): simulated (default), W virtual workers, an epoch of a network of h
 * units costing 0.2 + h/32; a trial's end is known once its result is, and nothing later is
 * decided before it. Real: the trials completed on this machine when a worker frees count.
 *
 * @module
 */

import type { TrialPlan } from "./pool.ts";
import type { Config, LogRow } from "./runner.ts";
import {
  type MethodContext,
  type Proposer,
  SearchArgumentError,
  type SearchMethod,
} from "./method.ts";
import { RANDOM_SPACE, randomSearchConfigurations } from "./grid_random.ts";
import { epochCost, REAL_CLOCK_NO_RESUME, simTime, utilisation, virtualWorkers } from "./clock.ts";
import { trialSeed, trialSettings } from "./trial.ts";

/** The lesson-10 piece median stopping calls. */
export interface MedianCode {
  /** Lesson 10: the rule's decision for a trial at its latest step. */
  medianStoppingDecision(
    curve: readonly number[],
    others: readonly { curve: readonly number[]; completed: boolean }[],
    options: { graceSteps?: number; minTrials?: number },
  ): { stop: boolean; median: number | null; counted: number };
}

/** The log-only columns of a median-stopping search on each clock. */
export const MEDIAN_LABELS = {
  simulated: ["vworker", "sim_start"],
  real: ["vworker", "start_s"],
} as const;

/**
 * The rule's threshold after each of `epochs` epochs, given the curves of the completed trials:
 * the median where `medianStoppingDecision` would stop a trial scoring below everything, else
 * -Infinity (never stop there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { medianThresholds } from "./median.ts";
 * import { medianStoppingDecision } from "../../solutions/10-asynchronous-search/median_stopping.ts";
 * const code = { medianStoppingDecision };
 * const done = [[0.5, 0.7], [0.3, 0.5], [0.6, 0.8]];
 * // Step 1: median of 0.5, 0.3, 0.6; step 2: median of the averages 0.6, 0.4, 0.7.
 * assert.deepEqual(medianThresholds(code, done, 2, { graceSteps: 1, minTrials: 3 }), [0.5, 0.6]);
 * assert.deepEqual(medianThresholds(code, done, 2, { graceSteps: 2, minTrials: 3 }), [-Infinity, 0.6]);
 * ```
 */
export function medianThresholds(
  code: MedianCode,
  completed: readonly (readonly number[])[],
  epochs: number,
  options: { graceSteps: number; minTrials: number },
): number[] {
  const others = completed.map((curve) => ({
    curve: curve.map((y) => Number.isFinite(y) ? y : 0),
    completed: true,
  }));
  return Array.from({ length: epochs }, (_, e) => {
    const lowest = new Array<number>(e + 1).fill(-Number.MAX_VALUE);
    const decision = code.medianStoppingDecision(lowest, others, options);
    return decision.stop && decision.median !== null ? decision.median : -Infinity;
  });
}

/** What both clocks share: the configurations, the plans, and the completed curves. */
function medianState(context: MethodContext) {
  const { code, space, trials, epochs, seed, options, defaults, folds, patience } = context;
  if (folds) {
    throw new SearchArgumentError(
      "--method median compares one validation curve per trial: add --cv 0",
    );
  }
  if (patience !== undefined) {
    throw new SearchArgumentError("--method median is a stopping rule itself: drop --patience");
  }
  if (trials === undefined) throw new SearchArgumentError("median stopping needs --trials N");
  const configs: Config[] = randomSearchConfigurations(code, space, trials, seed);
  const rule = { graceSteps: options.grace, minTrials: options["min-trials"] };
  const completed: number[] = [];
  const curveOf = (id: number) => {
    const curve = context.curve(id);
    if (!curve) {
      throw new Error(
        `median stopping needs trial ${id}'s training curve: is the log's curves file ` +
          "(LOG.curves.csv) missing? Resume with it, or use another --out",
      );
    }
    return curve;
  };
  let started = 0;
  return {
    left: () => started < configs.length,
    cost: (id: number) => epochCost(trialSettings(configs[id], { ...defaults, epochs }).hidden),
    plan(labels: TrialPlan["labels"]): TrialPlan {
      const id = started++;
      const stopBelow = medianThresholds(
        code as unknown as MedianCode,
        completed.map(curveOf),
        epochs,
        rule,
      );
      return { id, config: configs[id], seed: trialSeed(seed, id), epochs, labels, stopBelow };
    },
    complete: (id: number) => completed.push(id),
    trained: (id: number) => curveOf(id).length,
    epochs: () => completed.reduce((sum, id) => sum + curveOf(id).length, 0),
    /** The winner is among the trials that ran every epoch. */
    candidates: (results: ReadonlyMap<number, LogRow>) =>
      [...results.keys()].filter((id) => context.curve(id)?.length === epochs),
    stopped: () => completed.filter((id) => curveOf(id).length < epochs).length,
  };
}

/**
 * Median stopping on the simulated clock: W virtual workers take trials in order; a trial's
 * end is known once its result is, and a worker frees only when every trial that could end
 * before it is back.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simulatedMedian } from "./median.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { medianStoppingDecision } from "../../solutions/10-asynchronous-search/median_stopping.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * import type { TrialPlan } from "./pool.ts";
 * const code = { randomConfigurations, medianStoppingDecision } as never;
 * const context = {
 *   code, space: { lr: [0.1, 0.2] }, trials: 9, epochs: 9, seed: 0, options: { grace: 3, "min-trials": 3 },
 *   clock: "simulated" as const, virtualWorkers: 2, defaults: DEFAULT_SETTINGS, folds: 0,
 *   curve: () => undefined, weights: () => undefined,
 * };
 * const first = simulatedMedian(context).next(new Map()) as TrialPlan[];
 * // Two virtual workers start trials 0 and 1; nothing has completed: no threshold yet.
 * assert.deepEqual(first.map((p) => p.id), [0, 1]);
 * assert.ok(first[0].stopBelow!.every((t) => t === -Infinity));
 * ```
 */
export function simulatedMedian(context: MethodContext): Proposer {
  const state = medianState(context);
  const workers = context.virtualWorkers, epochs = context.epochs;
  const clock = virtualWorkers(workers, {
    start(worker, now) {
      if (!state.left()) return undefined;
      const plan = state.plan({ vworker: worker, sim_start: simTime(now) });
      const first = plan.stopBelow!.findIndex((t) => t > -Infinity);
      return { plan, earliest: now + (first < 0 ? epochs : first + 1) * state.cost(plan.id) };
    },
    // A trial can stop early: its end is known once its result says how many epochs it trained.
    endOf: (job) => job.start + state.trained(job.id) * state.cost(job.id),
    finish(job, _results, assign) {
      state.complete(job.id);
      assign(job.worker, job.end);
    },
  });
  return {
    labels: MEDIAN_LABELS.simulated,
    total: context.trials,
    parallelism: workers,
    next: (results) => clock.next(results),
    candidates: (results) => state.candidates(results),
    epochs: () => state.epochs(),
    costNote() {
      const u = utilisation(clock.finished, workers);
      return `median stopping stopped ${state.stopped()} of ${clock.finished.length} trials; ` +
        `simulated clock, ${workers} virtual workers: makespan ${u.makespan.toFixed(1)} units, ` +
        `utilisation ${(100 * u.utilisation).toFixed(1)} %`;
    },
  };
}

/**
 * Median stopping on the real clock: `--workers` slots; a slot that frees starts the next
 * trial, compared with the trials completed on this machine by then.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realMedian } from "./median.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { medianStoppingDecision } from "../../solutions/10-asynchronous-search/median_stopping.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * import type { TrialPlan } from "./pool.ts";
 * const code = { randomConfigurations, medianStoppingDecision } as never;
 * const context = {
 *   code, space: { lr: [0.1, 0.2] }, trials: 9, epochs: 9, seed: 0, options: { grace: 3, "min-trials": 3 },
 *   clock: "real" as const, virtualWorkers: 2, defaults: DEFAULT_SETTINGS, folds: 0,
 *   curve: () => undefined, weights: () => undefined,
 * };
 * const first = realMedian(context).next(new Map()) as TrialPlan[];
 * assert.deepEqual(first.map((p) => p.labels?.vworker), [0, 1]);
 * ```
 */
export function realMedian(context: MethodContext): Proposer {
  const state = medianState(context);
  const workers = context.virtualWorkers;
  const slots: (number | undefined)[] = new Array(workers).fill(undefined);
  let origin: number | undefined;
  return {
    labels: MEDIAN_LABELS.real,
    noResume: REAL_CLOCK_NO_RESUME,
    total: context.trials,
    parallelism: workers,
    next(results) {
      origin ??= performance.now();
      const out: TrialPlan[] = [];
      for (const [w, id] of slots.entries()) {
        if (id === undefined || !results.has(id)) continue;
        state.complete(id);
        slots[w] = undefined;
      }
      for (let w = 0; w < workers && state.left(); w++) {
        if (slots[w] !== undefined) continue;
        const plan = state.plan({
          vworker: w,
          start_s: Math.round(performance.now() - origin) / 1000,
        });
        slots[w] = plan.id;
        out.push(plan);
      }
      return out.length === 0 && slots.every((s) => s === undefined) ? "done" : out;
    },
    candidates: (results) => state.candidates(results),
    epochs: () => state.epochs(),
    costNote: () =>
      `median stopping stopped ${state.stopped()} trials; REAL clock: the trials each one was ` +
      "compared with are those finished on this machine when it started (not reproducible)",
  };
}

/** `--method median` in the method table. */
export const MEDIAN: SearchMethod = {
  summary: "random search with the median stopping rule: stop a trial whose best is below " +
    "the completed trials' median (lesson 10)",
  trialsHelp: "configurations (required), each up to --epochs",
  pieces: [{
    file: "10-asynchronous-search/median_stopping.ts",
    names: ["medianStoppingDecision"],
  }],
  labels: MEDIAN_LABELS.simulated,
  options: {
    grace: { default: 3, min: 1, help: "median: never stop a trial before N epochs" },
    "min-trials": {
      default: 3,
      min: 1,
      help: "median: stop only when N completed trials count",
    },
  },
  shardable: false,
  clocked: true,
  defaultSpace: RANDOM_SPACE,
  start: (context) => context.clock === "real" ? realMedian(context) : simulatedMedian(context),
};

/**
 * Lesson 10's asynchronous successive halving, `--method asha`: the rungs of `--method halving`
 * (lesson 08's `halvingPlan` with the same `--trials`, `--eta` and `--epochs`), but no barrier: a
 * free worker asks the course's `ashaNextJob` (lesson 10, the learner's in the student edition)
 * for a promotion from what its rungs hold so far, else starts the next of the `--trials`
 * random configurations at the bottom rung. A worker with nothing to do waits for the next result.
 * With `--budget B` no job is handed out once B epochs have been (the paper's time budget in
 * epochs: with a fixed number of configurations the last promotions run one after another while
 * the other workers idle, so ASHA only keeps its workers busy when it may start new ones).
 *
 * **Clocks** (`clock.ts`). On the simulated clock (default) a job costs its epochs × the nominal
 * cost of an epoch of its width, and `--virtual-workers` W take the jobs in simulated time: the
 * log, its columns `vworker`, `sim_start` and `sim_end` included, depends on the seed, the space
 * and W only, whatever `--workers` runs the jobs, and a cut log resumes to the same log. On the
 * real clock the decisions follow the order jobs finish here (`vworker` is the real worker's
 * slot, `start_s` when it started); such a log cannot be resumed.
 *
 * **Retrained, not continued.** The workers keep no checkpoints, so a promoted configuration is
 * trained again from scratch to the next rung's budget (same training seed): each row is one
 * training of `epochs` epochs, the simulated clock charges it all, and the summary says what
 * continuing from checkpoints would have cost.
 *
 * @module
 */

import type { TrialPlan } from "./pool.ts";
import type { Config, LogRow } from "./runner.ts";
import type { MethodContext, Proposer, SearchMethod } from "./method.ts";
import { RANDOM_SPACE, randomSearchConfigurations } from "./grid_random.ts";
import { fidelityBrackets, type FidelityCode } from "./fidelity.ts";
import { epochCost, REAL_CLOCK_NO_RESUME, simTime, utilisation, virtualWorkers } from "./clock.ts";
import { trialSeed, trialSettings } from "./trial.ts";

/** One rung as lesson 10's `ashaNextJob` reads it. */
export interface AshaRung {
  /** Finished evaluations: configuration index and validation score (NaN: diverged). */
  results: { id: number; score: number }[];
  /** Configuration indices promoted from this rung. */
  promoted: number[];
}

/** The lesson-10 piece ASHA calls, on top of lesson 08's plans. */
export interface AshaCode extends FidelityCode {
  /** Lesson 10: the job a free worker is given. */
  ashaNextJob(
    rungs: readonly AshaRung[],
    eta: number,
  ): { kind: "promote"; id: number; rung: number } | { kind: "new"; rung: 0 };
}

/** The log-only columns of an ASHA search on each clock. */
export const ASHA_LABELS = {
  simulated: ["config", "rung", "vworker", "sim_start", "sim_end"],
  real: ["config", "rung", "vworker", "start_s"],
} as const;

/**
 * A row's score as a rung holds it: a diverged run is NaN (never promoted).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rungScore } from "./asha.ts";
 * assert.equal(rungScore({ score: 0.5, status: "ok" }), 0.5);
 * assert.ok(Number.isNaN(rungScore({ score: 0.5, status: "diverged" })));
 * ```
 */
export const rungScore = (row: LogRow): number =>
  row.status === "diverged" || !Number.isFinite(row.score) ? NaN : row.score as number;

/** The scheduler state both clocks share: rungs, configurations, and the jobs handed out. */
function ashaState(context: MethodContext) {
  const { code, space, trials, epochs, seed, options, defaults } = context;
  const asha = code as unknown as AshaCode;
  const [plan] = fidelityBrackets(asha, "halving", trials, options.eta, epochs);
  const budgets = plan.rungs.map((r) => r.budget);
  const configs: Config[] = randomSearchConfigurations(code, space, trials, seed);
  const rungs: AshaRung[] = budgets.map(() => ({ results: [], promoted: [] }));
  const jobs: { id: number; config: number; rung: number }[] = [];
  let started = 0, handedOut = 0;
  const budget = options.budget > 0 ? options.budget : Infinity;
  return {
    budgets,
    rungs,
    jobs,
    /** The next job by `ashaNextJob`, or undefined when it is "new" and none is left. */
    ask(): { config: number; rung: number } | undefined {
      if (handedOut >= budget) return undefined;
      const job = asha.ashaNextJob(rungs, options.eta);
      if (job.kind === "promote") {
        rungs[job.rung - 1].promoted.push(job.id);
        return { config: job.id, rung: job.rung };
      }
      return started < configs.length ? { config: started++, rung: 0 } : undefined;
    },
    plan(job: { config: number; rung: number }, labels: TrialPlan["labels"]): TrialPlan {
      const id = jobs.length;
      jobs.push({ id, ...job });
      handedOut += budgets[job.rung];
      return {
        id,
        config: configs[job.config],
        seed: trialSeed(seed, job.config),
        epochs: budgets[job.rung],
        labels: { config: job.config, rung: job.rung, ...labels },
      };
    },
    duration: (job: { config: number; rung: number }) =>
      budgets[job.rung] *
      epochCost(trialSettings(configs[job.config], { ...defaults, epochs }).hidden),
    record(id: number, row: LogRow) {
      const job = jobs[id];
      rungs[job.rung].results.push({ id: job.config, score: rungScore(row) });
    },
    /** The rows of the highest rung reached: the winner's candidates. */
    candidates(results: ReadonlyMap<number, LogRow>): number[] {
      const top = Math.max(...jobs.filter((j) => results.has(j.id)).map((j) => j.rung));
      return jobs.filter((j) => j.rung === top && results.has(j.id)).map((j) => j.id);
    },
    /** Epochs continuing promoted configurations from checkpoints would have trained. */
    resumeEpochs: () =>
      jobs.reduce((sum, j) => sum + budgets[j.rung] - (j.rung > 0 ? budgets[j.rung - 1] : 0), 0),
  };
}

/**
 * ASHA on the simulated clock: W virtual workers, each job's end known when it starts; a
 * decision at time t waits for every result that finished by t ({@link virtualWorkers}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simulatedAsha } from "./asha.ts";
 * import * as plan from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { ashaNextJob } from "../../solutions/10-asynchronous-search/asha.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * import type { TrialPlan } from "./pool.ts";
 * const code = { ...plan, randomConfigurations, ashaNextJob } as never;
 * const proposer = simulatedAsha({
 *   code, space: { lr: [0.1, 0.2] }, trials: 9, epochs: 9, seed: 0, options: { eta: 3, budget: 0 },
 *   clock: "simulated", virtualWorkers: 2, defaults: DEFAULT_SETTINGS, curve: () => undefined, weights: () => undefined,
 * });
 * const first = proposer.next(new Map()) as TrialPlan[];
 * assert.deepEqual(first.map((p) => p.labels?.vworker), [0, 1]);
 * assert.deepEqual(proposer.next(new Map()), []); // waits for the first to finish
 * ```
 */
export function simulatedAsha(context: MethodContext): Proposer {
  const state = ashaState(context);
  const workers = context.virtualWorkers;
  const idle = new Set<number>();
  const clock = virtualWorkers(workers, {
    start(worker, now) {
      const job = state.ask();
      if (!job) return void idle.add(worker);
      idle.delete(worker);
      const end = now + state.duration(job);
      const plan = state.plan(job, {
        vworker: worker,
        sim_start: simTime(now),
        sim_end: simTime(end),
      });
      return { plan, end, earliest: end };
    },
    finish(job, results, assign) {
      state.record(job.id, results.get(job.id)!);
      assign(job.worker, job.end);
      for (const w of [...idle].sort((a, b) => a - b)) assign(w, job.end);
    },
  });
  return {
    labels: ASHA_LABELS.simulated,
    parallelism: workers,
    next: (results) => clock.next(results),
    candidates: (results) => state.candidates(results),
    costNote() {
      const u = utilisation(clock.finished, workers);
      return `simulated clock, ${workers} virtual workers: makespan ${u.makespan.toFixed(1)} ` +
        `units, utilisation ${(100 * u.utilisation).toFixed(1)} %; promoted configurations ` +
        `retrained from scratch; continuing from checkpoints would have cost ` +
        `${state.resumeEpochs()}`;
    },
  };
}

/**
 * ASHA on the real clock: `--workers` slots; whenever results come back (in whatever order this
 * machine finishes them), their slots ask for jobs, lowest slot first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realAsha } from "./asha.ts";
 * import * as plan from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { ashaNextJob } from "../../solutions/10-asynchronous-search/asha.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * import type { TrialPlan } from "./pool.ts";
 * const code = { ...plan, randomConfigurations, ashaNextJob } as never;
 * const context = {
 *   code, space: { lr: [0.1, 0.2] }, trials: 9, epochs: 9, seed: 0, options: { eta: 3, budget: 0 },
 *   clock: "real" as const, virtualWorkers: 2, defaults: DEFAULT_SETTINGS, folds: 0,
 *   curve: () => undefined, weights: () => undefined,
 * };
 * const first = realAsha(context).next(new Map()) as TrialPlan[];
 * assert.deepEqual(first.map((p) => [p.labels?.vworker, p.labels?.rung]), [[0, 0], [1, 0]]);
 * assert.equal(typeof first[0].labels?.start_s, "number");
 * ```
 */
export function realAsha(context: MethodContext): Proposer {
  const state = ashaState(context);
  const workers = context.virtualWorkers;
  const slots: (number | undefined)[] = new Array(workers).fill(undefined);
  let origin: number | undefined, last = 0, seen: ReadonlyMap<number, LogRow> = new Map();
  return {
    labels: ASHA_LABELS.real,
    noResume: REAL_CLOCK_NO_RESUME,
    parallelism: workers,
    next(results) {
      origin ??= performance.now();
      seen = results;
      const out: TrialPlan[] = [];
      for (const [w, id] of slots.entries()) {
        if (id === undefined || !results.has(id)) continue;
        state.record(id, results.get(id)!);
        slots[w] = undefined;
        last = performance.now();
      }
      for (let w = 0; w < workers; w++) {
        if (slots[w] !== undefined) continue;
        const job = state.ask();
        if (!job) continue;
        const startS = Math.round(performance.now() - origin) / 1000;
        const plan = state.plan(job, { vworker: w, start_s: startS });
        slots[w] = plan.id;
        out.push(plan);
      }
      return out.length === 0 && slots.every((s) => s === undefined) ? "done" : out;
    },
    candidates: (results) => state.candidates(results),
    costNote() {
      const wall = (last - (origin ?? last)) / 1000;
      const busy = [...seen.values()].reduce((sum, row) => sum + Number(row.train_s), 0);
      const share = wall > 0 ? ` ${(100 * busy / (workers * wall)).toFixed(1)} %` : " —";
      return `REAL clock, ${workers} workers: promotions followed the order trials finished on ` +
        `this machine (not reproducible); measured utilisation${share} (Σ train_s / (W × ` +
        `wall)); promoted configurations retrained from scratch; continuing from checkpoints ` +
        `would have cost ${state.resumeEpochs()}`;
    },
  };
}

/** `--method asha` in the method table. */
export const ASHA: SearchMethod = {
  summary: "asynchronous successive halving: promote as soon as a rung allows, no barrier " +
    "(lesson 10)",
  trialsHelp: "configurations it may start (required); the rungs are halving's",
  pieces: [
    { file: "08-beyond-grid-and-random/halving_plan.ts", names: ["halvingPlan", "hyperbandPlan"] },
    { file: "10-asynchronous-search/asha.ts", names: ["ashaNextJob"] },
  ],
  labels: ASHA_LABELS.simulated,
  options: {
    eta: {
      default: 3,
      min: 2,
      help: "keep 1/H of the configurations at each rung and multiply their epochs by H",
    },
    budget: {
      default: 0,
      min: 0,
      help: "asha: hand out no job once N epochs are handed out (0: none; then --trials " +
        "configurations and their promotions)",
    },
  },
  shardable: false,
  clocked: true,
  defaultSpace: RANDOM_SPACE,
  start: (context) => context.clock === "real" ? realAsha(context) : simulatedAsha(context),
};

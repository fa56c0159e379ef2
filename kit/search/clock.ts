/**
 * The clocks of lesson 10's asynchronous methods (`--method asha|median`, `--clock`).
 *
 * **Simulated** (the default): each job costs a nominal time known when it starts (its epochs ×
 * {@link epochCost} of its width), and W virtual workers take jobs on that clock, the worker
 * free first (equal times: the lower index) first. Every decision is made at a simulated time
 * from the results finished by then, so it depends on the seed, the space and W only; the real
 * workers just run the jobs the simulation has handed out, as many at once as they can.
 *
 * **Real**: the decisions follow the order trials finish on this machine, at this moment. Such a
 * search is faster to reason about in seconds, but not reproducible, and cannot be resumed.
 *
 * @module
 */

import { SearchArgumentError } from "./method.ts";
import type { TrialPlan } from "./pool.ts";
import type { LogRow } from "./runner.ts";

/** The clocks `--clock` takes. */
export const CLOCKS: readonly string[] = ["simulated", "real"];

/** A clock's name. */
export type Clock = "simulated" | "real";

/**
 * The nominal simulated time of one epoch of a network with `hidden` units: `0.2 + hidden / 32`,
 * lesson 10's cost (it grows with the hidden layer's multiply-adds, so wide networks are the
 * stragglers), the same on every machine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { epochCost } from "./clock.ts";
 * assert.equal(epochCost(32), 1.2);
 * ```
 */
export function epochCost(hidden: number): number {
  return EPOCH_COST.base + hidden / EPOCH_COST.unitsPerTime;
}

/** The constants of {@link epochCost}: `base + hidden / unitsPerTime`. */
export const EPOCH_COST = { base: 0.2, unitsPerTime: 32 } as const;

/**
 * `text` as a {@link Clock}. Throws a `SearchArgumentError` naming the clocks otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseClock } from "./clock.ts";
 * assert.equal(parseClock(undefined), "simulated");
 * assert.throws(() => parseClock("wall"), /--clock must be simulated or real, got "wall"/);
 * ```
 */
export function parseClock(text: string | undefined): Clock {
  if (text === undefined) return "simulated";
  if (!CLOCKS.includes(text)) {
    throw new SearchArgumentError(`--clock must be ${CLOCKS.join(" or ")}, got "${text}"`);
  }
  return text as Clock;
}

/** A job on a virtual worker of the simulated clock. */
export interface ClockJob {
  /** The trial (row) id. */
  id: number;
  /** The virtual worker running it. */
  worker: number;
  /** When it started. */
  start: number;
  /** When it ends, once known (at once for a fixed budget; from its result when it can stop). */
  end?: number;
  /** The earliest it can end (its `end` when that is known). */
  earliest: number;
}

/**
 * The next job to finish on the simulated clock among `running`: the smallest end (or, while
 * unknown, earliest end), equal times the lower worker. `"wait"` when that job's result is not
 * back yet (nothing later may be decided before it), `undefined` when nothing runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextFinished } from "./clock.ts";
 * const running = [
 *   { id: 0, worker: 0, start: 0, end: 3, earliest: 3 },
 *   { id: 1, worker: 1, start: 0, end: 2, earliest: 2 },
 * ];
 * assert.equal(nextFinished(running, (id) => id === 0), "wait"); // job 1 ends first
 * assert.equal((nextFinished(running, () => true) as { id: number }).id, 1);
 * ```
 */
export function nextFinished(
  running: readonly ClockJob[],
  isBack: (id: number) => boolean,
): ClockJob | "wait" | undefined {
  let first: ClockJob | undefined;
  const time = (job: ClockJob) => job.end ?? job.earliest;
  for (const job of running) {
    if (
      !first || time(job) < time(first) || (time(job) === time(first) && job.worker < first.worker)
    ) first = job;
  }
  if (!first) return undefined;
  return first.end !== undefined && isBack(first.id) ? first : "wait";
}

/** What one asynchronous method does on the virtual workers of {@link virtualWorkers}. */
export interface VirtualWorkerSteps {
  /**
   * The job worker `worker`, free at `now`, starts: its plan, its end when known at once, and the
   * earliest it can end; `undefined` when there is none for it now.
   */
  start(
    worker: number,
    now: number,
  ): { plan: TrialPlan; end?: number; earliest: number } | undefined;
  /** The end of a job whose end was unknown, once its result is back (e.g. it stopped early). */
  endOf?(job: ClockJob): number;
  /**
   * Records `job`, finished at `job.end`, and hands out the jobs that follow by calling `assign`
   * for each worker free then.
   */
  finish(
    job: ClockJob & { end: number },
    results: ReadonlyMap<number, LogRow>,
    assign: (worker: number, now: number) => void,
  ): void;
}

/**
 * The `next` of a simulated-clock proposer: at the first call, one job for each of `workers`
 * virtual workers; then, while the job that ends first on the simulated clock has its result
 * back, it is finished (`steps.finish`) and what that frees is handed out. It returns the new
 * plans, or `"done"` once nothing runs and nothing new started. `finished` holds the jobs done,
 * for {@link utilisation}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { virtualWorkers } from "./clock.ts";
 * let next = 0;
 * const clock = virtualWorkers(2, {
 *   // Three jobs of 2 time units each.
 *   start: (_worker, now) =>
 *     next < 3 ? { plan: { id: next++, config: {}, seed: 0, epochs: 1 }, end: now + 2, earliest: now + 2 } : undefined,
 *   finish: (job, _results, assign) => assign(job.worker, job.end),
 * });
 * const ids = (back: number[]) => {
 *   const step = clock.next(new Map(back.map((id) => [id, {}])));
 *   return step === "done" ? step : step.map((plan) => plan.id);
 * };
 * assert.deepEqual(ids([]), [0, 1]);
 * assert.deepEqual(ids([1]), []); // job 0 ends first (equal times: the lower worker): wait for it
 * assert.deepEqual(ids([0, 1]), [2]);
 * assert.equal(ids([0, 1, 2]), "done");
 * assert.deepEqual(clock.finished, [{ start: 0, end: 2 }, { start: 0, end: 2 }, { start: 2, end: 4 }]);
 * ```
 */
export function virtualWorkers(workers: number, steps: VirtualWorkerSteps): {
  next(results: ReadonlyMap<number, LogRow>): readonly TrialPlan[] | "done";
  finished: { start: number; end: number }[];
} {
  const running: ClockJob[] = [];
  const finished: { start: number; end: number }[] = [];
  let begun = false;
  return {
    finished,
    next(results) {
      const out: TrialPlan[] = [];
      const assign = (worker: number, now: number) => {
        const started = steps.start(worker, now);
        if (!started) return;
        const { plan, end, earliest } = started;
        running.push({ id: plan.id, worker, start: now, end, earliest });
        out.push(plan);
      };
      if (!begun) {
        begun = true;
        for (let w = 0; w < workers; w++) assign(w, 0);
      }
      for (;;) {
        for (const job of running) {
          if (job.end === undefined && steps.endOf && results.has(job.id)) {
            job.end = steps.endOf(job);
          }
        }
        const job = nextFinished(running, (id) => results.has(id));
        if (job === undefined) return out.length > 0 ? out : "done";
        if (job === "wait") return out;
        running.splice(running.indexOf(job), 1);
        finished.push({ start: job.start, end: job.end! });
        steps.finish(job as ClockJob & { end: number }, results, assign);
      }
    },
  };
}

/** Busy time and makespan of the jobs of a simulated search: its utilisation. */
export interface Utilisation {
  /** Σ job durations over the workers. */
  busy: number;
  /** When the last job ended. */
  makespan: number;
  /** busy / (W · makespan); 0 for no jobs. */
  utilisation: number;
}

/**
 * The utilisation of finished jobs on `workers` workers: Σ (end − start) / (W · last end).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utilisation } from "./clock.ts";
 * const jobs = [{ start: 0, end: 3 }, { start: 0, end: 1 }, { start: 1, end: 2 }];
 * assert.deepEqual(utilisation(jobs, 2), { busy: 5, makespan: 3, utilisation: 5 / 6 });
 * ```
 */
export function utilisation(
  jobs: readonly { start: number; end: number }[],
  workers: number,
): Utilisation {
  const busy = jobs.reduce((sum, j) => sum + j.end - j.start, 0);
  const makespan = Math.max(0, ...jobs.map((j) => j.end));
  return { busy, makespan, utilisation: makespan > 0 ? busy / (workers * makespan) : 0 };
}

/**
 * A simulated time as the log writes it: rounded to 1e-6, so that sums print the same.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simTime } from "./clock.ts";
 * assert.equal(simTime(0.1 + 0.2), 0.3);
 * ```
 */
export const simTime = (t: number): number => Math.round(t * 1e6) / 1e6;

/**
 * List scheduling of jobs known in advance: job j, in order, on the worker free first (equal
 * times: the lower index), from the time it is free. One synchronous rung is one call; a
 * barrier is starting the next call at this one's last end.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleJobs } from "./clock.ts";
 * const jobs = scheduleJobs([3, 1, 1, 2], 2);
 * assert.deepEqual(jobs.map((j) => [j.worker, j.start, j.end]), [[0, 0, 3], [1, 0, 1], [1, 1, 2], [1, 2, 4]]);
 * ```
 */
export function scheduleJobs(
  durations: readonly number[],
  workers: number,
  from = 0,
): { worker: number; start: number; end: number }[] {
  const freeAt = new Array<number>(workers).fill(from);
  return durations.map((duration) => {
    let worker = 0;
    for (let w = 1; w < workers; w++) if (freeAt[w] < freeAt[worker]) worker = w;
    const start = freeAt[worker];
    freeAt[worker] = start + duration;
    return { worker, start, end: start + duration };
  });
}

/** Why a real-clock search cannot resume (`Proposer.noResume`). */
export const REAL_CLOCK_NO_RESUME =
  "its decisions followed the order trials finished then, on the real clock, which is gone " +
  "(--clock simulated is reproducible and resumable)";

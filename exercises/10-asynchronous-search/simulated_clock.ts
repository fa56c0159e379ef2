// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: a simulated clock for W workers: who runs what, when, and how busy each one was.
 *
 * @module
 */

/** One job as it ran on the simulated clock. */
export interface ClockEvent {
  /** The job's index in the list of durations. */
  job: number;
  /** The worker (0 … W − 1) that ran it. */
  worker: number;
  /** When it started and finished, in the durations' unit (seconds, epochs). */
  start: number;
  end: number;
}

/** What {@link simulateWorkers} returns. */
export interface ClockRun {
  /** Every job, in the order it FINISHED (equal end times: the lower worker first). */
  events: ClockEvent[];
  /** Each worker's busy time: the sum of the durations of its jobs. */
  busy: number[];
  /** When the last job finished (0 for no jobs). */
  makespan: number;
  /** Σ busy / (W · makespan): the share of the workers' time spent working (0 for no jobs). */
  utilisation: number;
}

/**
 * Runs jobs of known `durations`, in the list's order, on `workers` identical workers, each job
 * as soon as a worker is free: job j goes to the worker that becomes free first (at time 0 all
 * are free; equal times, the lowest-numbered worker), and starts at that time. No worker waits
 * while a job is left, so this is the clock of an asynchronous search whose jobs are known in
 * advance; a synchronous rung is one call, its makespan the time until its slowest job is done.
 *
 * Deterministic by construction: the same durations and W give the same events, whatever the
 * machine, which is what makes a simulated-clock search reproducible.
 *
 * Throws a `RangeError` when `workers` is not an integer ≥ 1 or a duration is negative or not
 * finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simulateWorkers } from "./simulated_clock.ts";
 * const run = simulateWorkers([3, 1, 1, 2], 2);
 * // Worker 1 finishes job 1 at 1, takes job 2 (done at 2), then job 3 (done at 4).
 * assert.deepEqual(run.events.map((e) => [e.job, e.worker, e.end]), [[1, 1, 1], [2, 1, 2], [0, 0, 3], [3, 1, 4]]);
 * assert.deepEqual(run.busy, [3, 4]);
 * assert.equal(run.makespan, 4);
 * assert.equal(run.utilisation, 7 / 8);
 * ```
 */
export function simulateWorkers(durations: readonly number[], workers: number): ClockRun {
  throw new Error("TODO: simulateWorkers (lesson 10, 'What synchronisation costs')");
}

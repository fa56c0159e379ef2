/**
 * Lesson 10's searches on a simulated clock, with the scores injected: synchronous successive
 * halving (each rung a barrier) and ASHA (no barrier), both on W virtual workers, both reading
 * the same `TrialSource` so that they see the same configurations and the same learning curves.
 * The experiments plug real training in (`./experiment.ts`); the text's worked example and the
 * unit tests plug in closed-form curves.
 *
 * The clock's rule is the exercise's (`simulateWorkers`): the worker free first (equal times:
 * the lower index) takes the next job. Here the next job is decided when the worker asks, from
 * what has finished by then, which is what makes ASHA's decisions depend on W.
 *
 * @module
 */

import { simulateWorkers } from "../../../solutions/10-asynchronous-search/simulated_clock.ts";
import {
  type AshaJob,
  ashaNextJob,
  type AshaRung,
} from "../../../solutions/10-asynchronous-search/asha.ts";

/** What the searches need to know about configuration `id`. */
export interface TrialSource {
  /** Validation score after `epochs` epochs (the same whenever it is asked). */
  score(id: number, epochs: number): number;
  /** Simulated seconds one epoch of it takes. */
  epochCost(id: number): number;
}

/** One job as it ran: configuration, rung reached, worker and time. */
export interface RunEvent {
  id: number;
  rung: number;
  worker: number;
  start: number;
  end: number;
}

/** A search's outcome on the simulated clock. */
export interface ClockSearch {
  /** Every job, in the order it finished. */
  events: RunEvent[];
  /** Each rung's finished results, in finishing order. */
  rungs: { id: number; score: number }[][];
  /** Each rung's promotions, in the order they were made. */
  promoted: number[][];
  /** Busy time of each worker, the last end, and Σ busy / (W · makespan). */
  busy: number[];
  makespan: number;
  utilisation: number;
  /** Epochs trained (resumed promotions count only their extra epochs). */
  epochs: number;
  /** The best result of the highest rung reached (tie rule: score, then id), and when it came. */
  winner: { id: number; rung: number; score: number; time: number };
}

/** Options shared by both searches. */
export interface HalvingSettings {
  eta: number;
  /** Epochs of each rung, increasing. */
  budgets: readonly number[];
  workers: number;
  /** A promoted configuration resumes from its checkpoint (true) or retrains from scratch. */
  resume: boolean;
}

/** Epochs job `id` trains to reach rung `rung`. */
const jobEpochs = (budgets: readonly number[], rung: number, resume: boolean) =>
  budgets[rung] - (resume && rung > 0 ? budgets[rung - 1] : 0);

const byScoreThenId = (a: { id: number; score: number }, b: { id: number; score: number }) =>
  b.score - a.score || a.id - b.id;

function outcome(
  events: RunEvent[],
  rungs: { id: number; score: number }[][],
  promoted: number[][],
  workers: number,
  epochs: number,
): ClockSearch {
  const busy = new Array<number>(workers).fill(0);
  for (const e of events) busy[e.worker] += e.end - e.start;
  const makespan = Math.max(0, ...events.map((e) => e.end));
  const top = rungs.findLastIndex((r) => r.length > 0);
  const best = [...rungs[top]].sort(byScoreThenId)[0];
  const time = events.find((e) => e.id === best.id && e.rung === top)!.end;
  return {
    events,
    rungs,
    promoted,
    busy,
    makespan,
    utilisation: busy.reduce((s, b) => s + b, 0) / (workers * makespan),
    epochs,
    winner: { ...best, rung: top, time },
  };
}

/**
 * Synchronous successive halving of configurations 0 … n − 1: rung k runs its survivors (ids
 * ascending) on the clock, and rung k + 1 starts only when the slowest of them is done; the top
 * ⌊nₖ/η⌋ go on (score, then id).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { synchronousHalving } from "./scheduler.ts";
 * const source = { score: (id: number, e: number) => id * e, epochCost: () => 1 };
 * const run = synchronousHalving(source, 9, { eta: 3, budgets: [1, 3, 9], workers: 3, resume: true });
 * assert.deepEqual(run.promoted, [[8, 7, 6], [8], []]);
 * assert.equal(run.makespan, 3 + 2 + 6);
 * ```
 */
export function synchronousHalving(
  source: TrialSource,
  n: number,
  settings: HalvingSettings,
): ClockSearch {
  const { eta, budgets, workers, resume } = settings;
  let survivors = Array.from({ length: n }, (_, id) => id);
  let now = 0, epochs = 0;
  const events: RunEvent[] = [], rungs: { id: number; score: number }[][] = [];
  const promoted: number[][] = [];
  budgets.forEach((_, rung) => {
    const ids = [...survivors].sort((a, b) => a - b);
    const length = jobEpochs(budgets, rung, resume);
    const run = simulateWorkers(ids.map((id) => length * source.epochCost(id)), workers);
    const finished = run.events.map((e) => ({
      id: ids[e.job],
      rung,
      worker: e.worker,
      start: now + e.start,
      end: now + e.end,
    }));
    events.push(...finished);
    rungs.push(finished.map((e) => ({ id: e.id, score: source.score(e.id, budgets[rung]) })));
    epochs += length * ids.length;
    now += run.makespan;
    const next = rung < budgets.length - 1 ? Math.floor(ids.length / eta) : 0;
    survivors = [...rungs[rung]].sort(byScoreThenId).slice(0, next).map((r) => r.id);
    promoted.push(survivors);
  });
  return outcome(events, rungs, promoted, workers, epochs);
}

/**
 * ASHA on the clock: each free worker asks `ashaNextJob` with what has finished so far; new
 * configurations take the next id. Jobs are handed out while the epochs handed out stay below
 * `epochBudget`; then the workers finish what they run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asynchronousHalving } from "./scheduler.ts";
 * const source = { score: (id: number, e: number) => id * e, epochCost: () => 1 };
 * const settings = { eta: 3, budgets: [1, 3, 9], workers: 3, resume: true };
 * const run = asynchronousHalving(source, 27, settings);
 * assert.ok(run.epochs >= 27 && run.utilisation > 0.8 && run.utilisation <= 1);
 * ```
 */
export function asynchronousHalving(
  source: TrialSource,
  epochBudget: number,
  settings: HalvingSettings,
): ClockSearch {
  const { eta, budgets, workers, resume } = settings;
  const state: AshaRung[] = budgets.map(() => ({ results: [], promoted: [] }));
  const freeAt = new Array<number>(workers).fill(0);
  const running: (RunEvent | undefined)[] = new Array(workers).fill(undefined);
  const events: RunEvent[] = [];
  let nextId = 0, handedOut = 0;
  const active = new Set(Array.from({ length: workers }, (_, w) => w));
  while (active.size > 0) {
    const w = [...active].reduce((a, b) => freeAt[b] < freeAt[a] ? b : a);
    const done = running[w];
    if (done) {
      events.push(done);
      (state[done.rung].results as { id: number; score: number }[])
        .push({ id: done.id, score: source.score(done.id, budgets[done.rung]) });
      running[w] = undefined;
    }
    if (handedOut >= epochBudget) {
      active.delete(w);
      continue;
    }
    const job: AshaJob = ashaNextJob(state, eta);
    const id = job.kind === "promote" ? job.id : nextId++;
    if (job.kind === "promote") (state[job.rung - 1].promoted as number[]).push(id);
    const length = jobEpochs(budgets, job.rung, resume);
    handedOut += length;
    const start = freeAt[w];
    freeAt[w] = start + length * source.epochCost(id);
    running[w] = { id, rung: job.rung, worker: w, start, end: freeAt[w] };
  }
  return outcome(
    events,
    state.map((r) => [...r.results]),
    state.map((r) => [...r.promoted]),
    workers,
    handedOut,
  );
}

/**
 * ASHA's promotions that the synchronous rule would not have made on the same rung: for each
 * rung below the top, the promoted ids outside the top ⌊nₖ/η⌋ of the rung's FINAL results.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mispromotions } from "./scheduler.ts";
 * const rungs = [[{ id: 0, score: 0.5 }, { id: 1, score: 0.4 }, { id: 2, score: 0.3 },
 *   { id: 3, score: 0.9 }, { id: 4, score: 0.8 }, { id: 5, score: 0.1 }], []];
 * assert.deepEqual(mispromotions(rungs, [[0, 3], []], 3), { promoted: 2, mispromoted: 1 });
 * ```
 */
export function mispromotions(
  rungs: readonly (readonly { id: number; score: number }[])[],
  promoted: readonly (readonly number[])[],
  eta: number,
): { promoted: number; mispromoted: number } {
  let count = 0, wrong = 0;
  rungs.slice(0, -1).forEach((results, k) => {
    const top = new Set(
      [...results].sort(byScoreThenId).slice(0, Math.floor(results.length / eta)).map((r) => r.id),
    );
    count += promoted[k].length;
    wrong += promoted[k].filter((id) => !top.has(id)).length;
  });
  return { promoted: count, mispromoted: wrong };
}

/**
 * Test support for kit/search's own tests: a log store in memory, a pool that trains nothing, a
 * search run on it, and the reference solutions' code. One place for the fakes that the runner,
 * fidelity, identity, model-based and asynchronous tests share; no search command uses it.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { seededRandom } from "../lib/random.ts";
import { loadMethodCode } from "./code.ts";
import type { MethodCode } from "./method.ts";
import { METHODS } from "./methods.ts";
import { runSearch, type SearchOptions, type SearchOutcome } from "./mod.ts";
import type { TrialPlan, TrialPool } from "./pool.ts";
import type { LogStore, SearchCode } from "./runner.ts";
import type { TrialResult } from "./trial.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A {@link LogStore} in memory: the last text written, and how many writes there were. */
export type MemoryStore = LogStore & { text?: string; writes: number };

/**
 * A log store named `memory.csv` that holds its text in memory, starting from `initial`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryStore } from "./testing.ts";
 * const store = memoryStore("id\n");
 * await store.write("id\n0\n");
 * assert.equal(await store.read(), "id\n0\n");
 * assert.equal(store.writes, 1);
 * ```
 */
export function memoryStore(initial?: string): MemoryStore {
  const store: MemoryStore = {
    name: "memory.csv",
    text: initial,
    writes: 0,
    read: () => Promise.resolve(store.text),
    write: (text) => {
      store.text = text;
      store.writes++;
      return Promise.resolve();
    },
  };
  return store;
}

/** How a {@link fakePool} behaves. */
export interface FakePoolOptions {
  /** A plan's result, from the plan alone, so that any completion order gives the same log. */
  result: (plan: TrialPlan) => TrialResult;
  /**
   * Seeds each trial's delay and its `seconds`, so that results come back in another order for
   * each seed; without it, every trial answers at once, in order.
   */
  delaySeed?: number;
  /** The delays are whole milliseconds below this (default 4). */
  maxDelayMs?: number;
  /** At most this many trials train at once (default: no limit). */
  size?: number;
  /** Receives every plan trained, in the order their training ended. */
  trained?: TrialPlan[];
}

/**
 * A {@link TrialPool} that trains nothing: each plan gets `options.result(plan)` after a seeded
 * delay. Its test accuracy is always 0.5.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { TrialPlan } from "./pool.ts";
 * import { fakePool, scoredResult } from "./testing.ts";
 * const trained: TrialPlan[] = [];
 * const pool = fakePool({ result: (plan) => scoredResult(plan, 0.8), delaySeed: 1, trained });
 * const plan = { id: 0, config: { lr: 0.1 }, seed: 0, epochs: 2 };
 * const { result } = await pool.train(plan);
 * assert.equal(result.score, 0.8);
 * assert.equal(result.cost, 2);
 * assert.deepEqual(trained, [plan]);
 * ```
 */
export function fakePool(options: FakePoolOptions): TrialPool {
  const seeded = options.delaySeed === undefined ? undefined : seededRandom(options.delaySeed);
  const random = seeded ?? Math.random;
  const size = options.size ?? Infinity;
  let busy = 0;
  const queue: (() => void)[] = [];
  return {
    async train(plan: TrialPlan) {
      if (busy >= size) await new Promise<void>((r) => queue.push(r));
      busy++;
      if (seeded) {
        await new Promise((r) => setTimeout(r, Math.floor(seeded() * (options.maxDelayMs ?? 4))));
      }
      busy--;
      queue.shift()?.();
      options.trained?.push(plan);
      return { id: plan.id, seconds: random(), result: options.result(plan) };
    },
    test: () => Promise.resolve(0.5),
    close() {},
  };
}

/**
 * The result of a trial that trained all its epochs and scored `score`: loss `1 - score`,
 * training loss 0.1 and a cost of one per epoch. A log with the early-stopping columns needs
 * `bestEpoch` and `stoppedEpoch` added; a fidelity log refuses them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoredResult } from "./testing.ts";
 * const result = scoredResult({ id: 0, config: {}, seed: 0, epochs: 3 }, 0.75);
 * assert.deepEqual(result, { score: 0.75, loss: 0.25, trainLoss: 0.1, cost: 3, status: "ok" });
 * ```
 */
export function scoredResult(plan: TrialPlan, score: number): TrialResult {
  return { score, loss: 1 - score, trainLoss: 0.1, cost: plan.epochs, status: "ok" };
}

/** What {@link searchOnFakePool} returns. */
export interface FakeSearch {
  /** What `runSearch` returned. */
  outcome: SearchOutcome;
  /** The plans the pool trained. */
  trained: TrialPlan[];
  /** The log's text. */
  text: string;
}

/**
 * `runSearch(options)` on a {@link fakePool} (its `trained` filled here), with the log in
 * `options.store` or else a new {@link memoryStore}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoredResult, searchOnFakePool, solutionCode } from "./testing.ts";
 * const { trained, text } = await searchOnFakePool({
 *   method: "random",
 *   budget: { trials: 3, epochs: 1 },
 *   seed: 0,
 *   workers: 2,
 *   data: { dataset: "iris", cv: 0 },
 *   code: await solutionCode(),
 * }, { result: (plan) => ({ ...scoredResult(plan, 0.5), bestEpoch: 0, stoppedEpoch: -1 }) });
 * assert.equal(trained.length, 3);
 * assert.equal(text.trim().split("\n").length, 4);
 * ```
 */
export async function searchOnFakePool(
  options: Omit<SearchOptions, "store"> & { store?: LogStore & { text?: string } },
  pool: Omit<FakePoolOptions, "trained">,
): Promise<FakeSearch> {
  const trained: TrialPlan[] = [];
  const store = options.store ?? memoryStore();
  const outcome = await runSearch({
    createPool: () => Promise.resolve(fakePool({ ...pool, trained })),
    ...options,
    store,
  });
  return { outcome, trained, text: store.text! };
}

/**
 * The reference solutions' code for every method (lesson 06's splits and selection included),
 * as `runSearch` loads it; `T` names the part a caller needs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solutionCode } from "./testing.ts";
 * const code = await solutionCode();
 * assert.deepEqual(code.gridPoints({ lr: [0.1, 0.01] }), [{ lr: 0.1 }, { lr: 0.01 }]);
 * assert.equal(typeof code.ashaNextJob, "function");
 * ```
 */
export async function solutionCode<T extends SearchCode = MethodCode>(): Promise<T> {
  const pieces = Object.values(METHODS).flatMap((method) => method.pieces);
  return await loadMethodCode(KIT_ROOT, "solutions", pieces) as unknown as T;
}

/**
 * Lesson 08's multi-fidelity methods, `--method halving|hyperband`: successive halving and
 * Hyperband over random configurations, rung by rung, with the same log, resume and worker
 * guarantees as lesson 07's methods.
 *
 * The plans (rungs and budgets) come from the course's `halvingPlan` and `hyperbandPlan`
 * (lesson 08), the configurations from `randomConfigurations` (lesson 07), the promotions and the
 * winner from `selectBest` (lesson 06): the learner's code in the student edition.
 *
 * Every evaluation is one row of the log, with its configuration's index (`config`), its
 * `bracket` and `rung`, and its budget in `epochs`. Row ids are assigned rung by rung, each
 * rung's configurations by ascending configuration index, so a row's id never depends on which
 * worker finished first. The workers train every trial from scratch: a promoted configuration is
 * **retrained** to the next budget (same training seed), and the search reports both that cost
 * and the smaller one resuming from checkpoints would have had.
 *
 * @module
 */

import type { TrialPlan, TrialPool } from "./pool.ts";
import {
  type Config,
  driveSearch,
  type LogRow,
  type LogStore,
  type Progress,
  readLog,
  type SearchCode,
  type SpaceSpec,
} from "./runner.ts";
import { type Proposer, SearchArgumentError, type SearchMethod } from "./method.ts";
import { RANDOM_SPACE, randomSearchConfigurations } from "./grid_random.ts";
import { trialSeed } from "./trial.ts";

/** A plan's rungs, as lesson 08's `halvingPlan` returns them. */
export interface PlannedRungs {
  /** Configurations and budget of each rung. */
  rungs: { configs: number; budget: number }[];
  /** Epochs when every rung trains from scratch. */
  costFromScratch: number;
  /** Epochs when promoted configurations resume from checkpoints. */
  costWithResume: number;
}

/** The lesson-08 pieces a multi-fidelity search needs, on top of {@link SearchCode}. */
export interface FidelityCode extends SearchCode {
  /** Lesson 08: a successive-halving plan. */
  halvingPlan(options: { n: number; eta: number; maxBudget: number; rungs?: number }): PlannedRungs;
  /** Lesson 08: Hyperband's brackets. */
  hyperbandPlan(maxBudget: number, eta: number): { brackets: (PlannedRungs & { s: number })[] };
}

/** The multi-fidelity methods. */
export const FIDELITY_METHODS: readonly string[] = ["halving", "hyperband"];

/** The log-only columns of a multi-fidelity search, written after the id. */
export const FIDELITY_LABELS: readonly string[] = ["config", "bracket", "rung"];

/**
 * The brackets of a search: one for successive halving, s_max + 1 for Hyperband. The one place
 * their arguments are checked: throws a {@link SearchArgumentError} when Hyperband is given
 * `trials` or successive halving is not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fidelityBrackets } from "./fidelity.ts";
 * import * as plan from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
 * const [bracket] = fidelityBrackets(plan as never, "halving", 9, 3, 9);
 * assert.deepEqual(bracket.rungs.map((r) => r.budget), [1, 3, 9]);
 * ```
 */
export function fidelityBrackets(
  code: FidelityCode,
  method: string,
  trials: number | undefined,
  eta: number,
  maxEpochs: number,
): PlannedRungs[] {
  if (method === "hyperband") {
    if (trials !== undefined) {
      throw new SearchArgumentError(
        "hyperband sets the number of configurations itself: drop --trials",
      );
    }
    return code.hyperbandPlan(maxEpochs, eta).brackets;
  }
  if (method !== "halving") {
    throw new SearchArgumentError(`"${method}" is not a multi-fidelity method`);
  }
  if (trials === undefined) throw new SearchArgumentError("successive halving needs --trials N");
  // As many rungs as both the configurations and the epochs allow: never a first budget of 0.
  let rungs = 1;
  while (eta ** rungs <= trials && eta ** rungs <= maxEpochs) rungs++;
  return [code.halvingPlan({ n: trials, eta, maxBudget: maxEpochs, rungs })];
}

/**
 * The proposer of a successive-halving or Hyperband search. The configurations are the first N
 * of a random search with `seed` over `space` (lists are `choice`s), N the sum of the brackets'
 * first rungs; bracket b takes the next n_b of them. Configuration c trains with
 * `trialSeed(seed, c)` at every rung. Each rung is proposed once the whole rung before it is
 * back, so the promotions depend on results only, never on their order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fidelityBrackets, fidelityProposer } from "./fidelity.ts";
 * import * as plan from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * const code = { ...plan, randomConfigurations } as never;
 * const brackets = fidelityBrackets(code, "halving", 9, 3, 9);
 * const proposer = fidelityProposer(code, brackets, { lr: [0.1, 0.2] }, 0);
 * assert.equal(proposer.total, 13);
 * assert.equal((proposer.next(new Map()) as unknown[]).length, 9);
 * assert.deepEqual(proposer.next(new Map()), []); // waits for the first rung
 * ```
 */
export function fidelityProposer(
  code: FidelityCode,
  brackets: readonly PlannedRungs[],
  space: SpaceSpec,
  seed: number,
): Proposer & { finalIds: number[] } {
  const firstRungs = brackets.map((b) => b.rungs[0].configs);
  const configs: Config[] = randomSearchConfigurations(
    code,
    space,
    firstRungs.reduce((a, b) => a + b, 0),
    seed,
  );
  const total = brackets.reduce((sum, b) => sum + b.rungs.reduce((s, r) => s + r.configs, 0), 0);
  const finalIds: number[] = [];
  let bracket = 0, rung = 0, nextId = 0, offset = 0;
  let alive: number[] = [];
  let current: TrialPlan[] | undefined;
  const propose = (): TrialPlan[] => {
    current = alive.map((c, k): TrialPlan => ({
      id: nextId + k,
      config: configs[c],
      seed: trialSeed(seed, c),
      epochs: brackets[bracket].rungs[rung].budget,
      labels: { config: c, bracket, rung },
    }));
    nextId += current.length;
    return current;
  };
  const startBracket = () => {
    alive = Array.from({ length: brackets[bracket].rungs[0].configs }, (_, k) => offset + k);
    offset += alive.length;
    rung = 0;
  };
  return {
    total,
    parallelism: Math.max(...firstRungs),
    finalIds,
    next(results) {
      if (current === undefined) {
        startBracket();
        return propose();
      }
      if (!current.every((p) => results.has(p.id))) return [];
      if (bracket >= brackets.length) return "done";
      const keep = brackets[bracket].rungs[rung + 1]?.configs ?? 0;
      if (keep > 0) {
        alive = promote(code, current.map((p) => results.get(p.id)!), keep);
        rung++;
        return propose();
      }
      finalIds.push(...current.map((p) => p.id));
      bracket++;
      if (bracket >= brackets.length) return "done";
      startBracket();
      return propose();
    },
    candidates: () => finalIds,
    epochs: () => brackets.reduce((sum, b) => sum + b.costFromScratch, 0),
    costNote: () =>
      `promoted configurations retrained from scratch; resuming from checkpoints would have ` +
      `cost ${brackets.reduce((sum, b) => sum + b.costWithResume, 0)}`,
  };
}

/** The method-table entry of successive halving or Hyperband. */
function fidelityMethod(method: "halving" | "hyperband"): SearchMethod {
  return {
    summary: method === "halving"
      ? "successive halving: keep the best 1/eta at each rung, eta × the epochs (lesson 08)"
      : "Hyperband: successive halving in brackets of different aggressiveness (lesson 08)",
    trialsHelp: method === "halving"
      ? "configurations of the first rung (required)"
      : "not used (the brackets set it)",
    pieces: [{
      file: "08-beyond-grid-and-random/halving_plan.ts",
      names: ["halvingPlan", "hyperbandPlan"],
    }],
    labels: FIDELITY_LABELS,
    options: {
      eta: {
        default: 3,
        min: 2,
        help: "keep 1/H of the configurations at each rung and multiply their epochs by H",
      },
    },
    shardable: false,
    defaultSpace: RANDOM_SPACE,
    start({ code, space, trials, seed, epochs, options }) {
      const fidelity = code as unknown as FidelityCode;
      const brackets = fidelityBrackets(fidelity, method, trials, options.eta, epochs);
      return fidelityProposer(fidelity, brackets, space, seed);
    },
  };
}

/** Successive halving (lesson 08). */
export const HALVING: SearchMethod = fidelityMethod("halving");
/** Hyperband (lesson 08). */
export const HYPERBAND: SearchMethod = fidelityMethod("hyperband");

/** What {@link runFidelitySearch} returns. */
export interface FidelityOutcome {
  /** Every row of the log, by id. */
  rows: Map<number, LogRow>;
  /** The ids of the rows at the full budget: the candidates for the winner. */
  finalIds: number[];
  /** Evaluations (rows) of the whole search. */
  total: number;
  /** Epochs the workers train: every promoted configuration retrained from scratch. */
  epochsFromScratch: number;
  /** Epochs the same search would train resuming from checkpoints. */
  epochsWithResume: number;
}

/**
 * Runs a successive-halving or Hyperband search on `pool` ({@link fidelityProposer} driven by
 * `driveSearch`): a log is the same whatever the number of workers (apart from `_s` columns),
 * and a search re-run on its log skips every row already there (checked against the plan).
 *
 * Throws an `Error` naming the log when it belongs to another search.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FIDELITY_LABELS, type FidelityCode, runFidelitySearch } from "./fidelity.ts";
 * import { logColumns, type LogStore } from "./runner.ts";
 * import type { TrialPool } from "./pool.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { gridPoints } from "../../solutions/07-grid-and-random-search/grid.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * import {
 *   halvingPlan,
 *   hyperbandPlan,
 * } from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
 * const code = {
 *   gridPoints, randomConfigurations, formatTrialLog, parseTrialLog, selectBest, halvingPlan,
 *   hyperbandPlan,
 * } as unknown as FidelityCode;
 * const memory = (): LogStore & { text?: string } => ({
 *   name: "memory.csv",
 *   read() {
 *     return Promise.resolve(this.text);
 *   },
 *   write(text: string) {
 *     this.text = text;
 *     return Promise.resolve();
 *   },
 * });
 * // A fake pool: the score grows with the epochs and is best near lr 0.03.
 * const pool: TrialPool = {
 *   train(plan) {
 *     const lr = plan.config.lr as number;
 *     const score = (1 - Math.abs(Math.log10(lr) + 1.5) / 2) * (1 - 1 / (plan.epochs + 1));
 *     const result = { score, loss: 1 - score, trainLoss: 0.1, cost: plan.epochs, status: "ok" as const };
 *     return Promise.resolve({ id: plan.id, seconds: 0, result });
 *   },
 *   test: () => Promise.resolve(0.5),
 *   close() {},
 * };
 * const space = { lr: { type: "logUniform" as const, low: 1e-3, high: 1 } };
 * const outcome = await runFidelitySearch({
 *   code, pool, method: "halving", space, trials: 9, eta: 3, maxEpochs: 9, seed: 0,
 *   columns: logColumns(["lr"], FIDELITY_LABELS), store: memory(),
 * });
 * assert.equal(outcome.total, 9 + 3 + 1); // 9 configurations, a third promoted at each rung
 * assert.equal(outcome.rows.size, outcome.total);
 * assert.equal(outcome.finalIds.length, 1);
 * assert.ok(outcome.epochsWithResume < outcome.epochsFromScratch);
 * ```
 */
export async function runFidelitySearch(options: {
  code: FidelityCode;
  pool: TrialPool;
  method: string;
  space: SpaceSpec;
  trials: number | undefined;
  eta: number;
  maxEpochs: number;
  seed: number;
  columns: readonly string[];
  store: LogStore;
  onTrial?: (progress: Progress) => void;
  estimateCost?: (plan: TrialPlan) => number;
}): Promise<FidelityOutcome> {
  const { code, space, eta, maxEpochs, seed, columns, store } = options;
  const brackets = fidelityBrackets(code, options.method, options.trials, eta, maxEpochs);
  const proposer = fidelityProposer(code, brackets, space, seed);
  const existing = await store.read();
  const logged = existing === undefined ? [] : readLog(code, existing, columns, store.name);
  const rows = await driveSearch({ ...options, proposer, logged });
  return {
    rows,
    finalIds: proposer.finalIds,
    total: proposer.total!,
    epochsFromScratch: brackets.reduce((sum, b) => sum + b.costFromScratch, 0),
    epochsWithResume: brackets.reduce((sum, b) => sum + b.costWithResume, 0),
  };
}

/**
 * The configuration indices of the best `keep` rows by the tie rule (`selectBest`, taken
 * `keep` times), ascending: the next rung runs them in that order.
 */
function promote(code: SearchCode, rungRows: LogRow[], keep: number): number[] {
  let left = rungRows.map((row) => ({
    id: row.id as number,
    score: row.score as number,
    loss: row.loss as number,
    cost: row.cost as number,
    config: row.config as number,
  }));
  const kept: number[] = [];
  for (let k = 0; k < keep; k++) {
    const best = code.selectBest(left);
    kept.push(best.config);
    left = left.filter((t) => t !== best);
  }
  return kept.sort((a, b) => a - b);
}

/**
 * Lesson 08's multi-fidelity searches behind `deno task search --method halving|hyperband`:
 * successive halving and Hyperband over random configurations, rung by rung on the same
 * {@link TrialPool}, with the same log, resume and worker guarantees as lesson 07's methods.
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
  type LogRow,
  type LogStore,
  matchRows,
  METHODS,
  type Progress,
  readLog,
  runTrials,
  type SearchCode,
  type SpaceSpec,
} from "./runner.ts";
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

/** The brackets of a search: one for successive halving, s_max + 1 for Hyperband. */
export function fidelityBrackets(
  code: FidelityCode,
  method: string,
  trials: number | undefined,
  eta: number,
  maxEpochs: number,
): PlannedRungs[] {
  if (method === "hyperband") {
    if (trials !== undefined) {
      throw new Error("hyperband sets the number of configurations itself: drop --trials");
    }
    return code.hyperbandPlan(maxEpochs, eta).brackets;
  }
  if (method !== "halving") throw new Error(`"${method}" is not a multi-fidelity method`);
  if (trials === undefined) throw new Error("successive halving needs --trials N");
  // As many rungs as both the configurations and the epochs allow: never a first budget of 0.
  let rungs = 1;
  while (eta ** rungs <= trials && eta ** rungs <= maxEpochs) rungs++;
  return [code.halvingPlan({ n: trials, eta, maxBudget: maxEpochs, rungs })];
}

/** What {@link runFidelitySearch} returns. */
export interface FidelityOutcome {
  /** Every row of the log, by id. */
  rows: Map<number, LogRow>;
  /** Every trial plan, by id (to retrain the winner when it was resumed from the log). */
  plans: Map<number, TrialPlan>;
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
 * Runs a successive-halving or Hyperband search. The configurations are the first N of a random
 * search with `seed` over `space` (lists are `choice`s), N the sum of the brackets' first rungs;
 * bracket b takes the next n_b of them. Configuration c trains with `trialSeed(seed, c)` at
 * every rung, so a log is the same whatever the number of workers (apart from `_s` columns),
 * and a search re-run on its log skips every row already there (checked against the plan).
 *
 * Throws an `Error` naming the log when it belongs to another search.
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
  const { code, pool, space, eta, maxEpochs, seed, columns, store } = options;
  const brackets = fidelityBrackets(code, options.method, options.trials, eta, maxEpochs);
  const firstRungs = brackets.map((b) => b.rungs[0].configs);
  const configs: Config[] = METHODS.random(
    code,
    space,
    firstRungs.reduce((a, b) => a + b, 0),
    seed,
  );
  const total = brackets.reduce((sum, b) => sum + b.rungs.reduce((s, r) => s + r.configs, 0), 0);
  const existing = await store.read();
  const logged = existing === undefined ? [] : readLog(code, existing, columns, store.name);
  const rows = new Map<number, LogRow>();
  const plans = new Map<number, TrialPlan>();
  const finalIds: number[] = [];
  let nextId = 0, offset = 0;
  const onTrial = options.onTrial &&
    ((p: Progress) => options.onTrial!({ ...p, done: rows.size, total }));
  for (const [b, bracket] of brackets.entries()) {
    // Configuration indices of this bracket's first rung.
    let alive = Array.from({ length: bracket.rungs[0].configs }, (_, k) => offset + k);
    offset += alive.length;
    for (const [i, rung] of bracket.rungs.entries()) {
      const rungPlans = alive.map((c, k): TrialPlan => ({
        id: nextId + k,
        config: configs[c],
        seed: trialSeed(seed, c),
        epochs: rung.budget,
        labels: { config: c, bracket: b, rung: i },
      }));
      nextId += rungPlans.length;
      for (const plan of rungPlans) plans.set(plan.id, plan);
      for (const [id, row] of matchRows(logged, rungPlans, store.name)) rows.set(id, row);
      await runTrials({
        code,
        pool,
        plans: rungPlans,
        columns,
        rows,
        store,
        onTrial,
        estimateCost: options.estimateCost,
      });
      const keep = bracket.rungs[i + 1]?.configs ?? 0;
      if (keep === 0) {
        finalIds.push(...rungPlans.map((p) => p.id));
        continue;
      }
      alive = promote(code, rungPlans.map((p) => rows.get(p.id)!), keep);
    }
  }
  const stray = logged.find((row) => !rows.has(row.id as number));
  if (stray) {
    throw new Error(
      `cannot resume from ${store.name}: its trial ${JSON.stringify(stray.id)} is not a trial ` +
        "of this search (another --seed, --space, --method, --eta or --epochs?)",
    );
  }
  return {
    rows,
    plans,
    finalIds,
    total,
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

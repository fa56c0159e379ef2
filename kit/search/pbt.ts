/**
 * Lesson 10's population-based training, `--method pbt`: `--trials` P members train side by side
 * in generations of `--interval` K epochs; between generations the course's `pbtExploitExplore`
 * (lesson 10, the learner's in the student edition) has the bottom quarter copy a top member's
 * WEIGHTS and hyperparameters (exploit) and then perturb them (explore: × 0.8 or × 1.2, or
 * resampled from the space with probability 0.25). The result is a schedule of hyperparameters,
 * the winner's lineage, not one value.
 *
 * Each row is one member's generation: `member`, `generation`, `source` (the member whose weights
 * it continued from), its hyperparameters for those K epochs, and its score after them. A
 * member really continues from the checkpoint it was given: the worker sends the weights back
 * with the result, and the next generation's plan starts from them, its epochs seeded as the
 * uninterrupted run's would be. SGD runs without momentum here (`momentum` 0 in the log), so
 * that the weights are the whole state that is copied.
 *
 * The decisions are taken when a whole generation is back, so they depend on the seed and the
 * space only; the simulated clock (`--virtual-workers` W, the nominal epoch cost) only places
 * the generation's jobs in time for the timeline (`vworker`, `sim_start`, `sim_end`). A PBT
 * search resumes: every member's weights after each generation are kept beside the log
 * (`LOG.pbt.json`, `pbt_checkpoints.ts`, bit for bit), and a resumed search reads back those of
 * its logged trials, so it continues to the same log as an uninterrupted run.
 *
 * @module
 */

import type { TrialPlan } from "./pool.ts";
import type { Config, Distribution, LogRow, SpaceSpec } from "./runner.ts";
import {
  type MethodContext,
  type Proposer,
  SearchArgumentError,
  type SearchMethod,
} from "./method.ts";
import { randomSearchConfigurations } from "./grid_random.ts";
import { epochCost, scheduleJobs, simTime, utilisation } from "./clock.ts";
import { trialSeed } from "./trial.ts";
import { seededRandom } from "../lib/random.ts";
import type { Random } from "../lib/random.ts";

/** A hyperparameter's range as lesson 10's PBT explores it. */
export interface PbtBound {
  low: number;
  high: number;
  scale: "linear" | "log";
}

/** The lesson-10 piece PBT calls. */
export interface PbtCode {
  /** Lesson 10: one exploit/explore step of the population. */
  pbtExploitExplore(
    population: readonly {
      id: number;
      score: number;
      hyperparameters: Readonly<Record<string, number>>;
      checkpoint: string;
    }[],
    options: {
      fraction: number;
      factors: readonly [number, number];
      resampleProbability: number;
      space: Readonly<Record<string, PbtBound>>;
    },
    random: Random,
  ): {
    id: number;
    exploited: boolean;
    source: number;
    checkpoint: string;
    hyperparameters: Record<string, number>;
  }[];
}

/** The exploit/explore settings: truncation at a quarter, lesson 10's factors. */
export const PBT_RULE = { fraction: 0.25, factors: [0.8, 1.2] as const, resampleProbability: 0.25 };

/** The hyperparameters PBT explores. */
const EXPLORED = ["lr", "l2"];

/** The log-only columns of a PBT search. */
export const PBT_LABELS = ["member", "generation", "source", "vworker", "sim_start", "sim_end"];

/**
 * The ranges PBT explores, from the search space: a distribution's bounds (log scale for the
 * log-uniform ones), a list's smallest and largest values. Throws a `SearchArgumentError` on a
 * hyperparameter other than `lr` and `l2` (the members share one network) or an empty range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pbtBounds } from "./pbt.ts";
 * assert.deepEqual(pbtBounds({ lr: { type: "logUniform", low: 0.001, high: 1 }, l2: [0, 0.01] }), {
 *   lr: { low: 0.001, high: 1, scale: "log" },
 *   l2: { low: 0, high: 0.01, scale: "linear" },
 * });
 * assert.throws(() => pbtBounds({ hidden: [8, 64] }), /pbt explores lr and l2 only/);
 * ```
 */
export function pbtBounds(space: SpaceSpec): Record<string, PbtBound> {
  const bounds: Record<string, PbtBound> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (!EXPLORED.includes(name)) {
      throw new SearchArgumentError(
        `pbt explores lr and l2 only (its members share one network, copied between them), ` +
          `not "${name}"`,
      );
    }
    const values = Array.isArray(spec) ? spec.map(Number) : undefined;
    const d = spec as Distribution & { low?: number; high?: number };
    const low = values ? Math.min(...values) : d.low!,
      high = values ? Math.max(...values) : d.high!;
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
      throw new SearchArgumentError(`pbt needs a range of values for "${name}" in the space`);
    }
    const log = values ? low > 0 : d.type === "logUniform";
    bounds[name] = { low, high, scale: log ? "log" : "linear" };
  }
  return bounds;
}

/** Checks the population and generations; returns K and the number of generations. */
function generations(context: MethodContext): { interval: number; count: number; members: number } {
  const { trials, epochs, options } = context;
  if (trials === undefined || trials < 4) {
    throw new SearchArgumentError(
      "pbt needs --trials P ≥ 4 members (the bottom quarter copies the top quarter)",
    );
  }
  if (options.interval >= epochs) {
    throw new SearchArgumentError(
      `pbt needs --interval (${options.interval}) below --epochs (${epochs}): at least two ` +
        "generations",
    );
  }
  if (context.clock === "real") {
    throw new SearchArgumentError(
      "pbt decides only when a whole generation is back, so the clock changes no decision: " +
        "use the simulated clock (the default)",
    );
  }
  return {
    interval: options.interval,
    count: Math.ceil(epochs / options.interval),
    members: trials,
  };
}

/**
 * The proposer of a PBT search: generation g's P plans (ids g·P … g·P + P − 1) once generation
 * g − 1 is back and exploited/explored, each continuing from the weights its decision names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pbtProposer } from "./pbt.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * import { pbtExploitExplore } from "../../solutions/10-asynchronous-search/pbt.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * import type { TrialPlan } from "./pool.ts";
 * const code = { randomConfigurations, pbtExploitExplore } as never;
 * const context = {
 *   code, space: { lr: [0.01, 0.5] }, trials: 4, epochs: 6, seed: 0, options: { interval: 3 },
 *   clock: "simulated" as const, virtualWorkers: 2, defaults: DEFAULT_SETTINGS, folds: 0,
 *   curve: () => undefined, weights: () => undefined,
 * };
 * const proposer = pbtProposer(context);
 * const first = proposer.next(new Map()) as TrialPlan[];
 * // Generation 0: every member from scratch, for 3 epochs, its weights asked back.
 * assert.deepEqual(first.map((p) => [p.id, p.epochs, p.from, p.returnWeights]), [
 *   [0, 3, undefined, true], [1, 3, undefined, true], [2, 3, undefined, true], [3, 3, undefined, true],
 * ]);
 * assert.deepEqual(proposer.next(new Map()), []); // waits for the whole generation
 * ```
 */
export function pbtProposer(context: MethodContext): Proposer {
  const { code, space, seed, defaults } = context;
  const { interval, count, members } = generations(context);
  const bounds = pbtBounds(space);
  const starts: Config[] = randomSearchConfigurations(code, space, members, seed);
  const state: PbtState = {
    hyperparameters: starts.map((c) =>
      Object.fromEntries(EXPLORED.map((n) => [n, Number(c[n] ?? defaults[n as "lr"])]))
    ),
    sources: starts.map((_, m) => m),
    generation: -1,
    now: 0,
    current: [],
    jobs: [],
  };
  let seen: ReadonlyMap<number, LogRow> = new Map();
  return {
    labels: PBT_LABELS,
    total: members * count,
    parallelism: members,
    next(results) {
      seen = results;
      if (state.generation >= 0 && !state.current.every((id) => results.has(id))) return [];
      if (state.generation === count - 1) return "done";
      const from = state.generation >= 0
        ? exploitExplore(code as unknown as PbtCode, state, results, seed, bounds)
        : undefined;
      state.generation++;
      return generationPlans(context, state, { interval, members }, from);
    },
    candidates: () => state.current,
    costNote() {
      const u = utilisation(state.jobs, context.virtualWorkers);
      return `PBT: ${members} members, ${count} generations of up to ${interval} epochs, ` +
        `exploit/explore between them; the best final member's lr by generation: ` +
        `${lineage(seen, state.current, members).map((lr) => lr.toPrecision(3)).join(" → ")}; ` +
        `simulated clock, ${context.virtualWorkers} virtual workers: utilisation ` +
        `${(100 * u.utilisation).toFixed(1)} %`;
    },
  };
}

/** Where a PBT search stands: the members' hyperparameters and sources, the current generation. */
interface PbtState {
  /** Each member's explored hyperparameters for the generation under way. */
  hyperparameters: Record<string, number>[];
  /** The member whose weights each member continues from. */
  sources: number[];
  /** The generation under way; −1 before the first. */
  generation: number;
  /** The simulated clock when the next generation's jobs may start. */
  now: number;
  /** The log ids of the generation under way, by member. */
  current: number[];
  /** Every job placed on the simulated clock so far. */
  jobs: { start: number; end: number }[];
}

/**
 * One exploit/explore step on the finished generation: updates the members' hyperparameters and
 * sources, and returns the log id whose weights each member continues from.
 */
function exploitExplore(
  code: PbtCode,
  state: PbtState,
  results: ReadonlyMap<number, LogRow>,
  seed: number,
  bounds: Record<string, PbtBound>,
): number[] {
  const population = state.current.map((id, m) => {
    const score = Number(results.get(id)!.score);
    return {
      id: m,
      score: Number.isFinite(score) ? score : 0,
      hyperparameters: state.hyperparameters[m],
      checkpoint: String(id),
    };
  });
  const random = seededRandom(`${seed}/pbt/${state.generation}`);
  const decisions = code.pbtExploitExplore(population, { ...PBT_RULE, space: bounds }, random);
  state.hyperparameters = decisions.map((d) => d.hyperparameters);
  state.sources = decisions.map((d) => d.source);
  return decisions.map((d) => Number(d.checkpoint));
}

/** The plans of the generation under way, placed on the simulated clock. */
function generationPlans(
  context: MethodContext,
  state: PbtState,
  { interval, members }: { interval: number; members: number },
  from: number[] | undefined,
): TrialPlan[] {
  const { epochs, seed, defaults } = context;
  const generation = state.generation;
  const length = Math.min(interval, epochs - generation * interval);
  const cost = length * epochCost(defaults.hidden);
  const placed = scheduleJobs(new Array(members).fill(cost), context.virtualWorkers, state.now);
  state.now = Math.max(...placed.map((j) => j.end));
  state.jobs.push(...placed);
  state.current = placed.map((_, m) => generation * members + m);
  return placed.map((job, m): TrialPlan => {
    const weights = from && context.weights(from[m]);
    if (from && !weights) {
      throw new Error(
        `pbt: the weights of trial ${from[m]} are not here (no checkpoints file beside the log?)`,
      );
    }
    return {
      id: generation * members + m,
      config: { ...state.hyperparameters[m], momentum: 0 },
      seed: trialSeed(seed, m),
      epochs: length,
      labels: {
        member: m,
        generation,
        source: state.sources[m],
        vworker: job.worker,
        sim_start: simTime(job.start),
        sim_end: simTime(job.end),
      },
      from: weights ? { weights, epoch: generation * interval } : undefined,
      returnWeights: true,
    };
  });
}

/** The lr of the best final row's lineage, first generation first (score, then id). */
function lineage(rows: ReadonlyMap<number, LogRow>, last: number[], members: number): number[] {
  const finals = last.map((id) => rows.get(id)).filter((r): r is LogRow => r !== undefined);
  if (finals.length === 0) return [];
  let row = finals.reduce((a, b) => Number(b.score) > Number(a.score) ? b : a);
  const schedule = [Number(row.lr)];
  while (Number(row.generation) > 0) {
    row = rows.get((Number(row.generation) - 1) * members + Number(row.source))!;
    schedule.unshift(Number(row.lr));
  }
  return schedule;
}

/** `--method pbt` in the method table. */
export const PBT: SearchMethod = {
  summary: "population-based training: the bottom quarter copies a top member's weights, " +
    "then perturbs lr and l2, every --interval epochs (lesson 10)",
  trialsHelp: "members of the population (required, ≥ 4)",
  pieces: [{ file: "10-asynchronous-search/pbt.ts", names: ["pbtExploitExplore"] }],
  labels: PBT_LABELS,
  options: {
    interval: { default: 4, min: 1, help: "pbt: epochs between exploit/explore steps" },
  },
  shardable: false,
  clocked: true,
  defaultSpace: {
    lr: { type: "logUniform", low: 1e-3, high: 1 },
    l2: { type: "logUniform", low: 1e-6, high: 1e-2 },
  },
  start: (context) => pbtProposer(context),
};

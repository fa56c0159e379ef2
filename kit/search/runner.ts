/**
 * The search runner behind `deno task search`: turns a method and a space into trial plans,
 * runs them on a {@link TrialPool}, keeps the CSV trial log up to date after every trial, resumes
 * from it, and picks the winner by lesson 06's tie rule.
 *
 * The pieces the course has the learner write (grid points, random configurations, the trial
 * log, the tie rule) come in as a {@link SearchCode}: the learner's or the reference's (see
 * `code.ts`). A method is a function from the space, a number of trials and a seed to
 * configurations in id order ({@link METHODS}); lesson 08's successive halving and Hyperband
 * add methods that call {@link runTrials} once per rung with a bigger `epochs` budget.
 *
 * @module
 */

import type { TrialPlan, TrialPool } from "./pool.ts";
import { trialSeed } from "./trial.ts";
import { writeTextFileAtomic } from "../lib/files.ts";

/** A hyperparameter value. */
export type Value = number | string | boolean;
/** A configuration: a value per hyperparameter. */
export type Config = Record<string, Value>;
/** One hyperparameter's distribution (lesson 07's `Distribution`). */
export type Distribution =
  | { type: "choice"; values: readonly Value[] }
  | { type: "uniform" | "logUniform" | "integer" | "logInteger"; low: number; high: number };
/** A row of the trial log. */
export type LogRow = Record<string, Value>;

/** What a search needs from the course's exercises (lessons 06 and 07). */
export interface SearchCode {
  /** Lesson 07: the points of a grid, in `itertools.product` order. */
  gridPoints(grid: Record<string, readonly Value[]>): Config[];
  /** Lesson 07: the first `n` configurations of a seeded random search. */
  randomConfigurations(space: Record<string, Distribution>, n: number, seed: number): Config[];
  /** Lesson 07: the trial log as CSV text. */
  formatTrialLog(columns: readonly string[], rows: readonly LogRow[]): string;
  /** Lesson 07: a trial log read back from CSV text. */
  parseTrialLog(text: string): { columns: string[]; rows: LogRow[] };
  /** Lesson 06: the best trial by the tie rule. */
  selectBest<T extends { id: number; score: number; loss: number; cost: number }>(
    trials: readonly T[],
  ): T;
}

/**
 * A search space as the command line takes it: for each hyperparameter, either a list of values
 * (a grid axis; a `choice` for random search) or a distribution (random search only).
 */
export type SpaceSpec = Record<string, readonly Value[] | Distribution>;

/** A search method: the configurations to try, in id order. */
export type Method = (
  code: SearchCode,
  space: SpaceSpec,
  trials: number | undefined,
  seed: number,
) => Config[];

/**
 * The methods `--method` accepts. Grid: every point of the grid, or the first `trials` of them.
 * Random: `trials` configurations drawn with the seed.
 */
export const METHODS: Record<string, Method> = {
  grid(code, space, trials) {
    const grid: Record<string, readonly Value[]> = {};
    for (const [name, spec] of Object.entries(space)) {
      if (!Array.isArray(spec)) {
        const type = (spec as Distribution).type;
        throw new Error(
          `grid search needs a list of values for "${name}", not a ${type} distribution ` +
            `(write e.g. "${name}": [0.001, 0.01, 0.1])`,
        );
      }
      grid[name] = spec;
    }
    const points = code.gridPoints(grid);
    if (trials !== undefined && trials > points.length) {
      throw new Error(`--trials ${trials} is more than the grid's ${points.length} points`);
    }
    return points.slice(0, trials ?? points.length);
  },
  random(code, space, trials, seed) {
    if (trials === undefined) throw new Error("random search needs --trials N");
    const distributions: Record<string, Distribution> = {};
    for (const [name, spec] of Object.entries(space)) {
      distributions[name] = Array.isArray(spec)
        ? { type: "choice", values: spec }
        : spec as Distribution;
    }
    return code.randomConfigurations(distributions, trials, seed);
  },
};

/**
 * The columns of the trial log, given the hyperparameters' names and the plans' log-only
 * `labels` (none for grid and random search).
 */
export function logColumns(names: readonly string[], labels: readonly string[] = []): string[] {
  return [
    "id",
    ...labels,
    "seed",
    ...names,
    "epochs",
    "score",
    "loss",
    "train_loss",
    "cost",
    "status",
    "train_s",
  ];
}

/**
 * The trial plans of a search: configuration i of the method gets id i and the training seed
 * `trialSeed(seed, i)`, so neither depends on which worker runs it, or when.
 *
 * @example
 * ```ts ignore
 * const plans = planTrials(code, "random", space, 16, 7, 20);
 * ```
 */
export function planTrials(
  code: SearchCode,
  method: string,
  space: SpaceSpec,
  trials: number | undefined,
  seed: number,
  epochs: number,
): TrialPlan[] {
  const make = METHODS[method];
  if (!make) {
    throw new Error(`unknown method "${method}": choose one of ${Object.keys(METHODS).join(", ")}`);
  }
  return make(code, space, trials, seed).map((config, id) => ({
    id,
    config,
    seed: trialSeed(seed, id),
    epochs,
  }));
}

/** The file operations the runner needs; the command line passes {@link fileStore}. */
export interface LogStore {
  /** The log's text, or `undefined` when there is no log yet. */
  read(): Promise<string | undefined>;
  /** Replaces the log with `text`, all or nothing. */
  write(text: string): Promise<void>;
  /** Where the log is, for messages. */
  name: string;
}

/**
 * A {@link LogStore} on a file: writes are atomic (a temporary file renamed over the log), so an
 * interrupted search leaves either the old log or the new one, never half a row.
 *
 * @example
 * ```ts ignore
 * const store = fileStore("digits.csv");
 * ```
 */
export function fileStore(path: string): LogStore {
  return {
    name: path,
    async read() {
      try {
        return await Deno.readTextFile(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw new Error(`cannot read the log ${path}: ${(error as Error).message}`);
      }
    },
    write: (text) => writeTextFileAtomic(path, text),
  };
}

/**
 * The rows of an existing log, checked to have this search's `columns`. Throws an `Error` that
 * names the log when it cannot be parsed or has other columns.
 */
export function readLog(
  code: SearchCode,
  text: string,
  columns: readonly string[],
  where: string,
): LogRow[] {
  let log: { columns: string[]; rows: LogRow[] };
  try {
    log = code.parseTrialLog(text);
  } catch (error) {
    throw new Error(`cannot resume from ${where}: ${(error as Error).message}`);
  }
  if (log.columns.join(",") !== columns.join(",")) {
    throw new Error(
      `cannot resume from ${where}: its columns are ${log.columns.join(",")}, this search writes ` +
        `${columns.join(",")} (use another --out, or the options that wrote it)`,
    );
  }
  return log.rows;
}

/**
 * The logged rows whose ids are among `plans`' ids, by id, each checked against its plan (same
 * seed, budget, labels and configuration). Rows of other ids are ignored: a multi-fidelity
 * search matches its log rung by rung. Throws an `Error` naming the log on a row that differs
 * from its plan (another seed, space or method).
 */
export function matchRows(
  rows: readonly LogRow[],
  plans: readonly TrialPlan[],
  where: string,
): Map<number, LogRow> {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const matched = new Map<number, LogRow>();
  for (const row of rows) {
    const plan = typeof row.id === "number" ? byId.get(row.id) : undefined;
    if (!plan) continue;
    const same = row.seed === plan.seed && row.epochs === plan.epochs &&
      Object.entries({ ...plan.labels, ...plan.config }).every(([k, v]) => row[k] === v);
    if (!same) {
      throw new Error(
        `cannot resume from ${where}: its trial ${plan.id} is not trial ${plan.id} of this ` +
          `search (another --seed, --space, --method, --eta or --epochs?)`,
      );
    }
    matched.set(plan.id, row);
  }
  return matched;
}

/**
 * The rows of an existing log that belong to this search, by id. Throws an `Error` that names
 * the log when it cannot be parsed, has other columns, or holds a row whose id, seed or
 * configuration differs from this search's plan for that id (another seed, space or method).
 */
export function resumeRows(
  code: SearchCode,
  text: string,
  columns: readonly string[],
  plans: readonly TrialPlan[],
  where: string,
): Map<number, LogRow> {
  const rows = readLog(code, text, columns, where);
  const matched = matchRows(rows, plans, where);
  const stray = rows.find((row) => !matched.has(row.id as number));
  if (stray) {
    throw new Error(
      `cannot resume from ${where}: its trial ${JSON.stringify(stray.id)} is not a trial of ` +
        "this search (another --seed, --space, --method or --epochs?)",
    );
  }
  return matched;
}

/** What {@link runTrials} reports after each trial. */
export interface Progress {
  /** Trials in the log so far (resumed ones included). */
  done: number;
  /** Trials of the search. */
  total: number;
  /** The trial that just finished. */
  row: LogRow;
  /** The best validation score in the log so far (NaN before any finite one). */
  best: number;
}

/**
 * Runs every plan whose id is not in `rows` on `pool`, keeping the log complete and sorted by id
 * after each finished trial; returns every row by id.
 *
 * Trials are handed to the pool in id order, or, with `estimateCost`, the most expensive first
 * (ties by id): a long trial started last would leave the other workers idle at the end. The
 * order changes only when trials run, never what they compute or what the log holds.
 */
export async function runTrials(options: {
  code: SearchCode;
  pool: TrialPool;
  plans: readonly TrialPlan[];
  columns: readonly string[];
  rows: Map<number, LogRow>;
  store: LogStore;
  onTrial?: (progress: Progress) => void;
  estimateCost?: (plan: TrialPlan) => number;
}): Promise<Map<number, LogRow>> {
  const { code, pool, plans, columns, rows, store, estimateCost } = options;
  let writing = Promise.resolve();
  const todo = plans.filter((p) => !rows.has(p.id));
  if (estimateCost) {
    const cost = new Map(todo.map((p) => [p.id, estimateCost(p)]));
    todo.sort((a, b) => cost.get(b.id)! - cost.get(a.id)! || a.id - b.id);
  }
  await Promise.all(todo.map(async (plan) => {
    const { result, seconds } = await pool.train(plan);
    const row: LogRow = {
      id: plan.id,
      ...plan.labels,
      seed: plan.seed,
      ...plan.config,
      epochs: plan.epochs,
      score: result.score,
      loss: result.loss,
      train_loss: result.trainLoss,
      cost: result.cost,
      status: result.status,
      train_s: Math.round(seconds * 1000) / 1000,
    };
    rows.set(plan.id, row);
    // Sorted by id whatever the completion order, so the log does not depend on the workers.
    const sorted = [...rows.values()].sort((a, b) => (a.id as number) - (b.id as number));
    const text = code.formatTrialLog(columns, sorted);
    const scores = sorted.map((r) => r.score as number).filter(Number.isFinite);
    const progress = {
      done: rows.size,
      total: plans.length,
      row,
      best: scores.length ? Math.max(...scores) : NaN,
    };
    writing = writing.then(() => store.write(text));
    await writing;
    options.onTrial?.(progress);
  }));
  return rows;
}

/**
 * The winner of a finished search by the tie rule (`code.selectBest` on score, loss, cost, id).
 *
 * @example
 * ```ts ignore
 * const winner = pickWinner(code, rows);
 * ```
 */
export function pickWinner(code: SearchCode, rows: Map<number, LogRow>): LogRow {
  const trials = [...rows.values()].map((row) => ({
    id: row.id as number,
    score: row.score as number,
    loss: row.loss as number,
    cost: row.cost as number,
    row,
  }));
  return code.selectBest(trials).row;
}

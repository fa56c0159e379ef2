/**
 * The search runner behind `deno task search`: turns a method and a space into trial plans,
 * runs them on a {@link TrialPool}, keeps the CSV trial log up to date after every trial, resumes
 * from it, and picks the winner by lesson 06's tie rule.
 *
 * The pieces the course has the learner write (grid points, random configurations, the trial
 * log, the tie rule) come in as a {@link SearchCode}: the learner's or the reference's (see
 * `code.ts`). The trials come from a method's {@link Proposer} (`method.ts`), which
 * {@link driveSearch} asks for trials, feeds with results and logs, whatever the method.
 *
 * @module
 */

import type { TrialPlan, TrialPool } from "./pool.ts";
import type { TrialResult } from "./trial.ts";
import { allAtOnce, type Proposer } from "./method.ts";
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

/**
 * The columns of the trial log, given the hyperparameters' names, the plans' log-only
 * `labels` (none for grid and random search) and the extra `measured` columns of lesson 06's
 * trials (`score_sd`, `folds`, `best_epoch`, `stopped_epoch`), written after the score.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logColumns } from "./runner.ts";
 * assert.deepEqual(logColumns(["lr"]), [
 *   "id", "seed", "lr", "epochs", "score", "loss", "train_loss", "cost", "status", "train_s",
 * ]);
 * // Labels come after the id, measured columns after the score.
 * assert.deepEqual(logColumns(["lr"], ["rung"], ["folds"]).slice(0, 7), [
 *   "id", "rung", "seed", "lr", "epochs", "score", "folds",
 * ]);
 * ```
 */
export function logColumns(
  names: readonly string[],
  labels: readonly string[] = [],
  measured: readonly string[] = [],
): string[] {
  return [
    "id",
    ...labels,
    "seed",
    ...names,
    "epochs",
    "score",
    ...measured,
    "loss",
    "train_loss",
    "cost",
    "status",
    "train_s",
  ];
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
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { fileStore } from "./runner.ts";
 * const store = fileStore(join(await Deno.makeTempDir(), "log.csv"));
 * assert.equal(await store.read(), undefined); // no log yet
 * await store.write("id,score\n0,0.5\n");
 * assert.equal(await store.read(), "id,score\n0,0.5\n");
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
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readLog, type SearchCode } from "./runner.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * const code = { formatTrialLog, parseTrialLog, selectBest } as unknown as SearchCode;
 * const text = formatTrialLog(["id", "score"], [{ id: 0, score: 0.5 }]);
 * assert.deepEqual(readLog(code, text, ["id", "score"], "a.csv"), [{ id: 0, score: 0.5 }]);
 * assert.throws(
 *   () => readLog(code, text, ["id", "loss"], "a.csv"),
 *   /cannot resume from a.csv: its columns are id,score, this search writes id,loss/,
 * );
 * ```
 */
export function readLog(
  code: SearchCode,
  text: string,
  columns: readonly string[],
  where: string,
  check?: (log: { columns: string[]; rows: LogRow[] }) => void,
): LogRow[] {
  let log: { columns: string[]; rows: LogRow[] };
  try {
    log = code.parseTrialLog(text);
  } catch (error) {
    throw new Error(`cannot resume from ${where}: ${(error as Error).message}`);
  }
  // A caller's own check (the search's identity) comes before the columns: it names the option.
  check?.(log);
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
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matchRows } from "./runner.ts";
 * const plan = { id: 0, config: { lr: 0.1 }, seed: 7, epochs: 3 };
 * const row = { id: 0, seed: 7, lr: 0.1, epochs: 3, score: 0.9 };
 * // Rows of other ids wait for their own plans (a later rung); the matching one is taken.
 * assert.deepEqual(matchRows([row, { ...row, id: 5 }], [plan], "a.csv"), new Map([[0, row]]));
 * assert.throws(
 *   () => matchRows([{ ...row, seed: 8 }], [plan], "a.csv"),
 *   /its trial 0 is not trial 0 of this search/,
 * );
 * ```
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
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resumeRows, type SearchCode } from "./runner.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * const code = { formatTrialLog, parseTrialLog, selectBest } as unknown as SearchCode;
 * const plan = { id: 0, config: { lr: 0.1 }, seed: 7, epochs: 3 };
 * const columns = ["id", "seed", "lr", "epochs", "score"];
 * const row = { id: 0, seed: 7, lr: 0.1, epochs: 3, score: 0.9 };
 * const text = formatTrialLog(columns, [row]);
 * assert.deepEqual(resumeRows(code, text, columns, [plan], "a.csv"), new Map([[0, row]]));
 * const stray = formatTrialLog(columns, [row, { ...row, id: 5 }]);
 * assert.throws(
 *   () => resumeRows(code, stray, columns, [plan], "a.csv"),
 *   /its trial 5 is not a trial of this search/,
 * );
 * ```
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

/** What {@link driveSearch} needs. */
export interface DriveOptions {
  /** The course code: the trial log's format. */
  code: SearchCode;
  /** Where trials train. */
  pool: TrialPool;
  /** The started method. */
  proposer: Proposer;
  /** The log's columns. */
  columns: readonly string[];
  /** Rows of an earlier run of this search (resume): a proposed plan found here is not run. */
  logged: readonly LogRow[];
  /** Where the log is written after every trial. */
  store: LogStore;
  /** Called after every finished trial. */
  onTrial?: (progress: Progress) => void;
  /** Plans of one proposal start the most expensive first (ties by id). */
  estimateCost?: (plan: TrialPlan) => number;
  /** Runs only the plans it keeps (`--shard`); the others are neither run nor logged. */
  keep?: (plan: TrialPlan) => boolean;
  /** Called with each finished trial's result before its row is logged (e.g. its curves). */
  onResult?: (plan: TrialPlan, result: TrialResult) => Promise<void>;
  /** Cells every new row gets, the same in each (the search's identity, `identity.ts`). */
  cells?: Readonly<LogRow>;
}

/**
 * Drives a method: asks its {@link Proposer} for trials, takes those already in `logged`
 * (checked against their plan), runs the others on the pool, rewrites the log, complete and
 * sorted by id, after every finished trial, and asks again after each, until the method is
 * done and every trial is back. Returns every row by id.
 *
 * The plans of one proposal start in id order, or with `estimateCost` the most expensive first:
 * a long trial started last would leave the other workers idle at the end. The order changes
 * only when trials run, never what they compute or what the log holds.
 *
 * Throws an `Error` naming the log when a logged row is not the plan with its id, or when the
 * log holds trials this search never proposed (another search's, or a larger `--trials`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { driveSearch, logColumns, type LogStore, type SearchCode } from "./runner.ts";
 * import { allAtOnce } from "./method.ts";
 * import type { TrialPool } from "./pool.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * const code = { formatTrialLog, parseTrialLog, selectBest } as unknown as SearchCode;
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
 * const trained: number[] = [];
 * const pool: TrialPool = {
 *   train(plan) {
 *     trained.push(plan.id);
 *     const result = { score: 0.5 + plan.id / 10, loss: 1, trainLoss: 1, cost: 1, status: "ok" as const };
 *     return Promise.resolve({ id: plan.id, seconds: 0, result });
 *   },
 *   test: () => Promise.resolve(1),
 *   close() {},
 * };
 * const plans = [0, 1, 2].map((id) => ({ id, config: { lr: 0.1 }, seed: id, epochs: 1 }));
 * const store = memory();
 * const columns = logColumns(["lr"]);
 * const rows = await driveSearch({
 *   code, pool, proposer: allAtOnce(plans), columns, logged: [], store,
 *   keep: (plan) => plan.id !== 1, // a shard: trial 1 is another's
 * });
 * assert.deepEqual([...rows.keys()].sort(), [0, 2]);
 * assert.equal(parseTrialLog(store.text!).rows.length, 2);
 * // Run again on its log: nothing trains, the same rows come back.
 * trained.length = 0;
 * const again = await driveSearch({
 *   code, pool, proposer: allAtOnce(plans), columns, logged: [...rows.values()], store,
 *   keep: (plan) => plan.id !== 1,
 * });
 * assert.deepEqual(trained, []);
 * assert.deepEqual([...again.values()], [...rows.values()]);
 * ```
 */
export async function driveSearch(options: DriveOptions): Promise<Map<number, LogRow>> {
  const { code, pool, proposer, columns, logged, store, estimateCost } = options;
  const keep = options.keep ?? (() => true);
  const rows = new Map<number, LogRow>();
  const running = new Map<number, Promise<void>>();
  const proposed = new Set<number>();
  let writing = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const run = async (plan: TrialPlan) => {
    try {
      const { result, seconds } = await pool.train(plan);
      await options.onResult?.(plan, result);
      rows.set(plan.id, { ...logRow(plan, result, seconds), ...options.cells });
      // Counted now, not after the write: two trials finishing together must not share a count.
      const done = rows.size;
      const total = proposer.total ?? proposed.size;
      // Sorted by id whatever the completion order, so the log does not depend on the workers.
      const sorted = [...rows.values()].sort((a, b) => (a.id as number) - (b.id as number));
      const text = code.formatTrialLog(columns, sorted);
      writing = writing.then(() => store.write(text));
      await writing;
      const scores = sorted.map((r) => r.score as number).filter(Number.isFinite);
      options.onTrial?.({
        done,
        total,
        row: rows.get(plan.id)!,
        best: scores.length ? Math.max(...scores) : NaN,
      });
    } catch (error) {
      failure ??= { error };
    } finally {
      running.delete(plan.id);
    }
  };
  for (;;) {
    if (failure) break;
    const proposal = proposer.next(rows);
    if (proposal === "done") break;
    for (const plan of proposal) {
      if (proposed.has(plan.id)) throw new Error(`the method proposed trial ${plan.id} twice`);
      proposed.add(plan.id);
    }
    const fresh = proposal.filter(keep);
    const matched = matchRows(logged, fresh, store.name);
    for (const [id, row] of matched) rows.set(id, row);
    const todo = fresh.filter((p) => !matched.has(p.id));
    if (estimateCost) {
      const cost = new Map(todo.map((p) => [p.id, estimateCost(p)]));
      todo.sort((a, b) => cost.get(b.id)! - cost.get(a.id)! || a.id - b.id);
    }
    for (const plan of todo) running.set(plan.id, run(plan));
    if (proposal.length > 0) continue;
    if (running.size === 0) {
      throw new Error("the method waits for results, but no trial is running");
    }
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (failure) throw failure.error;
  checkNoStrays(logged, rows, store.name);
  return rows;
}

/** One row of the log: the plan, what the trial measured, and how long it took. */
function logRow(plan: TrialPlan, result: TrialResult, seconds: number): LogRow {
  return {
    id: plan.id,
    ...plan.labels,
    seed: plan.seed,
    ...plan.config,
    epochs: plan.epochs,
    score: result.score,
    ...(result.folds === undefined ? {} : { folds: result.folds, score_sd: result.scoreSd! }),
    ...(result.bestEpoch === undefined
      ? {}
      : { best_epoch: result.bestEpoch, stopped_epoch: result.stoppedEpoch! }),
    loss: result.loss,
    train_loss: result.trainLoss,
    cost: result.cost,
    status: result.status,
    train_s: Math.round(seconds * 1000) / 1000,
  };
}

/** Throws when `logged` holds a row the search never proposed. */
function checkNoStrays(logged: readonly LogRow[], rows: Map<number, LogRow>, where: string) {
  const strays = logged.filter((row) => !rows.has(row.id as number));
  if (strays.length === 0) return;
  const last = Math.max(...rows.keys());
  if (strays.every((row) => typeof row.id === "number" && row.id > last)) {
    throw new Error(
      `cannot resume from ${where}: it holds ${logged.length} trials, more than the ` +
        `${rows.size} of this search (was it written with a larger --trials? run that, or ` +
        "use another --out)",
    );
  }
  throw new Error(
    `cannot resume from ${where}: its trial ${JSON.stringify(strays[0].id)} is not a trial of ` +
      "this search (another --seed, --space, --method, --eta or --epochs?)",
  );
}

/**
 * Runs every plan whose id is not in `rows` on `pool` ({@link driveSearch} with every plan
 * proposed at once), keeping the log complete and sorted by id after each finished trial;
 * returns every row by id (`rows`, filled in).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logColumns, type LogStore, runTrials, type SearchCode } from "./runner.ts";
 * import type { TrialPool } from "./pool.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * const code = { formatTrialLog, parseTrialLog, selectBest } as unknown as SearchCode;
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
 * const trained: number[] = [];
 * const pool: TrialPool = {
 *   train(plan) {
 *     trained.push(plan.id);
 *     const result = { score: 0.5 + plan.id / 10, loss: 1, trainLoss: 1, cost: 1, status: "ok" as const };
 *     return Promise.resolve({ id: plan.id, seconds: 0, result });
 *   },
 *   test: () => Promise.resolve(1),
 *   close() {},
 * };
 * const plans = [0, 1].map((id) => ({ id, config: { lr: 0.1 }, seed: id, epochs: 1 }));
 * const columns = logColumns(["lr"]);
 * const first = await runTrials({ code, pool, plans, columns, rows: new Map(), store: memory() });
 * trained.length = 0;
 * // A resumed search trains only the trials its rows lack.
 * const rows = new Map([[0, first.get(0)!]]);
 * await runTrials({ code, pool, plans, columns, rows, store: memory() });
 * assert.deepEqual(trained, [1]);
 * assert.deepEqual([...rows.keys()].sort(), [0, 1]);
 * ```
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
  const { plans, rows } = options;
  const done = await driveSearch({
    ...options,
    proposer: allAtOnce(plans),
    logged: [...rows.values()],
  });
  for (const [id, row] of done) rows.set(id, row);
  return rows;
}

/**
 * The winner of a finished search by the tie rule (`code.selectBest` on score, loss, cost, id).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pickWinner, type SearchCode } from "./runner.ts";
 * import {
 *   formatTrialLog,
 *   parseTrialLog,
 * } from "../../solutions/07-grid-and-random-search/tracker.ts";
 * import { selectBest } from "../../solutions/06-validation/select.ts";
 * const code = { formatTrialLog, parseTrialLog, selectBest } as unknown as SearchCode;
 * const row = (id: number, score: number, loss: number) => ({ id, score, loss, cost: 1 });
 * const rows = new Map([[0, row(0, 0.9, 0.3)], [1, row(1, 0.9, 0.2)], [2, row(2, 0.8, 0.1)]]);
 * assert.equal(pickWinner(code, rows).id, 1); // the tie on score goes to the lower loss
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

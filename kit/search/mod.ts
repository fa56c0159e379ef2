/**
 * The search's one entry point: {@link runSearch} takes a space, a method, a budget, a seed,
 * workers, a dataset, the course code, a log store and a progress callback, checks them all
 * once, runs the search, and returns the rows, the winner, its one test score and the cost.
 * `deno task search` is argument parsing and printing around it.
 *
 * ## Adding a method
 *
 * 1. Write a module exporting a {@link SearchMethod} (`method.ts` has the types;
 *    `grid_random.ts` and `fidelity.ts` are examples): `summary` and `trialsHelp` for `--help`;
 *    `pieces`, the course files whose functions it calls (the learner's code in the student
 *    edition, e.g. `{ file: "09-model-based-search/tpe.ts", names: ["suggestTpe"] }`, loaded into
 *    `context.code` by name); `labels`, extra log columns written after the id; `options`, its
 *    numeric flags (`eta`); `shardable`, true only when trial i's configuration depends on
 *    nothing but the seed and i; `defaultSpace`; and `start(context)`, which checks the
 *    arguments (throw `SearchArgumentError`, exit status 2) and returns a {@link Proposer}.
 * 2. Add one line to the table in `methods.ts`. Nothing in the command changes.
 *
 * The proposer's `next(results)` is called whenever a trial finishes, with every result so far
 * by id. It returns new plans (fresh ids; seed `trialSeed(searchSeed, key)` for a key that
 * depends on the search only), `[]` to wait, or `"done"`. To keep the log identical for any
 * number of workers it must decide from results it waited for, never from which happened to
 * arrive first:
 *
 * - **Model-based (BO, TPE):** propose a batch of B from the completed trials (the pending ones
 *   filled in with a constant liar), return `[]` until all B are back, then the next batch. B is
 *   the method's own option, never the worker count.
 * - **Asynchronous (ASHA, PBT):** simulate the workers on a clock (a trial's simulated duration,
 *   e.g. its epochs): keep the simulated queue in the proposer, and make each decision (promote,
 *   stop, exploit) at its simulated time, returning `[]` until the results that decision reads
 *   are in. Real workers then only make it faster.
 *
 * Every row names its search in a `search` column (`identity.ts`: the dataset, folds, patience,
 * method, its options, clock): a log or shard of another search is refused. A new method's
 * options join the identity by themselves; anything else that changes a trial's outcome but
 * not its row belongs there too.
 *
 * Rows the proposer's plans find in the log (a resumed search) are handed back as results
 * without training; `candidates` limits the winner to some rows (e.g. the full-budget rung);
 * `costNote` and `epochs` describe the cost.
 *
 * @module
 */

import { logColumns, type LogRow, type LogStore, pickWinner, type Progress } from "./runner.ts";
import { driveSearch, readLog, type SearchCode, type SpaceSpec } from "./runner.ts";
import {
  type MethodCode,
  type Proposer,
  SearchArgumentError,
  type SearchMethod,
} from "./method.ts";
import { methodNamed, METHODS } from "./methods.ts";
import { parseClock } from "./clock.ts";
import { checkpointKeeper } from "./pbt_checkpoints.ts";
import { checkIdentity, SEARCH_COLUMN, searchIdentity } from "./identity.ts";
import { type CodeSource, loadMethodCode } from "./code.ts";
import { createPool, type TrialPlan, type TrialPool } from "./pool.ts";
import {
  DATASETS,
  DEFAULT_SETTINGS,
  type TrialResult,
  type TrialSettings,
  trialSettings,
} from "./trial.ts";
import {
  CV_BELOW_ROWS,
  DEFAULT_FOLDS,
  prepareSearchData,
  readDataset,
  type SplitCode,
} from "./data.ts";
import type { Dataset } from "../lib/csv.ts";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export { SearchArgumentError } from "./method.ts";
export type { Proposer, SearchMethod } from "./method.ts";
export { METHODS } from "./methods.ts";

/** Training settings by dataset: epochs and batch size sized to the data. */
export const DATASET_SETTINGS: Readonly<Record<string, Partial<TrialSettings>>> = {
  digits: { epochs: 30, batchSize: 32 },
  iris: { epochs: 60, batchSize: 16 },
  wine: { epochs: 40, batchSize: 16 },
  breast_cancer: { epochs: 20, batchSize: 32 },
};

/** What a search is about to do, reported once before the first trial. */
export interface SearchStart {
  /** Rows the log will hold (this shard's, with `shard`), when the method knows in advance. */
  total: number | undefined;
  /** Rows already in the log (resumed). */
  resumed: number;
  /** Workers started. */
  workers: number;
  /** The full budget of a trial, in epochs. */
  epochs: number;
  /** Cross-validation folds (0: one validation set), and whether that was the default. */
  folds: number;
  /** True when `folds` was chosen by the dataset's size, not asked for. */
  foldsByDefault: boolean;
}

/** Everything {@link runSearch} takes. */
export interface SearchOptions {
  /** A name of the method table (`methods.ts`). */
  method: string;
  /** The space; default the method's. */
  space?: SpaceSpec;
  /** Where the space came from, for messages (e.g. `"the space file space.json"`). */
  spaceName?: string;
  /** Trials (`--trials`, whose meaning depends on the method) and epochs per trial. */
  budget: { trials?: number; epochs?: number };
  /** The method's own options (e.g. `{ eta: 3 }`); the others keep their defaults. */
  methodOptions?: Readonly<Record<string, number>>;
  /** The seed of every random draw and training. */
  seed: number;
  /** Trials run at once, one Worker each. */
  workers: number;
  /** `--clock` of an asynchronous method: `"simulated"` (default) or `"real"`. */
  clock?: string;
  /** `--virtual-workers` of the simulated clock (default `workers`). */
  virtualWorkers?: number;
  /**
   * The dataset, the settings a configuration leaves out (default by dataset), cross-validation
   * folds (`cv`: 0 for none; default {@link DEFAULT_FOLDS} under {@link CV_BELOW_ROWS} rows)
   * and early stopping's `patience` (default none: every epoch).
   */
  data: { dataset: string; defaults?: Partial<TrialSettings>; cv?: number; patience?: number };
  /** Where the per-epoch training curves go (`id,fold,epoch,…`), resumed like the log. */
  curves?: LogStore;
  /** Where the weights of trials that hand them back go (PBT, `pbt_checkpoints.ts`), for resuming. */
  checkpoints?: LogStore;
  /** The course code, loaded (tests) or to load from `kitRoot/source/`. */
  code: MethodCode | { kitRoot: string; source: CodeSource };
  /** The trial log. */
  store: LogStore;
  /** Called once before the first trial and after every trial. */
  progress?: { start?(start: SearchStart): void; trial?(progress: Progress): void };
  /** Run only the trials whose id ≡ index mod count (shardable methods only). */
  shard?: { index: number; count: number };
  /**
   * Shard logs to merge instead of a log to resume: every trial must be in one of them (each row
   * checked against this search's plan and its identity, `identity.ts`, so logs of another
   * search are refused, naming the option that differs); nothing is trained but
   * the winner, for its test score; the merged log is written to `store`.
   */
  merge?: readonly { name: string; text: string }[];
  /** Starts the workers (default `createPool`); tests pass a fake. */
  createPool?: (size: number, dataset: string, defaults: TrialSettings) => Promise<TrialPool>;
}

/** What {@link runSearch} returns. */
export interface SearchOutcome {
  /** The log's columns. */
  columns: string[];
  /** Every row, by id. */
  rows: LogRow[];
  /** The winning row by the tie rule among the method's candidates. */
  winner: LogRow;
  /** The winner's configuration. */
  config: Record<string, number | string | boolean>;
  /** Its accuracy on the test rows, measured once; `undefined` for a shard (merge first). */
  testScore: number | undefined;
  /** What the search cost. */
  cost: { trials: number; epochs: number; seconds: number; note?: string };
}

/** The checked arguments of a search: what {@link checkSearch} returns. */
export interface CheckedSearch {
  /** The started method. */
  proposer: Proposer;
  /** The first proposal, already taken from the proposer (it names the columns). */
  first: readonly TrialPlan[];
  /** The log's columns. */
  columns: string[];
  /** The settings every trial starts from. */
  defaults: TrialSettings;
  /** Epochs of a full trial. */
  epochs: number;
  /** The loaded code. */
  code: MethodCode;
  /** The dataset as read. */
  dataset: Dataset;
  /** Cross-validation folds (0: none). */
  folds: number;
  /** True when the dataset's size chose `folds`. */
  foldsByDefault: boolean;
  /** What identifies the search beyond its rows, in every row's `search` column (`identity.ts`). */
  identity: string;
  /** The module with the learner's `fitWithEarlyStopping`, when `patience` is set. */
  fitUrl?: string;
  /** Each finished trial's validation accuracy by epoch, which the method may read. */
  curveBook: Map<number, number[]>;
  /** The weights of the finished trials that asked for them. */
  weightBook: Map<number, number[]>;
}

/**
 * Checks every argument of a search once (dataset, method, options, workers, shard, space) and
 * starts the method. Throws a {@link SearchArgumentError} naming what is wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { checkSearch, type LogStore } from "./mod.ts";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
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
 * const base = {
 *   method: "random",
 *   budget: { trials: 4 },
 *   seed: 0,
 *   workers: 1,
 *   code: { kitRoot, source: "solutions" as const },
 *   store: memory(),
 * };
 * const checked = await checkSearch({ ...base, data: { dataset: "iris" } });
 * assert.equal(checked.folds, 5); // iris has under 500 rows: cross-validated by default
 * assert.equal(checked.first.length, 4);
 * await assert.rejects(
 *   checkSearch({ ...base, data: { dataset: "mnist" } }),
 *   /unknown dataset "mnist"/,
 * );
 * ```
 */
export async function checkSearch(options: SearchOptions): Promise<CheckedSearch> {
  const { dataset } = options.data;
  if (!DATASETS.includes(dataset)) {
    throw new SearchArgumentError(
      `unknown dataset "${dataset}": choose one of ${DATASETS.join(", ")}`,
    );
  }
  const method = methodNamed(options.method);
  const methodOptions = checkMethodOptions(method, options);
  if (!Number.isSafeInteger(options.workers) || options.workers < 1) {
    throw new SearchArgumentError("--workers must be a whole number ≥ 1");
  }
  checkShard(options.shard, options.method, method.shardable);
  const { clock, virtualWorkers } = checkClock(options, method.clocked === true);
  const { cv, patience } = checkFoldsAndPatience(options.data);
  const data = await readDataset(dataset);
  const folds = cv ?? (data.rows < CV_BELOW_ROWS ? DEFAULT_FOLDS : 0);
  const defaults = { ...DEFAULT_SETTINGS, ...DATASET_SETTINGS[dataset], ...options.data.defaults };
  const epochs = options.budget.epochs ?? defaults.epochs;
  const space = options.space ?? method.defaultSpace;
  checkSpace(space, defaults, options.spaceName);
  const where = options.code as { kitRoot?: string; source?: CodeSource };
  const code = where.kitRoot !== undefined && where.source !== undefined
    ? await loadMethodCode(where.kitRoot, where.source, method.pieces)
    : options.code as MethodCode;
  const curveBook = new Map<number, number[]>();
  const weightBook = new Map<number, number[]>();
  const proposer = method.start({
    code,
    space,
    trials: options.budget.trials,
    epochs,
    seed: options.seed,
    options: methodOptions,
    clock,
    virtualWorkers,
    defaults: { ...defaults, epochs },
    folds,
    patience,
    curve: (id) => curveBook.get(id),
    weights: (id) => weightBook.get(id),
  });
  const first = proposer.next(new Map());
  if (first === "done" || first.length === 0) {
    throw new SearchArgumentError("the search has no trials");
  }
  // Every configuration must name known hyperparameters with values of the right type.
  for (const plan of first) trialSettings(plan.config, defaults);
  const columns = trialLogColumns(first[0], proposer.labels ?? method.labels, folds);
  const identity = searchIdentity({
    ...{ dataset, method: options.method, folds, patience, methodOptions },
    clock: method.clocked === true ? { clock, virtualWorkers } : undefined,
    settings: options.data.defaults,
  });
  const fitUrl = where.kitRoot !== undefined && where.source !== undefined
    ? pathToFileURL(join(where.kitRoot, where.source, "06-validation/early_stopping.ts")).href
    : undefined;
  return {
    proposer,
    first,
    columns,
    defaults,
    epochs,
    code,
    dataset: data,
    folds,
    foldsByDefault: cv === undefined,
    identity,
    fitUrl,
    curveBook,
    weightBook,
  };
}

/** `--cv` and `--patience`, checked: throws a {@link SearchArgumentError} on a bad value. */
function checkFoldsAndPatience(data: SearchOptions["data"]) {
  const { cv, patience } = data;
  if (cv !== undefined && (!Number.isSafeInteger(cv) || cv < 0 || cv === 1)) {
    throw new SearchArgumentError("--cv must be a whole number ≥ 2 (or 0 for no cross-validation)");
  }
  if (patience !== undefined && (!Number.isSafeInteger(patience) || patience < 0)) {
    throw new SearchArgumentError("--patience must be a whole number ≥ 0");
  }
  return { cv, patience };
}

/**
 * The log's columns (`logColumns`), lesson 06's measurements after the score and the search's
 * identity just before the timing, which stays last (where tools strip it).
 */
function trialLogColumns(
  first: TrialPlan,
  labels: readonly string[] | undefined,
  folds: number,
): string[] {
  const measured = [...(folds ? ["folds", "score_sd"] : []), "best_epoch", "stopped_epoch"];
  const columns = logColumns(Object.keys(first.config), labels, measured);
  columns.splice(columns.length - 1, 0, SEARCH_COLUMN);
  return columns;
}

/** The method's options, defaults filled in; throws on a bad value or another method's option. */
function checkMethodOptions(method: SearchMethod, options: SearchOptions): Record<string, number> {
  const methodOptions: Record<string, number> = {};
  for (const [name, option] of Object.entries(method.options)) {
    const value = options.methodOptions?.[name] ?? option.default;
    if (!Number.isSafeInteger(value) || value < option.min) {
      throw new SearchArgumentError(`--${name} must be a whole number ≥ ${option.min}`);
    }
    methodOptions[name] = value;
  }
  for (const name of Object.keys(options.methodOptions ?? {})) {
    if (!Object.hasOwn(method.options, name)) {
      throw new SearchArgumentError(`--${name} is not an option of --method ${options.method}`);
    }
  }
  return methodOptions;
}

/** Throws unless `shard` is a valid I/N of a shardable method. */
function checkShard(
  shard: SearchOptions["shard"],
  method: string,
  shardable: boolean,
): void {
  if (!shard) return;
  const { index, count } = shard;
  if (
    !Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 0 ||
    index >= count
  ) {
    throw new SearchArgumentError(`--shard must be I/N with 0 ≤ I < N, got ${index}/${count}`);
  }
  if (!shardable) {
    throw new SearchArgumentError(
      `--method ${method} cannot be sharded: it decides which trials to run from the results of ` +
        "earlier ones, so its shards would need each other's results (grid and random search " +
        "shard)",
    );
  }
}

/**
 * The clock and virtual workers of an asynchronous method (defaults: simulated, `--workers`).
 * Throws a {@link SearchArgumentError} when another method is given them, on a bad value, or
 * when the real clock is given virtual workers other than its real ones.
 */
function checkClock(options: SearchOptions, clocked: boolean) {
  const { method, workers } = options;
  if (!clocked) {
    for (
      const [flag, value] of [["clock", options.clock], ["virtual-workers", options.virtualWorkers]]
    ) {
      if (value !== undefined) {
        throw new SearchArgumentError(
          `--${flag} is an option of the asynchronous methods (${asynchronousMethods()}), ` +
            `not of --method ${method}`,
        );
      }
    }
  }
  const clock = parseClock(options.clock);
  const virtualWorkers = options.virtualWorkers ?? workers;
  if (!Number.isSafeInteger(virtualWorkers) || virtualWorkers < 1) {
    throw new SearchArgumentError("--virtual-workers must be a whole number ≥ 1");
  }
  if (clock === "real" && virtualWorkers !== workers) {
    throw new SearchArgumentError(
      "--virtual-workers is for the simulated clock: on --clock real the workers are the " +
        `${workers} real ones (--workers)`,
    );
  }
  if (clock === "real" && options.merge) {
    throw new SearchArgumentError("--merge is for sharded searches, not --clock real");
  }
  return { clock, virtualWorkers };
}

/**
 * The methods that take `--clock`, for messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asynchronousMethods } from "./mod.ts";
 * assert.match(asynchronousMethods(), /asha/);
 * ```
 */
export function asynchronousMethods(): string {
  return Object.entries(METHODS).filter(([, m]) => m.clocked).map(([n]) => n).join(", ");
}

/** Throws, naming the hyperparameter and where the space came from, on an unknown name. */
function checkSpace(space: SpaceSpec, defaults: TrialSettings, where = "the space"): void {
  for (const name of Object.keys(space)) {
    if (!Object.hasOwn(defaults, name)) {
      throw new SearchArgumentError(
        `unknown hyperparameter "${name}" in ${where}: the MLP trial knows ` +
          Object.keys(defaults).join(", "),
      );
    }
  }
}

/**
 * Runs a search: checks the arguments ({@link checkSearch}), resumes from the log when it holds
 * trials (an empty file is a new log), runs the rest on `workers` Workers, and measures the
 * winner on the test rows once (a winner logged by an earlier run is trained again, same seed,
 * same result, to measure it). The log is the same for any number of workers, apart from its
 * `_s` columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { type LogStore, runSearch } from "./mod.ts";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
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
 * const store = memory();
 * const outcome = await runSearch({
 *   method: "random",
 *   budget: { trials: 2, epochs: 2 },
 *   seed: 1,
 *   workers: 1,
 *   data: { dataset: "iris", cv: 0 },
 *   code: { kitRoot, source: "solutions" },
 *   store,
 * });
 * assert.deepEqual(outcome.rows.map((r) => r.id), [0, 1]);
 * assert.ok(outcome.rows.includes(outcome.winner));
 * assert.ok(outcome.testScore! >= 0 && outcome.testScore! <= 1);
 * assert.equal(store.text!.split("\n")[0], outcome.columns.join(","));
 * ```
 */
export async function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  const started = performance.now();
  const checked = await checkSearch(options);
  const { columns, defaults, epochs, code } = checked;
  const { store, shard } = options;
  const logged = await loggedRows(checked, options);
  const plans = new Map<number, TrialPlan>();
  const proposer = recording(checked, plans, defaults);
  const keep = shard ? (p: TrialPlan) => p.id % shard.count === shard.index : undefined;
  const total = proposer.total === undefined || !shard
    ? proposer.total
    : Math.ceil((proposer.total - shard.index) / shard.count);
  const size = Math.min(
    options.workers,
    proposer.parallelism ?? Infinity,
    Math.max(1, (total ?? Infinity) - logged.length),
  );
  const start = options.createPool ?? lessonPool(checked, options);
  const { folds, foldsByDefault } = checked;
  options.progress?.start?.({
    total,
    resumed: logged.length,
    workers: size,
    epochs,
    folds,
    foldsByDefault,
  });
  const curves = await curveKeeper(
    code,
    options.curves,
    logged,
    checked.curveBook,
    checked.weightBook,
  );
  const checkpoints = await checkpointKeeper(
    options.merge ? undefined : options.checkpoints,
    checked.identity,
    logged,
    checked.weightBook,
    checked.first.some((plan) => plan.returnWeights === true),
  );
  const pool = options.merge
    ? refusingPool(options.merge.map((m) => m.name))
    : await start(size, options.data.dataset, defaults);
  try {
    const onTrial = options.progress?.trial &&
      ((p: Progress) => options.progress!.trial!({ ...p, total: total ?? p.total }));
    const rows = await driveSearch({
      code,
      pool,
      proposer: { ...proposer, total },
      columns,
      logged,
      store: options.merge
        ? { ...store, name: `the shard logs ${options.merge.map((m) => m.name).join(", ")}` }
        : store,
      onTrial,
      estimateCost: (plan) => {
        const settings = trialSettings(plan.config, { ...defaults, epochs: plan.epochs });
        return settings.epochs * settings.hidden;
      },
      keep,
      // The checkpoint, then the curves, are written before the trial's row enters the log.
      onResult: async (plan, result) => {
        await checkpoints.record(plan, result);
        await curves.record(plan, result);
      },
      cells: { [SEARCH_COLUMN]: checked.identity },
    });
    const measure = (plan: TrialPlan) => measureOnce(pool, plan, options, start, defaults);
    return await outcome(checked, options, { rows, plans, proposer, measure, started });
  } finally {
    pool.close();
  }
}

/**
 * The outcome of a finished search: the merged log written (a merge), the winner among the
 * method's candidates, its test score (not for a shard) and the cost.
 */
async function outcome(
  { code, columns }: CheckedSearch,
  { store, merge, shard }: SearchOptions,
  search: {
    rows: Map<number, LogRow>;
    plans: Map<number, TrialPlan>;
    proposer: Proposer;
    measure: (plan: TrialPlan) => Promise<number>;
    started: number;
  },
): Promise<SearchOutcome> {
  const { rows, plans, proposer } = search;
  const sorted = [...rows.values()].sort((a, b) => (a.id as number) - (b.id as number));
  if (merge) await store.write(code.formatTrialLog(columns, sorted));
  const candidates = proposer.candidates?.(rows).filter((id) => rows.has(id)) ?? [...rows.keys()];
  const winner = pickWinner(code, new Map(candidates.map((id) => [id, rows.get(id)!])));
  const plan = plans.get(winner.id as number)!;
  const testScore = shard ? undefined : await search.measure(plan);
  return {
    columns,
    rows: sorted,
    winner,
    config: Object.fromEntries(Object.keys(plan.config).map((k) => [k, winner[k]])),
    testScore,
    cost: {
      trials: rows.size,
      epochs: proposer.epochs?.() ?? sorted.reduce((n, r) => n + (r.epochs as number), 0),
      seconds: (performance.now() - search.started) / 1000,
      note: proposer.costNote?.(),
    },
  };
}

/**
 * The rows to resume from: the shard logs of a merge, else the log's, each log checked to be of
 * this search (`identity.ts`). Throws a {@link SearchArgumentError} when a search that cannot
 * resume (`noResume`) would.
 */
async function loggedRows(checked: CheckedSearch, options: SearchOptions) {
  const { code, columns, identity } = checked;
  const noResume = checked.proposer.noResume;
  const { store } = options;
  const logged = options.merge
    ? mergeLogs(code, options.merge, columns, identity)
    : await readStore(code, store, columns, identity);
  if (noResume !== undefined && logged.length > 0) {
    throw new SearchArgumentError(
      `${store.name} already holds ${logged.length} trials of a ${options.method} search that ` +
        `cannot resume: ${noResume}. Use another --out`,
    );
  }
  return logged;
}

/** The rows of the log in `store`; none when it does not exist or is empty (a new log). */
async function readStore(
  code: SearchCode,
  store: LogStore,
  columns: readonly string[],
  identity: string,
) {
  const text = await store.read();
  if (text === undefined || text.trim() === "") return [];
  return searchRows(code, text, { columns, identity }, store.name, "cannot resume");
}

/**
 * A log's rows, checked to be of this search (its `identity`) before its columns: a search of
 * another `--cv 0` or method has other columns too, and the identity names the option.
 */
function searchRows(
  code: SearchCode,
  text: string,
  search: { columns: readonly string[]; identity: string },
  where: string,
  verb: string,
): LogRow[] {
  return readLog(
    code,
    text,
    search.columns,
    where,
    (log) => checkIdentity(log, search.identity, where, verb),
  );
}

/**
 * The rows of several shard logs of one search, each checked to be of this search (its identity
 * and columns).
 * Throws an `Error` naming the logs when two hold the same trial differently.
 */
function mergeLogs(
  code: SearchCode,
  logs: readonly { name: string; text: string }[],
  columns: readonly string[],
  identity: string,
): LogRow[] {
  const byId = new Map<number, { row: LogRow; name: string }>();
  const same = (a: LogRow, b: LogRow) =>
    columns.every((c) => c.endsWith("_s") || Object.is(a[c], b[c]));
  for (const { name, text } of logs) {
    for (const row of searchRows(code, text, { columns, identity }, name, "cannot merge")) {
      const earlier = byId.get(row.id as number);
      if (earlier && !same(earlier.row, row)) {
        throw new Error(
          `cannot merge: ${earlier.name} and ${name} hold different trials ${row.id} ` +
            "(logs of different searches?)",
        );
      }
      byId.set(row.id as number, { row, name });
    }
  }
  return [...byId.values()].map((v) => v.row);
}

/** The pool of a merge: every trial must come from the shards. */
function refusingPool(names: readonly string[]): TrialPool {
  return {
    train: (plan) =>
      Promise.reject(
        new Error(
          `cannot merge: trial ${plan.id} of this search is in none of ${names.join(", ")} ` +
            "(a shard missing or unfinished?)",
        ),
      ),
    test: () => Promise.reject(new Error("a merge trains nothing")),
    close() {},
  };
}

/** Starts workers on the data split as lesson 06 says, with the learner's early stopping. */
function lessonPool(
  checked: CheckedSearch,
  options: SearchOptions,
): NonNullable<SearchOptions["createPool"]> {
  const { patience } = options.data;
  const name = options.data.dataset;
  return (n, dataset, defaults) =>
    createPool(n, dataset, 0, defaults, {
      prepared: Promise.resolve().then(() =>
        prepareSearchData(
          checked.dataset,
          name,
          checked.code as unknown as SplitCode,
          checked.folds,
        )
      ),
      stopping: { patience, fitUrl: checked.fitUrl },
    });
}

/** The columns of the training-curves sidecar. */
export const CURVE_COLUMNS: readonly string[] = [
  "id",
  "fold",
  "epoch",
  "train_loss",
  "validation_loss",
  "validation_accuracy",
];

/**
 * Keeps the curves sidecar: the rows of logged trials read back, each new trial's added, the
 * file rewritten (sorted by id) before its trial's row enters the log.
 */
async function curveKeeper(
  code: SearchCode,
  store: LogStore | undefined,
  logged: LogRow[],
  book: Map<number, number[]>,
  weights: Map<number, number[]>,
) {
  const byId = new Map<number, LogRow[]>();
  const text = await store?.read();
  if (store && text !== undefined && text.trim() !== "") {
    const ids = new Set(logged.map((r) => r.id));
    for (const row of readLog(code, text, CURVE_COLUMNS, store.name)) {
      if (!ids.has(row.id)) continue;
      const list = byId.get(row.id as number) ?? [];
      list.push(row);
      byId.set(row.id as number, list);
    }
  }
  for (const [id, rows] of byId) {
    book.set(id, rows.filter((r) => r.fold === 0).map((r) => r.validation_accuracy as number));
  }
  let writing = Promise.resolve();
  return {
    record: async (plan: TrialPlan, result: TrialResult) => {
      if (result.curves) book.set(plan.id, result.curves[0].map((e) => e.validationAccuracy));
      if (result.weights) weights.set(plan.id, result.weights);
      if (!store || !result.curves) return;
      byId.set(
        plan.id,
        result.curves.flatMap((curve, fold) =>
          curve.map((e, epoch) => ({
            id: plan.id,
            fold,
            epoch,
            train_loss: e.trainLoss,
            validation_loss: e.validationLoss,
            validation_accuracy: e.validationAccuracy,
          }))
        ),
      );
      const rows = [...byId.keys()].sort((a, b) => a - b).flatMap((id) => byId.get(id)!);
      const text = code.formatTrialLog(CURVE_COLUMNS, rows);
      writing = writing.then(() => store.write(text));
      await writing;
    },
  };
}

/** The proposer, handing out the checked first proposal first and recording every plan. */
function recording(
  checked: CheckedSearch,
  plans: Map<number, TrialPlan>,
  defaults: TrialSettings,
): Proposer {
  const { proposer } = checked;
  let first: readonly TrialPlan[] | undefined = checked.first;
  return {
    ...proposer,
    next(results) {
      const proposal = first ?? proposer.next(results);
      first = undefined;
      if (proposal === "done") return proposal;
      for (const plan of proposal) {
        trialSettings(plan.config, defaults);
        plans.set(plan.id, plan);
      }
      return proposal;
    },
  };
}

/** The winner's test accuracy: from the worker that trained it, else trained again. */
async function measureOnce(
  pool: TrialPool,
  plan: TrialPlan,
  options: SearchOptions,
  start: NonNullable<SearchOptions["createPool"]>,
  defaults: TrialSettings,
): Promise<number> {
  try {
    return await pool.test(plan.id);
  } catch {
    const again = await start(1, options.data.dataset, defaults);
    try {
      await again.train(plan);
      return await again.test(plan.id);
    } finally {
      again.close();
    }
  }
}

export type { LogRow, LogStore, Progress, SearchCode, SpaceSpec };

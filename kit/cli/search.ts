/**
 * `deno task search`: tunes the lesson-05 MLP on a dataset of `data/` with grid, random or
 * quasi-random search (lesson 07), successive halving and Hyperband (lesson 08), a Gaussian
 * process and TPE (lesson 09), or ASHA and median stopping on a simulated or real clock (lesson
 * 10), trials in parallel on Workers, a CSV trial log that resumes, and the winner's test score
 * printed once at the end.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import process from "node:process";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import cliProgress from "cli-progress";
import { type CodeSource, defaultSource } from "../search/code.ts";
import { fileStore } from "../search/runner.ts";
import { checkpointsPath } from "../search/pbt_checkpoints.ts";
import {
  asynchronousMethods,
  DATASET_SETTINGS,
  METHODS,
  type Progress,
  runSearch,
  SearchArgumentError,
  type SearchOptions,
  type SearchOutcome,
  type SpaceSpec,
} from "../search/mod.ts";
import { DATASETS, DEFAULT_SETTINGS } from "../search/trial.ts";
import { CV_BELOW_ROWS } from "../search/data.ts";
import { oneOf, parseCommandLine, runMain, UsageError, wholeNumber, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every method's own options (e.g. `eta`), by flag name. */
const METHOD_OPTIONS = Object.fromEntries(
  Object.values(METHODS).flatMap((m) => Object.entries(m.options)),
);

const USAGE = `usage: deno task search --dataset NAME [--method ${Object.keys(METHODS).join("|")}]
                        [--trials N] [--seed S] [--workers W] [--out FILE.csv]
                        [--space FILE.json] [--epochs E] [--code solutions|exercises]
                        [--clock simulated|real] [--virtual-workers W]
                        ${Object.keys(METHOD_OPTIONS).map((o) => `[--${o} N]`).join(" ")}

  --dataset NAME  one of ${DATASETS.join(", ")}
  --method M      (default random)
${Object.entries(METHODS).map(([name, m]) => `                  ${name}: ${m.summary}`).join("\n")}
  --trials N      by method: ${
  Object.entries(METHODS).map(([name, m]) => `${name}: ${m.trialsHelp}`).join(
    ";\n                  ",
  )
}
  --seed S        an integer: the random draws and every trial's training seed (default 0)
  --workers W     trials run at once, one Worker each (default: one per core)
  --out FILE      the trial log, CSV (default search-DATASET-METHOD-SEED.csv); when it
                  exists, the trials already in it are skipped (resume). Every row's
                  search column names what its rows do not show (dataset, --cv folds,
                  --patience, method, its options, clock); a log of another search is refused
  --space FILE    a JSON object: for each hyperparameter a list of values, or (all but
                  grid search) a distribution such as {"type": "logUniform", "low": 1e-4, "high": 1}
                  (types: choice, uniform, logUniform, integer, logInteger). Hyperparameters:
                  ${Object.keys(DEFAULT_SETTINGS).join(", ")}
  --epochs E      training epochs of every trial, the maximum budget R of halving and
                  hyperband (default by dataset: ${
  Object.entries(DATASET_SETTINGS).map(([d, s]) => `${d} ${s.epochs}`).join(", ")
})
${
  Object.entries(METHOD_OPTIONS).map(([name, o]) =>
    `  --${name} N${" ".repeat(Math.max(1, 12 - name.length))}${o.help} (default ${o.default})`
  ).join("\n")
}
                  Multi-fidelity searches (halving, hyperband, asha) log each evaluation as a
                  row (columns config, bracket, rung; its budget in epochs); a promoted
                  configuration is retrained
                  from scratch with the same seed (the workers keep no checkpoints), and both
                  costs are printed
  --clock C       asynchronous methods (${asynchronousMethods()}): simulated (default): each epoch
                  costs a nominal time (0.2 + hidden/32 units) on W virtual workers, so every
                  decision, and the log, depends on the seed, the space and W only, whatever
                  --workers runs it (and it resumes); real: decisions follow the order trials
                  finish on this machine: not reproducible, not resumable, reported as such.
                  asha logs vworker, sim_start, sim_end (real clock: vworker, start_s);
                  median stops a trial inside its worker, comparing it with the trials
                  completed when it started (stopped_epoch in the log; needs --cv 0);
                  pbt decides between generations (simulated clock only), each row a member's
                  generation (member, generation, source), continued from the weights of the
                  member it copied; it resumes from the members' weights, kept beside the log
                  in LOG.pbt.json
  --virtual-workers W  the simulated clock's workers (default: --workers)
  --cv K          score each trial by stratified K-fold cross-validation of the training +
                  validation rows (mean; spread in score_sd). Default: 5 folds for datasets
                  under ${CV_BELOW_ROWS} rows (iris, wine), none above; --cv 0: one validation set
  --patience N    early stopping (lesson 06, Keras semantics): stop after N epochs without a
                  lower validation loss, restore the best epoch's weights (best_epoch,
                  stopped_epoch in the log). Default: every epoch trains
  --shard I/N     run only the trials whose id ≡ I mod N (grid and random search), into their
                  own log; then --merge them
  --merge LOG…    with the search's own options: join its shard logs into --out (refusing logs
                  of another search: their rows or search column differ), pick the winner and
                  measure its test score
  Training curves (per trial, fold and epoch) are kept beside the log in LOG.curves.csv;
  draw a search with deno task report LOG.csv
  --code C        whose grid, sampler, trial log and tie rule to use: solutions (default when
                  the folder exists) or exercises (yours)

Default spaces: ${
  Object.entries(METHODS).map(([name, m]) => `${name} ${JSON.stringify(m.defaultSpace)}`).join(
    "\n                ",
  )
}`;

/** A whole-number option ≥ `min`, when given. */
function integerOption(name: string, text: string | undefined, min: number): number | undefined {
  return text === undefined ? undefined : wholeNumber(name, text, min);
}

/** `--shard I/N`. */
function shardOption(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) >= Number(match[2])) {
    throw new UsageError(`--shard must be I/N with 0 ≤ I < N (e.g. 0/2), got "${text}"`);
  }
  return { index: Number(match[1]), count: Number(match[2]) };
}

/**
 * The search's summary beside its log (winner, test score, cost): `LOG.summary.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summaryPath } from "./search.ts";
 * assert.equal(summaryPath("runs/iris.csv"), "runs/iris.summary.json");
 * assert.equal(summaryPath("log"), "log.summary.json");
 * ```
 */
export function summaryPath(log: string): string {
  return log.replace(/(\.csv)?$/i, ".summary.json");
}

/**
 * The trial log next to which the training curves are kept: `LOG.curves.csv`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { curvesPath } from "./search.ts";
 * assert.equal(curvesPath("runs/iris.csv"), "runs/iris.curves.csv");
 * assert.equal(curvesPath("log"), "log.curves.csv");
 * ```
 */
export function curvesPath(log: string): string {
  return log.replace(/(\.csv)?$/i, ".curves.csv");
}

async function readSpace(path: string): Promise<SpaceSpec> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the space file ${path}: ${(error as Error).message}`);
  }
  let space: unknown;
  try {
    space = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the space file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof space !== "object" || space === null || Array.isArray(space)) {
    throw new UsageError(`the space file ${path} must hold a JSON object of hyperparameters`);
  }
  return space as SpaceSpec;
}

/** The shard logs of `--merge`, read. */
async function readLogs(paths: string[]): Promise<{ name: string; text: string }[]> {
  return await Promise.all(paths.map(async (name) => {
    try {
      return { name, text: await Deno.readTextFile(name) };
    } catch (error) {
      throw new UsageError(`cannot read the log ${name}: ${(error as Error).message}`);
    }
  }));
}

/** The options of the command line, as `parseCommandLine` takes them. */
const OPTIONS = {
  cv: { type: "string" },
  patience: { type: "string" },
  shard: { type: "string" },
  merge: { type: "boolean" },
  dataset: { type: "string" },
  method: { type: "string", default: "random" },
  trials: { type: "string" },
  seed: { type: "string", default: "0" },
  workers: { type: "string" },
  clock: { type: "string" },
  "virtual-workers": { type: "string" },
  out: { type: "string" },
  space: { type: "string" },
  epochs: { type: "string" },
  code: { type: "string" },
  ...Object.fromEntries(
    Object.keys(METHOD_OPTIONS).map((o) => [o, { type: "string" as const }]),
  ),
} as const;

/**
 * The command line parsed; an unknown option keeps the parser's wording ("Unknown option
 * '--x'"), which learners' notes and the tests match, with the helper's "did you mean".
 */
function parseSearchLine(args: string[]) {
  try {
    return parseCommandLine(args, OPTIONS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace(/^unknown option (\S+?)\./, "Unknown option '$1'."));
  }
}

/** The command line as {@link SearchOptions} (without progress). */
async function searchOptions(args: string[]): Promise<SearchOptions> {
  const parsed = parseSearchLine(args);
  const values = parsed.values as unknown as Record<string, string | undefined> & {
    merge?: boolean;
  };
  const logs = parsed.positionals;
  if (logs.length > 0 && !values.merge) {
    throw new UsageError(`unexpected argument "${logs[0]}" (shard logs go after --merge)`);
  }
  if (values.merge && logs.length === 0) throw new UsageError("--merge needs the shard logs");
  const dataset = values.dataset;
  if (!dataset) throw new UsageError("--dataset is required");
  const methodOptions: Record<string, number> = {};
  for (const [name, option] of Object.entries(METHOD_OPTIONS)) {
    const value = integerOption(name, values[name], option.min);
    if (value !== undefined) methodOptions[name] = value;
  }
  const source = oneOf<CodeSource>(
    "code",
    values.code ?? await defaultSource(KIT_ROOT),
    ["solutions", "exercises"],
  );
  const seed = integerOption("seed", values.seed, -(2 ** 31))!;
  // `deno task` runs in the kit's folder; a relative path is relative to where it was typed.
  const here = (path: string) => resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), path);
  const out = here(values.out ?? `search-${dataset}-${values.method}-${seed}.csv`);
  return {
    method: values.method!,
    space: values.space ? await readSpace(here(values.space)) : undefined,
    spaceName: values.space ? `the space file ${here(values.space)}` : undefined,
    budget: {
      trials: integerOption("trials", values.trials, 1),
      epochs: integerOption("epochs", values.epochs, 1),
    },
    methodOptions,
    seed,
    workers: integerOption("workers", values.workers, 1) ??
      Math.max(1, navigator.hardwareConcurrency || 1),
    clock: values.clock,
    virtualWorkers: integerOption("virtual-workers", values["virtual-workers"], 1),
    data: {
      dataset,
      cv: integerOption("cv", values.cv, 0),
      patience: integerOption("patience", values.patience, 0),
    },
    code: { kitRoot: KIT_ROOT, source },
    store: fileStore(out),
    curves: fileStore(curvesPath(out)),
    checkpoints: fileStore(checkpointsPath(out)),
    shard: shardOption(values.shard),
    merge: values.merge ? await readLogs(logs.map(here)) : undefined,
  };
}

const percent = (v: number) => Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "—";

/** What Ctrl-C reports: the trials saved so far. */
const interrupted: { done: number; total?: number; file?: string } = { done: 0 };

/** Ctrl-C: say what is saved and how to go on, exit 130 (the log is written atomically). */
function onInterrupt(): void {
  console.error(
    `\ninterrupted: ${interrupted.done} of ${interrupted.total ?? "?"} trials saved in ` +
      `${interrupted.file}; run the same command again to resume`,
  );
  Deno.exit(130);
}

/**
 * How many trials the start line announces: a fixed plan's count, else (ASHA, median stopping,
 * PBT: the rows grow as results come in) the configurations the budget allows.
 */
function plannedTrials(total: number | undefined, options: SearchOptions): string {
  if (total !== undefined) return `${total} trials`;
  const most = options.budget.trials;
  return most === undefined
    ? "trials proposed as results come in"
    : `up to ${most} configurations (promotions add rows)`;
}

/** The progress bar on a terminal, else a line per trial on stderr. */
function progressReporter(options: SearchOptions): NonNullable<SearchOptions["progress"]> {
  const bar = Deno.stderr.isTerminal()
    ? new cliProgress.SingleBar({
      format: "{bar} {value}/{total} trials | best validation {best} | {duration}s",
      stream: process.stderr,
    }, cliProgress.Presets.shades_classic)
    : undefined;
  const source = "kitRoot" in options.code ? options.code.source : "memory";
  return {
    start({ total, resumed, workers, epochs, folds, foldsByDefault }) {
      const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : "";
      console.error(
        `${options.method} search on ${options.data.dataset}${shard}: ${
          plannedTrials(total, options)
        } ` +
          `(${resumed} already in ${options.store.name}), up to ${epochs} epochs each, ` +
          `${workers} worker(s), code from ${source}/`,
      );
      if (METHODS[options.method]?.clocked) {
        console.error(
          options.clock === "real"
            ? "REAL clock: decisions follow the order trials finish on this machine; the log " +
              "is not reproducible and cannot be resumed"
            : `simulated clock, ${options.virtualWorkers ?? options.workers} virtual workers: ` +
              "the log is the same for any --workers",
        );
      }
      const patience = options.data.patience;
      console.error(
        (folds
          ? `each trial's score: the mean over ${folds} stratified folds of the training + ` +
            `validation rows${
              foldsByDefault
                ? ` (on by default under ${CV_BELOW_ROWS} rows; --cv 0 turns it off)`
                : ""
            }`
          : "each trial's score: one stratified validation set") +
          (patience === undefined
            ? "; every epoch trained (--patience N stops early)"
            : `; early stopping with patience ${patience}, best epoch restored`),
      );
      interrupted.total = total;
      bar?.start(total ?? 0, resumed, { best: "—" });
    },
    trial(p: Progress) {
      interrupted.done = p.done;
      if (bar) {
        bar.update(p.done, { best: percent(p.best) });
        if (p.done === p.total) bar.stop();
        return;
      }
      const rung = p.row.rung === undefined
        ? ""
        : ` at ${p.row.epochs} epochs (rung ${p.row.rung})`;
      console.error(
        `trial ${p.row.id} done (${p.done}/${p.total})${rung}: validation ` +
          `${percent(p.row.score as number)}${p.row.status === "diverged" ? " DIVERGED" : ""}, ` +
          `best so far ${percent(p.best)}`,
      );
    },
  };
}

/** The summary lines: the log, its cost, the winner and its one test score. */
function printOutcome(outcome: SearchOutcome, where: string): void {
  const { winner, cost } = outcome;
  const note = cost.note ? `, ${cost.epochs} training epochs in all (${cost.note})` : "";
  console.log(`log: ${where} (${cost.trials} trials, ${cost.seconds.toFixed(1)} s${note})`);
  if (outcome.testScore === undefined) {
    console.log(
      `shard winner: trial ${winner.id}; merge the shards' logs for the search's winner and ` +
        "its test score: deno task search … --merge LOG…",
    );
    return;
  }
  console.log(
    `winner: trial ${winner.id} ${JSON.stringify(outcome.config)} validation ` +
      `${percent(winner.score as number)} (loss ${(winner.loss as number).toFixed(4)}), test ` +
      `${percent(outcome.testScore!)} (measured once)`,
  );
}

/**
 * The command: parses, runs the search, writes its summary beside the log and prints the
 * outcome. A bad argument exits 2 with the usage; a failure of the search itself (a log that
 * cannot resume, shards of different searches) exits 1.
 */
const main = withUsage("search", USAGE, async (args: string[]): Promise<number> => {
  const options = await searchOptions(args);
  interrupted.file = options.store.name;
  Deno.addSignalListener("SIGINT", onInterrupt);
  let outcome: SearchOutcome;
  try {
    outcome = await runSearch({ ...options, progress: progressReporter(options) });
  } catch (error) {
    if (error instanceof SearchArgumentError) throw new UsageError(error.message);
    console.error(`search: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
  if (outcome.testScore !== undefined) {
    const summary = {
      dataset: options.data.dataset,
      method: options.method,
      winner: outcome.winner.id,
      // Which search the test score belongs to: the report shows it only beside its own log.
      search: outcome.winner.search,
      testScore: outcome.testScore,
      ...outcome.cost,
    };
    await Deno.writeTextFile(summaryPath(options.store.name), JSON.stringify(summary, null, 2));
  }
  printOutcome(outcome, options.store.name);
  return 0;
});

if (import.meta.main) await runMain("search", main);

export { main };

/**
 * `deno task search`: tunes the lesson-05 MLP on a dataset of `data/` with grid or random search
 * (lesson 07) or successive halving and Hyperband (lesson 08), trials in parallel on Workers, a
 * CSV trial log that resumes, and the winner's test score printed once at the end.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import process from "node:process";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import cliProgress from "cli-progress";
import {
  type CodeSource,
  defaultSource,
  loadFidelityCode,
  loadSearchCode,
} from "../search/code.ts";
import {
  FIDELITY_LABELS,
  FIDELITY_METHODS,
  fidelityBrackets,
  runFidelitySearch,
} from "../search/fidelity.ts";
import { createPool, type TrialPlan, type TrialPool } from "../search/pool.ts";
import {
  fileStore,
  logColumns,
  type LogRow,
  METHODS,
  pickWinner,
  planTrials,
  type Progress,
  resumeRows,
  runTrials,
  type SearchCode,
  type SpaceSpec,
} from "../search/runner.ts";
import { DATASETS, DEFAULT_SETTINGS, type TrialSettings, trialSettings } from "../search/trial.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The default search spaces, by method. */
const SPACES: Record<string, SpaceSpec> = {
  grid: { lr: [0.003, 0.03, 0.3], l2: [1e-5, 1e-3, 1e-1] },
  random: {
    lr: { type: "logUniform", low: 1e-3, high: 1 },
    l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
    hidden: { type: "logInteger", low: 8, high: 128 },
  },
};
SPACES.halving = SPACES.hyperband = SPACES.random;

/** Every method `--method` accepts. */
const ALL_METHODS = [...Object.keys(METHODS), ...FIDELITY_METHODS];

/** Training settings by dataset: epochs and batch size sized to the data. */
const DATASET_SETTINGS: Record<string, Partial<TrialSettings>> = {
  digits: { epochs: 30, batchSize: 32 },
  iris: { epochs: 60, batchSize: 16 },
  wine: { epochs: 40, batchSize: 16 },
  breast_cancer: { epochs: 20, batchSize: 32 },
};

const USAGE = `usage: deno task search --dataset NAME [--method grid|random|halving|hyperband]
                        [--trials N] [--seed S] [--workers W] [--out FILE.csv]
                        [--space FILE.json] [--epochs E] [--eta H] [--code solutions|exercises]

  --dataset NAME  one of ${DATASETS.join(", ")}
  --method M      ${ALL_METHODS.join(", ")} (default random)
  --trials N      random: how many configurations (required); grid: the first N points
                  (default: the whole grid); halving: configurations of the first rung
                  (required); hyperband: not used (the brackets set it)
  --seed S        an integer: the random draws and every trial's training seed (default 0)
  --workers W     trials run at once, one Worker each (default: one per core)
  --out FILE      the trial log, CSV (default search-DATASET-METHOD-SEED.csv); when it
                  exists, the trials already in it are skipped (resume)
  --space FILE    a JSON object: for each hyperparameter a list of values, or for random
                  search a distribution such as {"type": "logUniform", "low": 1e-4, "high": 1}
                  (types: choice, uniform, logUniform, integer, logInteger). Hyperparameters:
                  ${Object.keys(DEFAULT_SETTINGS).join(", ")}
  --epochs E      training epochs of every trial, the maximum budget R of halving and
                  hyperband (default by dataset: ${
  Object.entries(DATASET_SETTINGS).map(([d, s]) => `${d} ${s.epochs}`).join(", ")
})
  --eta H         halving and hyperband: keep 1/H of the configurations at each rung and
                  multiply their epochs by H (default 3). Each evaluation is a row of the log
                  (columns config, bracket, rung; its budget in epochs); a promoted
                  configuration is retrained from scratch with the same seed (the workers keep
                  no checkpoints), and both costs are printed
  --code C        whose grid, sampler, trial log and tie rule to use: solutions (default when
                  the folder exists) or exercises (yours)

Default spaces: grid ${JSON.stringify(SPACES.grid)}
                random ${JSON.stringify(SPACES.random)}`;

/** A bad command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function integerOption(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${text}"`);
  }
  return value;
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

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        dataset: { type: "string" },
        method: { type: "string", default: "random" },
        trials: { type: "string" },
        seed: { type: "string", default: "0" },
        workers: { type: "string" },
        out: { type: "string" },
        space: { type: "string" },
        epochs: { type: "string" },
        eta: { type: "string" },
        code: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataset = values.dataset;
  if (!dataset) throw new UsageError("--dataset is required");
  if (!DATASETS.includes(dataset)) {
    throw new UsageError(`unknown dataset "${dataset}": choose one of ${DATASETS.join(", ")}`);
  }
  const method = values.method!;
  if (!ALL_METHODS.includes(method)) {
    throw new UsageError(`unknown method "${method}": choose one of ${ALL_METHODS.join(", ")}`);
  }
  const fidelity = FIDELITY_METHODS.includes(method);
  const eta = integerOption("eta", values.eta, 2) ?? 3;
  if (values.eta !== undefined && !fidelity) {
    throw new UsageError("--eta is for --method halving or hyperband");
  }
  const trials = integerOption("trials", values.trials, 1);
  const seed = integerOption("seed", values.seed, -(2 ** 31))!;
  const workers = integerOption("workers", values.workers, 1) ??
    Math.max(1, navigator.hardwareConcurrency || 1);
  const defaults = { ...DEFAULT_SETTINGS, ...DATASET_SETTINGS[dataset] };
  const epochs = integerOption("epochs", values.epochs, 1) ?? defaults.epochs;
  const codeSource = values.code ?? await defaultSource(KIT_ROOT);
  if (codeSource !== "solutions" && codeSource !== "exercises") {
    throw new UsageError(`--code must be solutions or exercises, got "${codeSource}"`);
  }
  // `deno task` runs in the kit's folder; a relative --out is relative to where it was typed.
  const out = resolve(
    Deno.env.get("INIT_CWD") ?? Deno.cwd(),
    values.out ?? `search-${dataset}-${method}-${seed}.csv`,
  );
  const space = values.space
    ? await readSpace(resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), values.space))
    : SPACES[method];

  const source = codeSource as CodeSource;
  const store = fileStore(out);
  const started = performance.now();
  const bar = Deno.stderr.isTerminal()
    ? new cliProgress.SingleBar({
      format: "{bar} {value}/{total} trials | best validation {best} | {duration}s",
      stream: process.stderr,
    }, cliProgress.Presets.shades_classic)
    : undefined;
  const percent = (v: number) => Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "—";
  const onTrial = (p: Progress) => {
    if (bar) bar.update(p.done, { best: percent(p.best) });
    else {
      const budget = fidelity ? ` at ${p.row.epochs} epochs (rung ${p.row.rung})` : "";
      console.error(
        `trial ${p.row.id} done (${p.done}/${p.total})${budget}: validation ${
          percent(p.row.score as number)
        }` +
          `${p.row.status === "diverged" ? " DIVERGED" : ""}, best so far ${percent(p.best)}`,
      );
    }
  };
  // Training time grows with epochs × hidden units: start the longest trials first.
  const estimateCost = (plan: TrialPlan) => {
    const settings = trialSettings(plan.config, { ...defaults, epochs: plan.epochs });
    return settings.epochs * settings.hidden;
  };

  let rows: Map<number, LogRow>, candidates: number[], planOf: (id: number) => TrialPlan;
  let cost = "";
  let pool: TrialPool | undefined;
  let pickFrom: SearchCode;
  try {
    if (fidelity) {
      const code = await loadFidelityCode(KIT_ROOT, source);
      if (method === "hyperband" && trials !== undefined) {
        throw new UsageError("hyperband sets the number of configurations itself: drop --trials");
      }
      if (method === "halving" && trials === undefined) {
        throw new UsageError("successive halving needs --trials N");
      }
      const brackets = fidelityBrackets(code, method, trials, eta, epochs);
      const first = METHODS.random(code, space, 1, seed)[0];
      trialSettings(first, defaults);
      const columns = logColumns(Object.keys(first), FIDELITY_LABELS);
      const evaluations = brackets.reduce(
        (n, b) => n + b.rungs.reduce((m, r) => m + r.configs, 0),
        0,
      );
      const poolSize = Math.min(workers, Math.max(...brackets.map((b) => b.rungs[0].configs)));
      console.error(
        `${method} search on ${dataset}: ${brackets.length} bracket(s), ${evaluations} ` +
          `evaluations up to ${epochs} epochs (eta ${eta}), log ${out}, ${poolSize} worker(s), ` +
          `code from ${codeSource}/`,
      );
      pool = await createPool(poolSize, dataset, 0, defaults);
      bar?.start(evaluations, 0, { best: "—" });
      const outcome = await runFidelitySearch({
        code,
        pool,
        method,
        space,
        trials,
        eta,
        maxEpochs: epochs,
        seed,
        columns,
        store,
        onTrial,
        estimateCost,
      });
      rows = outcome.rows;
      candidates = outcome.finalIds;
      planOf = (id) => outcome.plans.get(id)!;
      cost = `, ${outcome.epochsFromScratch} training epochs in all (promoted configurations ` +
        `retrained from scratch; resuming from checkpoints would have cost ` +
        `${outcome.epochsWithResume})`;
      pickFrom = code;
    } else {
      const code = await loadSearchCode(KIT_ROOT, source);
      const plans = planTrials(code, method, space, trials, seed, epochs);
      if (plans.length === 0) throw new UsageError("the search has no trials");
      // Every configuration must name known hyperparameters with values of the right type.
      for (const plan of plans) trialSettings(plan.config, defaults);
      const columns = logColumns(Object.keys(plans[0].config));
      const existing = await store.read();
      rows = existing === undefined ? new Map() : resumeRows(code, existing, columns, plans, out);
      const resumed = rows.size;
      const poolSize = Math.min(workers, Math.max(1, plans.length - resumed));
      console.error(
        `${method} search on ${dataset}: ${plans.length} trials (${resumed} already in ${out}), ` +
          `${epochs} epochs each, ${poolSize} worker(s), code from ${codeSource}/`,
      );
      pool = await createPool(poolSize, dataset, 0, defaults);
      bar?.start(plans.length, resumed, { best: "—" });
      await runTrials({ code, pool, plans, columns, rows, store, onTrial, estimateCost });
      candidates = [...rows.keys()];
      planOf = (id) => plans[id];
      pickFrom = code;
    }
    bar?.stop();
    const elapsed = (performance.now() - started) / 1000;
    const finalRows = new Map(candidates.map((id) => [id, rows.get(id)!]));
    const winner = pickWinner(pickFrom, finalRows);
    const id = winner.id as number;
    // The test rows are used here, once, for the winner alone. A winner logged by an earlier,
    // interrupted run is trained again (same seed, same result) to measure it.
    let testScore: number;
    try {
      testScore = await pool!.test(id);
    } catch {
      pool!.close();
      const again = await createPool(1, dataset, 0, defaults);
      try {
        await again.train(planOf(id));
        testScore = await again.test(id);
      } finally {
        again.close();
      }
    }
    const config = Object.fromEntries(Object.keys(planOf(id).config).map((k) => [k, winner[k]]));
    console.log(`log: ${out} (${rows.size} trials, ${elapsed.toFixed(1)} s${cost})`);
    console.log(
      `winner: trial ${id} ${JSON.stringify(config)} validation ${
        percent(winner.score as number)
      }` +
        ` (loss ${(winner.loss as number).toFixed(4)}), test ${percent(testScore)} (measured once)`,
    );
  } finally {
    pool?.close();
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`search: ${message}`);
    if (error instanceof UsageError) console.error("run deno task search --help for the options");
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}

export { main };

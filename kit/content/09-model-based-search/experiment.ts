/**
 * Lesson 09's experiments, run by `deno task experiment lesson-09` (never by `sync`). The
 * results go to `kit/results/09-model-based-search.json`, from which the lesson's tables and
 * figures are generated (`./results.ts`).
 *
 * 1. On digits, at an equal budget of trials and epochs, over the same search seeds: random
 *    search, quasi-random search (lesson 07), GP-EI and TPE, each through `runSearch` exactly as
 *    `deno task search --method …` runs it: every trial's validation score in order, the
 *    winner's test score (measured once), and the search's wall-clock seconds.
 * 2. The same comparison with a noisier objective: every trial trained for far fewer epochs, so
 *    that the training seed moves a score about as much as the hyperparameters do.
 * 3. The samplers' own time per proposal after 10, 50 and 200 trials (`kit/search/sampler_timing.ts`,
 *    what `deno task bench search` prints), with the load average it was measured under.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { type LogStore, runSearch } from "../../search/mod.ts";
import { RANDOM_SPACE } from "../../search/grid_random.ts";
import { benchSampler, loadAverage, SAMPLER_TRIALS } from "../../search/sampler_timing.ts";
import { backend } from "../../engine/mod.ts";

const KIT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The settings of every experiment, recorded in the results file. */
export const SETTINGS = {
  dataset: "digits",
  methods: ["random", "quasi-random", "bo", "tpe"],
  trials: 40,
  searchSeeds: Array.from({ length: 20 }, (_, i) => i),
  /** Epochs of every trial: the dataset's full budget, and the noisy objective's. */
  epochs: { full: 30, noisy: 2 },
  workers: 1,
  samplerTrials: SAMPLER_TRIALS,
} as const;

/** The search methods compared, by their `--method` name. */
export type MethodName = (typeof SETTINGS.methods)[number];

/** One search of the comparison, as the results file keeps it. */
export interface SearchRecord {
  method: MethodName;
  seed: number;
  /** Every trial's validation score, by id (the order the method proposed them). */
  scores: number[];
  /**
   * Every trial's configuration, by id: kept only where a figure or sentence reads it (random
   * search's, and TPE's on the first seed), to keep the results file small.
   */
  configs?: Record<string, number | string | boolean>[];
  /** The winner's id, validation and test score. */
  winner: { id: number; validation: number; test: number };
  /** Wall-clock seconds of the whole search, and of training alone (the workers' sum). */
  seconds: number;
  trainSeconds: number;
}

/** A log store in memory: every search starts with an empty log. */
function memoryStore(name: string): LogStore {
  let text: string | undefined;
  return {
    name,
    read: () => Promise.resolve(text),
    write: (t) => {
      text = t;
      return Promise.resolve();
    },
  };
}

/** One search by `method` with `seed`, `epochs` per trial, as `deno task search` runs it. */
async function oneSearch(method: MethodName, seed: number, epochs: number): Promise<SearchRecord> {
  const outcome = await runSearch({
    method,
    space: RANDOM_SPACE,
    budget: { trials: SETTINGS.trials, epochs },
    seed,
    workers: SETTINGS.workers,
    data: { dataset: SETTINGS.dataset },
    code: { kitRoot: KIT_ROOT, source: "solutions" },
    store: memoryStore(`${method}-${seed}-${epochs}`),
  });
  const names = Object.keys(RANDOM_SPACE);
  const keep = method === "random" || (method === "tpe" && seed === SETTINGS.searchSeeds[0]);
  return {
    method,
    seed,
    scores: outcome.rows.map((r) => r.score as number),
    configs: keep
      ? outcome.rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n]])))
      : undefined,
    winner: {
      id: outcome.winner.id as number,
      validation: outcome.winner.score as number,
      test: outcome.testScore!,
    },
    seconds: outcome.cost.seconds,
    trainSeconds: outcome.rows.reduce((s, r) => s + (r.train_s as number), 0),
  };
}

/** Every method on every search seed with `epochs` per trial. */
async function comparison(epochs: number, log: (line: string) => void): Promise<SearchRecord[]> {
  const records: SearchRecord[] = [];
  for (const seed of SETTINGS.searchSeeds) {
    for (const method of SETTINGS.methods) records.push(await oneSearch(method, seed, epochs));
    log(`  ${epochs} epochs: seed ${seed} done`);
  }
  return records;
}

/**
 * Runs every experiment; `log` reports progress.
 *
 * The example is not run: it runs every search of lesson 09 on digits and times the samplers
 * (minutes); `deno task experiment lesson-09` runs it.
 *
 * @example
 * ```ts ignore
 * import { runExperiments } from "./experiment.ts";
 * const results = await runExperiments(console.log);
 * ```
 */
export async function runExperiments(log: (line: string) => void) {
  const started = performance.now();
  const time = () => ((performance.now() - started) / 1000).toFixed(1);
  const full = await comparison(SETTINGS.epochs.full, log);
  log(`full-budget comparison done (${time()} s)`);
  const noisy = await comparison(SETTINGS.epochs.noisy, log);
  log(`noisy comparison done (${time()} s)`);
  const loadBefore = loadAverage();
  const proposalMs = await benchSampler({ trialCounts: SETTINGS.samplerTrials });
  log(`sampler timing done (${time()} s)`);
  return {
    engine: backend,
    settings: SETTINGS,
    space: RANDOM_SPACE,
    full,
    noisy,
    sampler: { ms: proposalMs, loadAverage: [loadBefore, loadAverage()] },
  };
}

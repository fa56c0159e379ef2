/**
 * What the generators of the experiment lessons (08–10) share: reading a lesson's results file
 * (`kit/results/NN-slug.json`, written by `deno task experiment lesson-NN`, never by hand) and
 * summing up runs over seeds as their tables print them.
 *
 * @module
 */

import { formatPercent } from "./format.ts";

const RESULTS_DIR = new URL("../results/", import.meta.url);

/**
 * The fields every results file starts with: what `deno task experiment` adds (the command, the
 * run's length, the CPUs it had) and what each lesson's `runExperiments` returns besides its
 * numbers (the engine, and the settings the numbers were made with).
 */
export interface ResultsHeader<S> {
  /** The command that wrote the file, e.g. `deno task experiment lesson-09`. */
  command: string;
  /** How long the experiments ran, in whole seconds. */
  runSeconds: number;
  /** `navigator.hardwareConcurrency` of the machine that ran them. */
  cpus: number;
  /** The training engine, as the experiment names it. */
  engine: string;
  /** The experiment's settings at the time: {@link resultsFile} refuses a file with others. */
  settings: S;
}

/**
 * A reader of `NN-slug.json` in `dir` (default `kit/results/`), read once and then cached. It
 * throws when the file was made with other settings than `settings` (the experiment's current
 * ones, compared as JSON): numbers from an older run must not reach a lesson silently.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resultsFile } from "./experiment_results.ts";
 * const dir = new URL(`file://${Deno.makeTempDirSync()}/`);
 * Deno.writeTextFileSync(new URL("99-demo.json", dir), '{"settings":{"seeds":3},"best":0.9}');
 * const read = resultsFile<{ settings: unknown; best: number }>("99-demo", { seeds: 3 }, dir);
 * assert.equal(read().best, 0.9);
 * assert.throws(() => resultsFile("99-demo", { seeds: 5 }, dir)(), /other settings/);
 * ```
 */
export function resultsFile<T extends { settings: unknown }>(
  slug: string,
  settings: unknown,
  dir: URL = RESULTS_DIR,
): () => T {
  let cached: T | undefined;
  return () => {
    if (cached) return cached;
    const read = JSON.parse(Deno.readTextFileSync(new URL(`${slug}.json`, dir))) as T;
    if (JSON.stringify(read.settings) !== JSON.stringify(settings)) {
      throw new Error(
        `kit/results/${slug}.json was made with other settings than ` +
          `kit/content/${slug}/experiment.ts has: run deno task experiment lesson-${
            slug.slice(0, 2)
          }`,
      );
    }
    return cached = read;
  };
}

/**
 * The mean of a non-empty list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mean } from "./experiment_results.ts";
 * assert.equal(mean([1, 2, 6]), 3);
 * ```
 */
export function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/**
 * The sample standard deviation (n − 1 in the denominator: the seeds are a sample of all seeds).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleSd } from "./experiment_results.ts";
 * assert.equal(sampleSd([1, 3]), Math.SQRT2);
 * ```
 */
export function sampleSd(v: readonly number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/**
 * Shares over seeds as the tables print them: the mean in percent, ± the sample standard
 * deviation in percentage points.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanSdPercent } from "./experiment_results.ts";
 * assert.equal(meanSdPercent([0.9, 0.92]), "91.0 % ± 1.4");
 * ```
 */
export function meanSdPercent(v: readonly number[]): string {
  return `${formatPercent(mean(v))} ± ${(100 * sampleSd(v)).toFixed(1)}`;
}

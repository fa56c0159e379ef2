/**
 * Part of `deno task bench search`: the model-based samplers' own time per proposal (lesson
 * 09's `proposeBatch` for one configuration, loaded through `code.ts` as `--method bo|tpe`
 * loads it), after 10, 50 and 200 trials with made-up scores, GP and TPE side by side. Only the
 * proposal is timed: no training, no Worker, no log.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { defaultSource, loadMethodCode } from "./code.ts";
import { asDistributions, RANDOM_SPACE } from "./grid_random.ts";
import { BO } from "./model_based.ts";
import type { ModelCode, ModelKind, ModelTrial } from "./model_based.ts";
import { seededRandom } from "../lib/random.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The trial counts the benchmark proposes after, by default. */
export const SAMPLER_TRIALS: readonly number[] = [10, 50, 200];

/**
 * `n` made-up trials over the default space: random configurations (the sampler's start-up
 * draws) scored by a smooth function of the learning rate and width plus a little noise, so that
 * the model has something to fit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticTrials } from "./sampler_timing.ts";
 * import * as sampler from "../../solutions/09-model-based-search/sampler.ts";
 * import { checkSpace } from "../../solutions/09-model-based-search/space.ts";
 * const trials = syntheticTrials({ ...sampler, checkSpace } as never, "tpe", 5, 1);
 * assert.equal(trials.length, 5);
 * assert.ok(trials.every((t) => Number.isFinite(t.score)));
 * ```
 */
export function syntheticTrials(
  code: ModelCode,
  kind: ModelKind,
  n: number,
  seed: number,
): ModelTrial[] {
  const space = asDistributions(RANDOM_SPACE);
  const random = seededRandom(`bench-sampler/${seed}`);
  const settings = code.samplerOptions(kind, { startup: n });
  return code.proposeBatch(kind, [], space, random, n, settings).map((config) => ({
    config,
    score: 0.95 - (Math.log10(config.lr as number) + 1.5) ** 2 / 8 -
      0.0005 * Math.abs((config.hidden as number) - 40) + 0.01 * (random() - 0.5),
  }));
}

/**
 * The 1, 5 and 15-minute load averages: `Deno.loadavg()`, or `/proc/loadavg` when the process
 * may not read system information (`deno task experiment` runs without `--allow-sys`), or `[]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadAverage } from "./sampler_timing.ts";
 * assert.ok(loadAverage().every((v) => v >= 0));
 * ```
 */
export function loadAverage(): number[] {
  try {
    return Deno.loadavg();
  } catch {
    try {
      return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).map(Number);
    } catch {
      return [];
    }
  }
}

/** The median of `values`. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median milliseconds of one proposal by `kind` after `n` trials (the sampler's defaults:
 * 10 start-up trials, 256 GP candidates, 24 TPE candidates): one untimed proposal to warm up,
 * then at least `minRuns` and until about half a second has passed (at most 200).
 */
async function timeProposal(
  code: ModelCode,
  kind: ModelKind,
  n: number,
  minRuns: number,
): Promise<{ ms: number; runs: number }> {
  const space = asDistributions(RANDOM_SPACE);
  const trials = syntheticTrials(code, kind, n, n);
  const settings = code.samplerOptions(kind);
  const propose = (run: number) =>
    code.proposeBatch(kind, trials, space, seededRandom(`bench/${run}`), 1, settings);
  propose(-1);
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || (performance.now() - started < 500 && times.length < 200)) {
    const t0 = performance.now();
    propose(times.length);
    times.push(performance.now() - t0);
    // Let the event loop breathe between runs (nothing else should be running).
    if (times.length % 20 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  return { ms: median(times), runs: times.length };
}

/**
 * Prints the samplers' time per proposal after each of `trialCounts` trials, GP and TPE side by
 * side, from the course code at `kitRoot/source/` (default: `solutions/` when it exists).
 * The example is not run: it times the samplers for seconds.
 *
 * @example
 * ```ts ignore
 * // ignored: it prints a benchmark's table (kit/bench/search_test.ts runs a small one)
 * await benchSampler({ trialCounts: [10, 50, 200], minRuns: 5 });
 * ```
 */
export async function benchSampler(
  options: { trialCounts?: readonly number[]; minRuns?: number } = {},
): Promise<Record<ModelKind, number[]>> {
  const source = await defaultSource(KIT_ROOT);
  const code = await loadMethodCode(KIT_ROOT, source, BO.pieces) as unknown as ModelCode;
  const counts = options.trialCounts ?? SAMPLER_TRIALS;
  const result: Record<ModelKind, number[]> = { gp: [], tpe: [] };
  console.log(
    `sampler time per proposal (lesson 09's proposeBatch from ${source}/, 3 hyperparameters, ` +
      "defaults: 256 GP candidates and a 5 × 3 lengthscale/noise grid, 24 TPE candidates; " +
      "median):",
  );
  console.log(`  load average: ${loadAverage().map((v) => v.toFixed(2)).join(" ")}`);
  console.log(`  trials | ${"GP-EI".padStart(17)} | ${"TPE".padStart(17)}`);
  for (const n of counts) {
    const gp = await timeProposal(code, "gp", n, options.minRuns ?? 5);
    const tpe = await timeProposal(code, "tpe", n, options.minRuns ?? 5);
    result.gp.push(gp.ms);
    result.tpe.push(tpe.ms);
    const cell = (t: { ms: number; runs: number }) =>
      `${t.ms.toFixed(2).padStart(8)} ms (${String(t.runs).padStart(3)})`;
    console.log(`  ${String(n).padStart(6)} | ${cell(gp)} | ${cell(tpe)}`);
  }
  console.log("  (in brackets: proposals timed)");
  return result;
}

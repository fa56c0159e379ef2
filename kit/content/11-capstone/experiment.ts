/**
 * Lesson 11's experiment, run by `deno task experiment lesson-11` (never by `sync`): the worked
 * capstone, the reference `runCapstone` on the digits lab, with search seed 0, and the same
 * capstone repeated with other search seeds. The results (numbers, the worked run's log) go to
 * `kit/results/11-capstone.json`, which `./worked.ts` reads.
 *
 * @module
 */

import { backend } from "../../engine/mod.ts";
import { type RunCapstone, runSession, type SessionPlan } from "../../capstone/session.ts";
import { LAB_SETTINGS } from "../../capstone/lab.ts";
import { runCapstone } from "../../../solutions/11-capstone/capstone.ts";
import { fitWithEarlyStopping } from "../../../solutions/06-validation/early_stopping.ts";

/** The worked run's plan: what the lesson reports (search seed 0). */
export const CAPSTONE_PLAN: SessionPlan = { seed: 0, trials: 40, baselineSeeds: 10, refit: "none" };

/** Search seeds of the repeated capstone: how much a whole run's outcome varies. */
export const CAPSTONE_SEEDS: readonly number[] = [0, 1, 2, 3, 4];

/**
 * Runs the capstone once per seed of {@link CAPSTONE_SEEDS} (about a minute on two cores) and
 * returns what the results file holds; `log` reports progress.
 *
 * @example
 * ```ts ignore
 * const results = await runExperiments(console.error);
 * ```
 */
export async function runExperiments(
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  const sessions = [];
  for (const seed of CAPSTONE_SEEDS) {
    const started = performance.now();
    const session = await runSession(
      runCapstone as unknown as RunCapstone,
      fitWithEarlyStopping,
      { ...CAPSTONE_PLAN, seed },
    );
    log(`capstone, search seed ${seed}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    sessions.push(session);
  }
  return {
    what: "lesson 11's worked capstone run (search seed 0) and the same capstone repeated with " +
      "other search seeds: the reference runCapstone on digits",
    plan: CAPSTONE_PLAN,
    seeds: CAPSTONE_SEEDS,
    lab: LAB_SETTINGS,
    split: "lesson 07's 60/20/20 split of data/digits.csv, split seed 0",
    engine: backend,
    deno: Deno.version.deno,
    numbers: sessions[0].numbers,
    repeats: sessions.map((s) => s.numbers),
    log: sessions[0].log,
  };
}

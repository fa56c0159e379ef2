/**
 * Lesson 11's experiment, run by `deno task experiment lesson-11` (never by `sync`): the worked
 * campaign, the reference `runCampaign` with its `DESIGN` on the digits lab, with campaign seeds
 * 0 to 4, and the second design (`./designs.ts`) with the same seeds. The results (each
 * session's report, verdicts, sanity checks and time; not the lab's per-row record) go to
 * `kit/results/11-capstone.json`, which `./worked.ts` reads.
 *
 * @module
 */

import { backend } from "../../engine/mod.ts";
import { type RunCampaign, runSession } from "../../capstone/session.ts";
import { LAB_SETTINGS } from "../../capstone/lab.ts";
import { DESIGN, runCampaign } from "../../../solutions/11-capstone/campaign.ts";
import { fitWithEarlyStopping } from "../../../solutions/06-validation/early_stopping.ts";
import { ADAM_HALVING } from "./designs.ts";

/** Campaign seeds: how much a whole campaign's outcome varies. */
export const CAMPAIGN_SEEDS: readonly number[] = [0, 1, 2, 3, 4];

/**
 * Runs both designs once per seed of {@link CAMPAIGN_SEEDS} and returns what the results file
 * holds; `log` reports progress.
 *
 * The example is not run: it trains ten whole campaigns on digits (minutes); `deno task
 * experiment lesson-11` runs it.
 *
 * @example
 * ```ts ignore
 * const results = await runExperiments(console.error);
 * ```
 */
export async function runExperiments(
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  const designs = { reference: DESIGN, adamHalving: ADAM_HALVING };
  const sessions: Record<string, unknown[]> = {};
  for (const [name, design] of Object.entries(designs)) {
    sessions[name] = [];
    for (const seed of CAMPAIGN_SEEDS) {
      const campaign: RunCampaign = (lab, plan) => runCampaign(lab, plan, design);
      const session = await runSession(campaign, fitWithEarlyStopping, { seed });
      log(`capstone, ${name}, seed ${seed}: ${session.seconds.toFixed(1)} s`);
      const { record: _, ...kept } = session;
      sessions[name].push(kept);
    }
  }
  return {
    what: "lesson 11's worked campaigns: the reference runCampaign on digits with its DESIGN and " +
      "with the ADAM_HALVING design, campaign seeds 0 to 4",
    lab: LAB_SETTINGS,
    seeds: CAMPAIGN_SEEDS,
    split: "lesson 07's 60/20/20 split of data/digits.csv, split seed 0",
    engine: backend,
    deno: Deno.version.deno,
    sessions,
  };
}

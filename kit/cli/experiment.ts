/**
 * `deno task experiment NAME`: reruns a lesson's heavy experiment and writes its results file
 * under `kit/results/`, which the lesson's generator reads (so `deno task sync` stays fast and
 * the committed numbers are reproducible from one command, never edited by hand). Authors only:
 * the experiments run the reference in `solutions/`.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { backend } from "../engine/mod.ts";
import { writeTextFileAtomic } from "../grading/files.ts";
import { type RunCapstone, runSession, type SessionPlan } from "../capstone/session.ts";
import { LAB_SETTINGS } from "../capstone/lab.ts";
import { runCapstone } from "../../solutions/09-capstone/capstone.ts";
import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The capstone's worked run: the plan the lesson reports (search seed 0). */
export const CAPSTONE_PLAN: SessionPlan = {
  seed: 0,
  trials: 40,
  baselineSeeds: 10,
  refit: "none",
};

/** Search seeds of the repeated capstone: how much a whole run's outcome varies. */
export const CAPSTONE_SEEDS: readonly number[] = [0, 1, 2, 3, 4];

/** The experiments, by the name the command takes: each writes its files and says which. */
const EXPERIMENTS: Record<string, () => Promise<string[]>> = {
  async "lesson-09"() {
    const started = performance.now();
    const sessions = [];
    for (const seed of CAPSTONE_SEEDS) {
      sessions.push(
        await runSession(runCapstone as unknown as RunCapstone, fitWithEarlyStopping, {
          ...CAPSTONE_PLAN,
          seed,
        }),
      );
    }
    const { numbers, log } = sessions[0];
    const seconds = (performance.now() - started) / 1000;
    const results = {
      command: "deno task experiment lesson-09",
      what: "lesson 09's worked capstone run (search seed 0) and the same capstone repeated " +
        "with other search seeds: the reference runCapstone on digits",
      plan: CAPSTONE_PLAN,
      lab: LAB_SETTINGS,
      split: "lesson 07's 60/20/20 split of data/digits.csv, split seed 0",
      engine: backend,
      deno: Deno.version.deno,
      runSeconds: Math.round(seconds * 10) / 10,
      numbers,
      seeds: CAPSTONE_SEEDS,
      repeats: sessions.map((s) => s.numbers),
    };
    const json = join(KIT_ROOT, "kit/results/09-capstone.json");
    const csv = join(KIT_ROOT, "kit/results/09-capstone-log.csv");
    await writeTextFileAtomic(json, JSON.stringify(results, null, 2) + "\n");
    await writeTextFileAtomic(csv, log);
    return [json, csv];
  },
};

if (import.meta.main) {
  const name = Deno.args[0];
  const experiment = name === undefined ? undefined : EXPERIMENTS[name];
  if (!experiment) {
    console.error(
      `usage: deno task experiment NAME, with NAME one of ${Object.keys(EXPERIMENTS).join(", ")}`,
    );
    Deno.exit(2);
  }
  for (const file of await experiment()) console.log(`wrote ${file}`);
}

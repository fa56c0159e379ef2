/**
 * `deno task capstone`: lesson 11's campaign on digits. Runs the sanity checks, then YOUR
 * `runCampaign` (exercises/11-capstone/campaign.ts, with your lesson-06 early stopping) on the
 * digits lab, judges the rules from the lab's own record and writes the report folder: README.md
 * (the comparison with the baseline, the rules), the figures of both phases and the log.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { type CodeSource, defaultSource, loadPiece } from "../search/code.ts";
import { type RunCampaign, runSession, type Session } from "../capstone/session.ts";
import { type FitWithEarlyStopping, LAB_SETTINGS } from "../capstone/lab.ts";
import { campaignReadme, comparisonTable, phaseFigures } from "../capstone/report.ts";
import { writeTextFileAtomic } from "../lib/files.ts";
import { worseBeyondNoise } from "../testkit/capstone_verdicts.ts";
import { oneOf, parseCommandLine, runMain, wholeNumber, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task capstone [--seed S] [--budget EPOCHS] [--out DIR]
                         [--code exercises|solutions]

  --seed S         the campaign's seed (default 0)
  --budget E       epochs the whole campaign may train, baseline included (default ${LAB_SETTINGS.budget};
                   at least ${
  LAB_SETTINGS.maxEpochs + 1
}: the baseline alone may take ${LAB_SETTINGS.maxEpochs})
  --out DIR        the report folder (default capstone-SEED/)
  --code C         whose runCampaign and early stopping to run: exercises (yours) or
                   solutions (default when that folder exists)`;

/** The options of the command line, as `parseCommandLine` takes them. */
const OPTIONS = {
  seed: { type: "string", default: "0" },
  budget: { type: "string", default: String(LAB_SETTINGS.budget) },
  out: { type: "string" },
  code: { type: "string" },
} as const;

/** Loads the campaign and early stopping from `source` and runs them on the digits lab. */
async function campaign(source: CodeSource, seed: number, budget: number): Promise<Session> {
  const runCampaign = await loadPiece(KIT_ROOT, source, "11-capstone/campaign.ts", "runCampaign");
  const fit = await loadPiece(
    KIT_ROOT,
    source,
    "06-validation/early_stopping.ts",
    "fitWithEarlyStopping",
  );
  return await runSession(
    runCampaign as unknown as RunCampaign,
    fit as unknown as FitWithEarlyStopping,
    { seed },
    { ...LAB_SETTINGS, budget },
  );
}

/**
 * The command: parses, runs the campaign, writes the report folder and prints the comparison.
 * A bad argument exits 2 with the usage; a campaign that fails or breaks a rule exits 1.
 */
const main = withUsage("capstone", USAGE, async (args: string[]): Promise<number> => {
  const { values } = parseCommandLine(args, OPTIONS, false);
  const seed = wholeNumber("seed", values.seed, -(2 ** 31));
  // The baseline alone may take maxEpochs: one more epoch leaves the search at least one run.
  const budget = wholeNumber("budget", values.budget, LAB_SETTINGS.maxEpochs + 1);
  const source = oneOf<CodeSource>(
    "code",
    values.code ?? await defaultSource(KIT_ROOT),
    ["exercises", "solutions"],
  );
  const out = resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), values.out ?? `capstone-${seed}`);
  console.error(
    `capstone on digits: seed ${seed}, budget ${budget} epochs, code from ${source}/ …`,
  );
  const started = performance.now();
  let session: Session;
  try {
    session = await campaign(source, seed, budget);
  } catch (error) {
    // The learner's code failed (a stub, a thrown error): not a usage error, so exit 1.
    console.error(`capstone: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const figures = await phaseFigures(session);
  await Deno.mkdir(out, { recursive: true });
  for (const figure of figures) await writeTextFileAtomic(join(out, figure.file), figure.svg);
  await writeTextFileAtomic(join(out, "campaign.csv"), String(session.report.log ?? ""));
  await writeTextFileAtomic(join(out, "README.md"), campaignReadme(session, figures));
  console.log(comparisonTable(session));
  const broken = Object.entries(session.verdicts).filter(([, list]) => list && list.length);
  for (const [rule, list] of broken) console.log(`rule broken, ${rule}: ${list!.join("; ")}`);
  for (const note of worseBeyondNoise(session.record)) console.log(`note: ${note}`);
  console.log(
    `\nreport: ${join(out, "README.md")} (${figures.length} figures); campaign ${
      session.seconds.toFixed(1)
    } s, wall time ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return broken.length ? 1 : 0;
});

if (import.meta.main) await runMain("capstone", main);

export { main };

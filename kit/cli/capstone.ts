/**
 * `deno task capstone`: lesson 11's guided project. Runs the sanity checks, then YOUR
 * `runCapstone` (exercises/11-capstone/capstone.ts, with your lesson-06 early stopping) on
 * digits, writes your trial log and prints the numbers your report needs.
 *
 * @module
 */

import "./require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { type CodeSource, defaultSource, loadPiece } from "../search/code.ts";
import { type RunCapstone, runSession, type SessionPlan } from "../capstone/session.ts";
import type { FitWithEarlyStopping } from "../capstone/lab.ts";
import { formatReport } from "../capstone/report.ts";
import { writeTextFileAtomic } from "../grading/files.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task capstone [--seed S] [--trials N] [--baseline-seeds K]
                         [--refit none|train+validation] [--out FILE.csv] [--code exercises|solutions]

  --seed S            the search's seed (default 0)
  --trials N          configurations to try (default 30)
  --baseline-seeds K  seeds of the baseline, for its spread (default 5)
  --refit R           none (default): test the winning trial's network; train+validation: train
                      the winner again on training + validation rows, and test that
  --out FILE          where to write your trial log (default capstone-SEED.csv)
  --code C            whose runCapstone and early stopping to run: exercises (yours) or
                      solutions (default when that folder exists)`;

/** A bad command line: printed with the usage. */
class UsageError extends Error {}

function positive(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${text}"`);
  }
  return value;
}

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        seed: { type: "string", default: "0" },
        trials: { type: "string", default: "30" },
        "baseline-seeds": { type: "string", default: "5" },
        refit: { type: "string", default: "none" },
        out: { type: "string" },
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
  const refit = values.refit;
  if (refit !== "none" && refit !== "train+validation") {
    throw new UsageError(`--refit must be none or train+validation, got "${refit}"`);
  }
  const plan: SessionPlan = {
    seed: positive("seed", values.seed!, -(2 ** 31)),
    trials: positive("trials", values.trials!, 1),
    baselineSeeds: positive("baseline-seeds", values["baseline-seeds"]!, 1),
    refit,
  };
  const source = (values.code ?? await defaultSource(KIT_ROOT)) as CodeSource;
  if (source !== "solutions" && source !== "exercises") {
    throw new UsageError(`--code must be exercises or solutions, got "${source}"`);
  }
  const out = resolve(
    Deno.env.get("INIT_CWD") ?? Deno.cwd(),
    values.out ?? `capstone-${plan.seed}.csv`,
  );
  const runCapstone = await loadPiece(KIT_ROOT, source, "11-capstone/capstone.ts", "runCapstone");
  const fit = await loadPiece(
    KIT_ROOT,
    source,
    "06-validation/early_stopping.ts",
    "fitWithEarlyStopping",
  );
  console.error(
    `capstone on digits: ${plan.trials} trials, ${plan.baselineSeeds} baseline seeds, ` +
      `seed ${plan.seed}, refit ${plan.refit}, code from ${source}/ …`,
  );
  const started = performance.now();
  const { numbers, log } = await runSession(
    runCapstone as unknown as RunCapstone,
    fit as unknown as FitWithEarlyStopping,
    plan,
  );
  await writeTextFileAtomic(out, log);
  console.log(formatReport(numbers));
  console.log(
    `\nlog: ${out} (${numbers.trials} trials); wall time ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    const usage = error instanceof UsageError ? `\n\n${USAGE}` : "";
    console.error(`error: ${(error as Error).message}${usage}`);
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}

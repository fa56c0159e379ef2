/**
 * `deno task experiment lesson-08`: runs a lesson's heavy experiments (minutes, not seconds) and
 * writes their results to `kit/results/NN-slug.json`, with the command, the engine and the run
 * time. The lesson's generator builds its tables and figures from that file, so `deno task sync`
 * and `deno task test` stay fast; the file is only ever written by this command.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { writeTextFileAtomic } from "../lib/files.ts";
import { parseCommandLine, runMain, UsageError, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The lessons with experiments, and where their runners are. */
const EXPERIMENTS: Record<string, { slug: string; module: string }> = {
  "lesson-08": {
    slug: "08-beyond-grid-and-random",
    module: "../content/08-beyond-grid-and-random/experiment.ts",
  },
  "lesson-09": {
    slug: "09-model-based-search",
    module: "../content/09-model-based-search/experiment.ts",
  },
  "lesson-10": {
    slug: "10-asynchronous-search",
    module: "../content/10-asynchronous-search/experiment.ts",
  },
  "lesson-11": {
    slug: "11-capstone",
    module: "../content/11-capstone/experiment.ts",
  },
};

const USAGE = `usage: deno task experiment ${Object.keys(EXPERIMENTS).join("|")}

Runs the lesson's experiments and writes kit/results/NN-slug.json; then run deno task sync.`;

const main = withUsage("experiment", USAGE, async (args) => {
  const { positionals } = parseCommandLine(args, {});
  if (positionals.length !== 1) throw new UsageError("name one lesson");
  const lesson = positionals[0];
  if (!Object.hasOwn(EXPERIMENTS, lesson)) {
    throw new UsageError(
      `"${lesson}" has no experiments; those that do: ${Object.keys(EXPERIMENTS).join(", ")}`,
    );
  }
  const { slug, module } = EXPERIMENTS[lesson];
  const { runExperiments } = await import(module);
  const started = performance.now();
  const results = await runExperiments((line: string) => console.error(line));
  const seconds = (performance.now() - started) / 1000;
  const path = join(KIT_ROOT, "kit", "results", `${slug}.json`);
  const record = {
    command: `deno task experiment ${lesson}`,
    runSeconds: Math.round(seconds),
    cpus: navigator.hardwareConcurrency,
    ...results,
  };
  await writeTextFileAtomic(path, JSON.stringify(record, null, 1) + "\n");
  console.error(`wrote kit/results/${slug}.json (${seconds.toFixed(0)} s); now run deno task sync`);
  return 0;
});

if (import.meta.main) await runMain("experiment", main);

/**
 * `deno task bench NAME [options]`: runs one of the kit's benchmarks.
 *
 * | name     | what                                                            |
 * | -------- | --------------------------------------------------------------- |
 * | `mlp`    | the engine's backends on digits, against NumPy and scikit-learn |
 * | `check`  | `deno task check lesson-03` warm, beside `deno run hello.ts`    |
 * | `search` | sampler time per proposal; `deno task search` on 1 and 2 workers |
 * | `grade`  | `deno task grade` of 30 and 300 copies, held-out cases on         |
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { benchMlp } from "./mlp.ts";
import { benchCheck } from "./check.ts";
import { benchSearch } from "./search.ts";
import { benchGrade } from "./grade.ts";
import { benchAsha } from "./asha.ts";
import { runMain, UsageError, withUsage } from "../cli/args.ts";

/** The benchmarks by name. */
export const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  mlp: benchMlp,
  check: benchCheck,
  search: benchSearch,
  grade: benchGrade,
  asha: benchAsha,
};

const USAGE = `usage: deno task bench <${Object.keys(BENCHMARKS).join("|")}> [options]`;

/**
 * Runs the benchmark `args[0]` names with the rest of `args`; a usage error for an unknown one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * const error = console.error;
 * console.error = () => {};
 * try {
 *   assert.equal(await main(["nothing-of-the-kind"]), 2);
 * } finally {
 *   console.error = error;
 * }
 * ```
 */
export const main: (args: string[]) => Promise<number> = withUsage("bench", USAGE, async (args) => {
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (!name) throw new UsageError("name a benchmark");
  if (!Object.hasOwn(BENCHMARKS, name)) throw new UsageError(`no benchmark called "${name}"`);
  await BENCHMARKS[name](rest);
  return 0;
});

if (import.meta.main) await runMain("bench", main);

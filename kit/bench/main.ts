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

/** The benchmarks by name. */
export const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  mlp: benchMlp,
  check: benchCheck,
  search: benchSearch,
  grade: benchGrade,
  asha: benchAsha,
};

if (import.meta.main) {
  const [name, ...rest] = Deno.args;
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(`usage: deno task bench <${Object.keys(BENCHMARKS).join("|")}> [options]`);
    Deno.exit(2);
  }
  await bench(rest);
}

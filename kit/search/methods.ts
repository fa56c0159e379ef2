/**
 * The table of search methods: the one list `deno task search --method`, `runSearch` and the
 * help text read. Adding a method is writing its module (a {@link SearchMethod}, see
 * `method.ts` and `mod.ts`) and adding one line here.
 *
 * @module
 */

import { SearchArgumentError, type SearchMethod } from "./method.ts";
import { GRID, RANDOM } from "./grid_random.ts";
import { HALVING, HYPERBAND } from "./fidelity.ts";
import { QUASI_RANDOM } from "./quasi_random.ts";
import { BO, TPE } from "./model_based.ts";
import { ASHA } from "./asha.ts";
import { MEDIAN } from "./median.ts";
import { PBT } from "./pbt.ts";

/** Every method, by the name `--method` takes, in the order `--help` lists them. */
export const METHODS: Readonly<Record<string, SearchMethod>> = {
  grid: GRID,
  random: RANDOM,
  halving: HALVING,
  hyperband: HYPERBAND,
  "quasi-random": QUASI_RANDOM,
  bo: BO,
  tpe: TPE,
  // Lesson 10's asynchronous methods, one line each.
  asha: ASHA,
  median: MEDIAN,
  pbt: PBT,
};

/**
 * The method called `name`. Throws a `SearchArgumentError` listing the methods when there is
 * none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { methodNamed } from "./methods.ts";
 * assert.equal(methodNamed("grid").shardable, true);
 * assert.throws(() => methodNamed("bayes"), /unknown method "bayes"/);
 * ```
 */
export function methodNamed(name: string): SearchMethod {
  const method = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!method) {
    throw new SearchArgumentError(
      `unknown method "${name}": choose one of ${Object.keys(METHODS).join(", ")}`,
    );
  }
  return method;
}

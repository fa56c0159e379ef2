// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 2: drawing a hyperparameter value from a distribution, with one draw of the random
 * stream per value.
 *
 * @module
 */

import type { Random } from "../../kit/lib/random.ts";
import type { Value } from "./grid.ts";

/**
 * Where a hyperparameter's values come from in a random search.
 *
 * - `choice`: one of `values`, each equally likely;
 * - `uniform`: a real number in [low, high);
 * - `logUniform`: a real number in [low, high) whose logarithm is uniform (0 < low < high);
 * - `integer`: an integer from low to high, both included, each equally likely;
 * - `logInteger`: an integer from low to high, both included, drawn log-uniformly (1 ≤ low ≤ high).
 */
export type Distribution =
  | { type: "choice"; values: readonly Value[] }
  | { type: "uniform"; low: number; high: number }
  | { type: "logUniform"; low: number; high: number }
  | { type: "integer"; low: number; high: number }
  | { type: "logInteger"; low: number; high: number };

/**
 * Draws one value from `distribution`, calling `random()` **exactly once** (whatever the type),
 * so a search's stream of numbers is used the same way by every implementation. With u that one
 * number, in [0, 1):
 *
 * | type         | value                                                                   |
 * | ------------ | ----------------------------------------------------------------------- |
 * | `choice`     | `values[⌊u · n⌋]` for n values                                          |
 * | `uniform`    | `low + (high − low) · u`                                                |
 * | `logUniform` | `exp(ln low + (ln high − ln low) · u)`                                  |
 * | `integer`    | `low + ⌊u · (high − low + 1)⌋`                                          |
 * | `logInteger` | `⌊exp(ln low + (ln(high + 1) − ln low) · u)⌋`, at most `high`           |
 *
 * `logInteger` draws a real number log-uniformly in [low, high + 1) and rounds it **down**, so
 * every result is in [low, high] and integer k gets probability ln((k + 1)/k) / ln((high + 1)/low):
 * 1 is as likely as 2 and 3 together. (The `min(…, high)` only guards against a rounding error
 * in `exp`.) Any base of logarithm gives the same value, as long as the same base is used both
 * ways.
 *
 * Throws a `RangeError` on an impossible distribution: a `choice` with no values, bounds that are
 * not finite or with `low > high` (`low ≥ high` for the real ones), a `logUniform` with
 * `low ≤ 0`, integer bounds that are not integers, or a `logInteger` with `low < 1`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sample } from "./distributions.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const random = seededRandom(1);
 * const lr = sample({ type: "logUniform", low: 1e-4, high: 1 }, random) as number;
 * const units = sample({ type: "logInteger", low: 8, high: 256 }, random) as number;
 * assert.ok(lr >= 1e-4 && lr < 1);
 * assert.ok(Number.isInteger(units) && units >= 8 && units <= 256);
 * ```
 */
export function sample(distribution: Distribution, random: Random): Value {
  throw new Error("TODO: sample (lesson 07, 'Search spaces with distributions')");
}

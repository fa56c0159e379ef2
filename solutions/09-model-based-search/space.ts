/**
 * Given (not graded): the search space of lesson 07, restated here so that this lesson stands on
 * its own, and the random draw that start-up trials and candidate sets use.
 *
 * @module
 */

import type { Random } from "../../kit/lib/random.ts";

/** A hyperparameter value. */
export type Value = number | string | boolean;

/** A configuration: one value per hyperparameter, by name. */
export type Config = Record<string, Value>;

/**
 * Where a hyperparameter's values come from (lesson 07's five kinds): `choice` (one of
 * `values`), `uniform` and `logUniform` reals in [low, high), `integer` and `logInteger` integers
 * from low to high, both included.
 */
export type Distribution =
  | { type: "choice"; values: readonly Value[] }
  | { type: "uniform"; low: number; high: number }
  | { type: "logUniform"; low: number; high: number }
  | { type: "integer"; low: number; high: number }
  | { type: "logInteger"; low: number; high: number };

/** A search space: one distribution per hyperparameter, in insertion order. */
export type Space = Record<string, Distribution>;

/** A finished trial: its configuration and its validation score (higher is better). */
export interface Trial {
  config: Config;
  /** Validation score; `NaN` for a run that diverged (treated as the worst score). */
  score: number;
}

/**
 * Draws one value from `distribution` with exactly one call of `random()`, as lesson 07's
 * `sample` does (the same formulas, so the same value for the same number).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleValue } from "./space.ts";
 * assert.equal(sampleValue({ type: "integer", low: 1, high: 6 }, () => 0.5), 4);
 * ```
 */
export function sampleValue(distribution: Distribution, random: Random): Value {
  const d = distribution;
  const u = random();
  switch (d.type) {
    case "choice":
      return d.values[Math.floor(u * d.values.length)];
    case "uniform":
      return d.low + (d.high - d.low) * u;
    case "logUniform":
      return Math.exp(Math.log(d.low) + (Math.log(d.high) - Math.log(d.low)) * u);
    case "integer":
      return d.low + Math.floor(u * (d.high - d.low + 1));
    case "logInteger": {
      const x = Math.exp(Math.log(d.low) + (Math.log(d.high + 1) - Math.log(d.low)) * u);
      return Math.min(Math.floor(x), d.high);
    }
  }
}

/**
 * A random configuration: one {@link sampleValue} per hyperparameter, in the space's order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleConfig } from "./space.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const config = sampleConfig({ lr: { type: "logUniform", low: 1e-4, high: 1 } }, seededRandom(1));
 * assert.ok((config.lr as number) >= 1e-4 && (config.lr as number) < 1);
 * ```
 */
export function sampleConfig(space: Space, random: Random): Config {
  const config: Config = {};
  for (const [name, distribution] of Object.entries(space)) {
    config[name] = sampleValue(distribution, random);
  }
  return config;
}

/**
 * Checks that `space` has at least one hyperparameter and that each distribution is possible;
 * throws a `RangeError` naming the first one that is not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSpace } from "./space.ts";
 * assert.throws(() => checkSpace({ lr: { type: "logUniform", low: 0, high: 1 } }), RangeError);
 * ```
 */
export function checkSpace(space: Space): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new RangeError("the space has no hyperparameters");
  for (const name of names) {
    const d = space[name];
    if (d.type === "choice") {
      if (d.values.length === 0) throw new RangeError(`${name}: a choice needs a value`);
      continue;
    }
    const bad = !Number.isFinite(d.low) || !Number.isFinite(d.high) || !(d.low <= d.high) ||
      ((d.type === "uniform" || d.type === "logUniform") && !(d.low < d.high)) ||
      (d.type === "logUniform" && !(d.low > 0)) ||
      ((d.type === "integer" || d.type === "logInteger") &&
        !(Number.isInteger(d.low) && Number.isInteger(d.high))) ||
      (d.type === "logInteger" && d.low < 1);
    if (bad) throw new RangeError(`${name}: impossible ${d.type} on [${d.low}, ${d.high}]`);
  }
}

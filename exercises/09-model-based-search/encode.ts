// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: what a surrogate model sees. Each numeric hyperparameter is mapped to [0, 1], on the
 * logarithmic scale when its distribution is log-distributed; a choice becomes one 0/1 coordinate
 * per value; scores are standardised to mean 0 and standard deviation 1.
 *
 * @module
 */

import type { Config, Distribution, Space, Value } from "./space.ts";

/** A numeric distribution (every kind but `choice`). */
export type NumericDistribution = Exclude<Distribution, { type: "choice" }>;

/**
 * The position of a numeric value in its range, from 0 (`low`) to 1 (`high`): linear for
 * `uniform` and `integer`, logarithmic for `logUniform` and `logInteger`
 * (`(ln v − ln low) / (ln high − ln low)`). A range of one integer maps to 0.5. Values outside the
 * range map outside [0, 1] (nothing is clipped).
 *
 * Throws a `RangeError` for a value that is not a finite number, or not positive on a log scale.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toUnit } from "./encode.ts";
 * assert.equal(toUnit(0.01, { type: "logUniform", low: 1e-4, high: 1 }), 0.5);
 * assert.equal(toUnit(5, { type: "uniform", low: 0, high: 10 }), 0.5);
 * ```
 */
export function toUnit(value: number, distribution: NumericDistribution): number {
  throw new Error("TODO: toUnit (lesson 09, 'What the model sees')");
}

/**
 * The inverse of {@link toUnit}: the value at position `u` of the range, with `u` clipped to
 * [0, 1] first; integer kinds are rounded to the nearest integer (and stay within the bounds).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromUnit } from "./encode.ts";
 * assert.ok(Math.abs((fromUnit(0.5, { type: "logUniform", low: 1e-4, high: 1 })) - 0.01) < 1e-15);
 * assert.equal(fromUnit(0.5, { type: "integer", low: 1, high: 4 }), 3);
 * ```
 */
export function fromUnit(u: number, distribution: NumericDistribution): number {
  throw new Error("TODO: fromUnit (lesson 09, 'What the model sees')");
}

/**
 * A configuration as a point for the Gaussian process: hyperparameters in the space's order, a
 * numeric one as its {@link toUnit} position, a choice as one coordinate per value (1 for the
 * value taken, 0 for the others).
 *
 * Throws a `RangeError` naming a hyperparameter that the configuration lacks or whose value is not
 * among the choice's values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeConfig } from "./encode.ts";
 * const space = {
 *   lr: { type: "logUniform", low: 1e-4, high: 1 },
 *   optimizer: { type: "choice", values: ["sgd", "adam"] },
 * } as const;
 * assert.deepEqual(encodeConfig({ lr: 0.01, optimizer: "adam" }, space), [0.5, 0, 1]);
 * ```
 */
export function encodeConfig(config: Config, space: Space): number[] {
  throw new Error("TODO: encodeConfig (lesson 09, 'What the model sees')");
}

/**
 * Scores rescaled to mean 0 and (population) standard deviation 1, so that one prior fits every
 * objective. A score that is not finite (a diverged run) counts as the worst finite score; when
 * none is finite every score becomes 0; when all are equal they become 0 (the deviation 0 is
 * replaced by 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { standardise } from "./encode.ts";
 * assert.deepEqual(standardise([1, 3]), [-1, 1]);
 * assert.deepEqual(standardise([1, NaN, 3]), standardise([1, 1, 3]));
 * ```
 */
export function standardise(scores: readonly number[]): number[] {
  throw new Error("TODO: standardise (lesson 09, 'What the model sees')");
}

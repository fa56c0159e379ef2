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
  // BEGIN SOLUTION "TODO: toUnit (lesson 09, 'What the model sees')"
  const { low, high, type } = distribution;
  if (!Number.isFinite(value)) throw new RangeError(`${type}: value must be finite, got ${value}`);
  if (type === "logUniform" || type === "logInteger") {
    if (!(value > 0)) throw new RangeError(`${type}: value must be > 0, got ${value}`);
    if (high === low) return 0.5;
    return (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low));
  }
  if (high === low) return 0.5;
  return (value - low) / (high - low);
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: fromUnit (lesson 09, 'What the model sees')"
  const { low, high, type } = distribution;
  if (Number.isNaN(u)) throw new RangeError(`${type}: position must be a number, got NaN`);
  const t = Math.min(1, Math.max(0, u));
  const log = type === "logUniform" || type === "logInteger";
  const x = log
    ? Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * t)
    : low + (high - low) * t;
  if (type === "integer" || type === "logInteger") {
    return Math.min(high, Math.max(low, Math.round(x)));
  }
  return Math.min(high, Math.max(low, x));
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: encodeConfig (lesson 09, 'What the model sees')"
  const point: number[] = [];
  for (const [name, d] of Object.entries(space)) {
    if (!Object.hasOwn(config, name)) throw new RangeError(`the configuration lacks "${name}"`);
    const value: Value = config[name];
    if (d.type === "choice") {
      const index = d.values.indexOf(value);
      if (index < 0) throw new RangeError(`"${name}": ${JSON.stringify(value)} is not a choice`);
      for (let k = 0; k < d.values.length; k++) point.push(k === index ? 1 : 0);
    } else {
      if (typeof value !== "number") {
        throw new RangeError(`"${name}" must be a number, got ${JSON.stringify(value)}`);
      }
      point.push(toUnit(value, d));
    }
  }
  return point;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: standardise (lesson 09, 'What the model sees')"
  const finite = scores.filter(Number.isFinite);
  if (finite.length === 0) return scores.map(() => 0);
  const worst = Math.min(...finite);
  const y = scores.map((s) => Number.isFinite(s) ? s : worst);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
  const sd = variance > 0 ? Math.sqrt(variance) : 1;
  return y.map((v) => (v - mean) / sd);
  // END SOLUTION
}

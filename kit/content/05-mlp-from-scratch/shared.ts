/**
 * What lesson 05's topics share: the seed of the lesson's runs, the activations, and how random
 * inputs are drawn and numbers written.
 *
 * @module
 */

import { normal, type Random } from "../../lib/random.ts";
import type { Activation } from "../../../solutions/05-mlp-from-scratch/activations.ts";

/** The seed of the lesson's training runs and experiments. */
export const SEED = 5;

/** Every activation the lesson's MLP offers. */
export const ACTIVATIONS: Activation[] = ["relu", "tanh", "sigmoid"];

/**
 * Rounds inputs to 4 decimals so the case file stays short; outputs are kept at full precision.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { r4 } from "./shared.ts";
 * assert.equal(r4(0.123456), 0.1235);
 * ```
 */
export const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * A typed array as a plain array, for the case file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { list } from "./shared.ts";
 * assert.deepEqual(list(new Float64Array([1, 2.5])), [1, 2.5]);
 * ```
 */
export const list = (a: ArrayLike<number>): number[] => Array.from(a);

/**
 * `n` normal draws times `scale`, rounded by {@link r4}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { draw } from "./shared.ts";
 * const values = draw(seededRandom("demo"), 5, 2);
 * assert.equal(values.length, 5);
 * for (const v of values) assert.equal(v, Math.round(v * 1e4) / 1e4);
 * ```
 */
export const draw = (random: Random, n: number, scale = 1): Float64Array =>
  Float64Array.from({ length: n }, () => r4(scale * normal(random)));

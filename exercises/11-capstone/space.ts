// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: the capstone's search space, with ranges that depend on the optimizer.
 *
 * @module
 */

import type { Random } from "../../kit/lib/random.ts";

/** One configuration of the capstone's MLP: a value per hyperparameter, by name. */
export type CapstoneConfig = Record<string, number | string>;

/** How many numbers of the stream {@link sampleConfig} reads per configuration. */
export const DRAWS_PER_CONFIG = 10;

/**
 * Draws one configuration of the capstone's space from `random`, reading **exactly
 * {@link DRAWS_PER_CONFIG} numbers**, one per row of the table below, in that order, whatever
 * the optimizer (a value the condition drops still uses its draw, so the later values of a
 * configuration sit at the same place in the stream for every optimizer). With u the row's
 * number in [0, 1):
 *
 * | key         | when        | value                                                   |
 * | ----------- | ----------- | ------------------------------------------------------- |
 * | `optimizer` | always      | `["sgd", "adam"][⌊2u⌋]`                                 |
 * | `lr`        | sgd         | log-uniform in [0.01, 0.5): `exp(ln 0.01 + (ln 0.5 − ln 0.01)·u)` |
 * | `lr`        | adam        | log-uniform in [0.0003, 0.01)                           |
 * | `momentum`  | sgd only    | `0.8 + 0.19·u` (uniform in [0.8, 0.99))                 |
 * | `batchSize` | always      | `[16, 32, 64, 128][⌊4u⌋]`                               |
 * | `width`     | always      | log-integer in [16, 256]: `min(256, ⌊exp(ln 16 + (ln 257 − ln 16)·u)⌋)` |
 * | `depth`     | always      | `1 + ⌊3u⌋` (1, 2 or 3 hidden layers)                    |
 * | `l2`        | always      | log-uniform in [1e-6, 1e-2)                             |
 * | `dropout`   | always      | `0.5·u` (uniform in [0, 0.5))                           |
 * | `schedule`  | always      | `["constant", "cosine"][⌊2u⌋]`                          |
 * | `warmup`    | always      | `⌊4u⌋` epochs of linear warm-up (0 to 3)                |
 *
 * The configuration's keys are in the table's order; an Adam configuration has no `momentum`
 * key (its draw is read and dropped). The ranges of `lr` differ because the two optimizers'
 * useful learning rates differ by about an order of magnitude (lesson 04).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleConfig } from "./space.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const config = sampleConfig(seededRandom(1));
 * assert.ok(config.optimizer === "sgd" || config.optimizer === "adam");
 * assert.equal("momentum" in config, config.optimizer === "sgd");
 * assert.ok([1, 2, 3].includes(config.depth as number));
 * ```
 */
export function sampleConfig(random: Random): CapstoneConfig {
  throw new Error("TODO: sampleConfig (lesson 11, 'A search space with conditions')");
}

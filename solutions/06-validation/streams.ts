/**
 * Separate random streams derived from one seed, so that each source of randomness in an
 * experiment (the split, the initial weights, the shuffles, dropout) has its own generator, and
 * changing how much one of them is used never changes another.
 *
 * This file is given: it is not an exercise.
 *
 * @module
 */

/** The sources of randomness of one training run. */
export type Stream = "split" | "init" | "shuffle" | "dropout" | "search";

/**
 * The seed of stream `purpose` of experiment seed `seed`: a different string for every
 * purpose, for `seededRandom` (whose generator mixes the whole string into its state).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { streamSeed } from "./streams.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const split = seededRandom(streamSeed(7, "split"));
 * const init = seededRandom(streamSeed(7, "init"));
 * assert.notEqual(split(), init()); // two independent streams from one seed
 * ```
 */
export function streamSeed(seed: number | string, purpose: Stream): string {
  return `${seed}/${purpose}`;
}

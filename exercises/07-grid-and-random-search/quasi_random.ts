// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 4: quasi-random search. The configurations of a scrambled, shifted Halton sequence,
 * mapped through lesson 07's distributions.
 *
 * The exercise is the three functions `radicalInverse`, `scrambledRadicalInverse` and
 * `quasiRandomConfigurations`; the helpers `firstPrimes` and `haltonScrambling` are given.
 *
 * @module
 */

import { type Random, seededRandom, shuffle } from "../../kit/lib/random.ts";
import type { Config, Value } from "./grid.ts";
import { type Distribution, sample } from "./distributions.ts";
import type { Space } from "./random_search.ts";

/**
 * The first `count` prime numbers, ascending: the bases of a Halton sequence's dimensions.
 * Given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstPrimes } from "./quasi_random.ts";
 * assert.deepEqual(firstPrimes(6), [2, 3, 5, 7, 11, 13]);
 * ```
 */
export function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let k = 2; primes.length < count; k++) {
    if (primes.every((p) => p * p > k || k % p !== 0)) primes.push(k);
  }
  return primes;
}

/**
 * The scrambling of one dimension: a permutation of the digits 0…base − 1 that keeps 0 in place,
 * and a shift in [0, 1).
 */
export interface DimensionScrambling {
  /** The dimension's base (a prime). */
  base: number;
  /** `permutation[digit]` replaces `digit`; `permutation[0]` is 0. */
  permutation: number[];
  /** Added modulo 1 after the permutation. */
  shift: number;
}

/**
 * The kit's scrambling of a Halton sequence in `dimensions` dimensions, from `seed`. Given.
 *
 * Dimension d (from 0) has base `firstPrimes(dimensions)[d]`. One stream, `seededRandom(seed)`,
 * is read dimension by dimension: first the digits 1…base − 1 are shuffled (the kit's `shuffle`,
 * Fisher–Yates from the last item), giving the permutation `[0, ...shuffled]`; then one draw is
 * the shift. Digit 0 stays 0, so an index's infinitely many leading zeros stay zeros and every
 * scrambled value is a finite sum.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { haltonScrambling } from "./quasi_random.ts";
 * const [first, second] = haltonScrambling(2, 7);
 * assert.deepEqual([first.base, second.base], [2, 3]);
 * assert.equal(second.permutation[0], 0);
 * assert.deepEqual([...second.permutation].sort(), [0, 1, 2]);
 * ```
 */
export function haltonScrambling(dimensions: number, seed: number | string): DimensionScrambling[] {
  const random: Random = seededRandom(seed);
  return firstPrimes(dimensions).map((base) => {
    const digits = Array.from({ length: base - 1 }, (_, i) => i + 1);
    const permutation = [0, ...shuffle(digits, random)];
    return { base, permutation, shift: random() };
  });
}

/**
 * The radical inverse of `index` in `base` (van der Corput): write the index in base b,
 * `index = Σ aₖ bᵏ`, and mirror its digits around the radix point, `Σ aₖ b^−(k+1)`. The last digit
 * of the index becomes the first after the point: in base 2, 1, 2, 3, 4 give 0.5, 0.25, 0.75,
 * 0.125. Consecutive indices below b are 1/b apart.
 *
 * Throws a `RangeError` when `index` is not an integer ≥ 0 or `base` not an integer ≥ 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { radicalInverse } from "./quasi_random.ts";
 * assert.deepEqual([0, 1, 2, 3, 4].map((i) => radicalInverse(i, 2)), [0, 0.5, 0.25, 0.75, 0.125]);
 * // 5 = 12 in base 3 -> 0.21 in base 3 = 2/3 + 1/9 (to rounding: sums of powers of 1/3)
 * assert.ok(Math.abs(radicalInverse(5, 3) - 7 / 9) < 1e-15);
 * ```
 */
export function radicalInverse(index: number, base: number): number {
  throw new Error("TODO: radicalInverse (lesson 07, 'Quasi-random search')");
}

/**
 * The radical inverse of `index` in `base` with every digit replaced by `permutation[digit]`
 * before it is mirrored: `Σ π(aₖ) b^−(k+1)` over the index's digits aₖ. With the identity
 * permutation it is {@link radicalInverse}.
 *
 * Throws a `RangeError` when `index` is not an integer ≥ 0, `base` not an integer ≥ 2, or
 * `permutation` not a permutation of 0…base − 1 with `permutation[0] = 0`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scrambledRadicalInverse } from "./quasi_random.ts";
 * // Base 3, digits 1 and 2 swapped: 5 = 12 in base 3 -> digits 2, 1 -> 0.12 in base 3.
 * assert.equal(scrambledRadicalInverse(5, 3, [0, 2, 1]), 1 / 3 + 2 / 9);
 * ```
 */
export function scrambledRadicalInverse(
  index: number,
  base: number,
  permutation: readonly number[],
): number {
  throw new Error("TODO: scrambledRadicalInverse (lesson 07, 'Quasi-random search')");
}

/**
 * The first `n` configurations of a quasi-random search over `space`, reproducible from `seed`:
 * trial i is point i (from 0) of the scrambled, shifted Halton sequence of
 * `haltonScrambling(names, seed)`, one dimension per hyperparameter in the space's insertion
 * order. For dimension d with scrambling `{ base, permutation, shift }`,
 *
 *     u = scrambledRadicalInverse(i, base, permutation) + shift, minus 1 when that is ≥ 1,
 *
 * and the value is `draw(space[name], () => u)`, by default `sample`: the distribution's own mapping of lesson 07
 * (log-uniform, integers, choices) applied to u instead of a random draw. Like random search it
 * has the prefix property (trial i depends only on i and the seed), and each dimension gets n
 * distinct values of u.
 *
 * `draw` is how a value comes from a distribution and a stream: `sample` of step 2 by default.
 * The graded tests pass their own (`(distribution, random) => random()`, the u itself), so a
 * mistake in `sample` costs points in `sample`'s tests only.
 *
 * Throws a `RangeError` when `n` is not an integer ≥ 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quasiRandomConfigurations } from "./quasi_random.ts";
 * const space = {
 *   lr: { type: "logUniform", low: 1e-4, high: 1 },
 *   dropout: { type: "uniform", low: 0, high: 0.5 },
 * } as const;
 * const ten = quasiRandomConfigurations(space, 10, 7);
 * assert.deepEqual(ten.slice(0, 3), quasiRandomConfigurations(space, 3, 7));
 * assert.equal(new Set(ten.map((c) => c.lr)).size, 10);
 * ```
 */
export function quasiRandomConfigurations(
  space: Space,
  n: number,
  seed: number | string,
  draw: (distribution: Distribution, random: Random) => Value = sample,
): Config[] {
  throw new Error("TODO: quasiRandomConfigurations (lesson 07, 'Quasi-random search')");
}

import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import { expectConfigurations } from "../../kit/testkit/expect_each.ts";
import type { Random } from "../../kit/lib/random.ts";
import type { Space } from "./random_search.ts";
import {
  quasiRandomConfigurations,
  radicalInverse,
  scrambledRadicalInverse,
} from "./quasi_random.ts";

/**
 * The draw injected instead of your `sample`: the sequence's u itself. These tests grade the
 * Halton points; `sample` has tests of its own, so a mistake there costs points there.
 */
const drawU = (_distribution: unknown, random: Random) => random();

const q = cases.quasiRandom;
const MIRROR_HINT = "Mirror the digits: the LAST digit of the index (index % base) becomes the " +
  "FIRST after the point (× 1/base), the next one × 1/base², … In base 2, 1, 2, 3 give 0.5, " +
  "0.25, 0.75. Lesson 07, 'Quasi-random search'.";

graded({
  name: "radicalInverse: the lesson's van der Corput points and drawn indices",
  points: 3,
  hint: MIRROR_HINT,
}, () => {
  for (const c of [...q.radicalInverse.lesson, ...q.radicalInverse.random]) {
    expectNumber({
      input: `radicalInverse(${c.index}, ${c.base})`,
      actual: () => radicalInverse(c.index, c.base),
      expected: c.expected,
      // Sums of a few digits over powers of the base: exact up to rounding.
      rel: 1e-12,
      abs: 1e-15,
      hint: c.index < c.base
        ? "An index below the base has one digit: its radical inverse is index / base."
        : MIRROR_HINT,
    });
  }
});

graded({
  name: "radicalInverse: refuses a bad index or base",
  points: 1,
  hint: "Throw a RangeError for an index that is not an integer >= 0 or a base that is not " +
    "an integer >= 2.",
}, () => {
  for (const c of q.radicalInverse.random.slice(0, 3)) {
    expectNumber({
      input: `radicalInverse(${c.index}, ${c.base})`,
      actual: () => radicalInverse(c.index, c.base),
      expected: c.expected,
      rel: 1e-12,
      abs: 1e-15,
    });
  }
  for (const c of q.invalidInverse) {
    expectThrows({
      input: `radicalInverse(${c.index}, ${c.base}) (${c.why})`,
      actual: () => radicalInverse(c.index, c.base),
    });
  }
});

graded({
  name: "scrambledRadicalInverse: each digit replaced by permutation[digit], then mirrored",
  points: 3,
  hint: "Replace every digit a of the index by permutation[a] before mirroring: " +
    "Σ permutation[a_k] · base^-(k+1). Only the index's own digits: its leading zeros stay " +
    "zeros (permutation[0] = 0). Lesson 07, 'Quasi-random search'.",
}, () => {
  for (const c of [...q.scrambled.lesson, ...q.scrambled.random]) {
    expectNumber({
      input: `scrambledRadicalInverse(${c.index}, ${c.base}, [${c.permutation.join(", ")}])`,
      actual: () => scrambledRadicalInverse(c.index, c.base, c.permutation),
      expected: c.expected,
      rel: 1e-12,
      abs: 1e-15,
    });
  }
  for (const c of q.scrambled.invalid) {
    expectThrows({
      input: `scrambledRadicalInverse(${c.index}, ${c.base}, [${
        c.permutation.join(", ")
      }]) (${c.why})`,
      actual: () => scrambledRadicalInverse(c.index, c.base, c.permutation),
    });
  }
});

type Search = (typeof q.searches)[number];
const describe = (c: { space: unknown; seed: unknown }, n: number) =>
  `quasiRandomConfigurations(${JSON.stringify(c.space)}, ${n}, ${JSON.stringify(c.seed)}, drawU)`;

/** Every u of every dimension to 1e-12: sums of digits over powers of the base, plus a shift. */
function check(c: Omit<Search, "seed"> & { seed: number | string }): void {
  expectConfigurations({
    input: describe(c, c.n),
    actual: () => quasiRandomConfigurations(c.space as unknown as Space, c.n, c.seed, drawU),
    names: Object.keys(c.space),
    expected: c.expected,
    rel: 1e-12,
    abs: 1e-15,
  });
}

graded({
  name: "quasiRandomConfigurations: 9 scrambled, shifted Halton searches, u by u",
  points: 4,
  hint: "Trial i is point i, from 0 (not 1). Dimension d uses haltonScrambling(names, seed)[d]: " +
    "its own prime base (not base 2 for every name: the points would lie on a diagonal), " +
    "u = scrambledRadicalInverse(i, base, permutation) + shift, minus 1 when >= 1 (every u in " +
    "[0, 1)); then draw(space[name], () => u). Lesson 07, 'Quasi-random search'.",
}, () => {
  for (const c of q.searches) check(c);
});

graded({
  name: "quasiRandomConfigurations: the prefix property, and n = 0 gives []",
  points: 2,
  hint: "Point i depends only on i and the seed: no scrambling drawn per trial or per n, no " +
    "sorting at the end. Throw a RangeError when n is not an integer >= 0.",
}, () => {
  const p = q.prefix;
  const space = p.space as unknown as Space;
  for (const k of p.ks) check({ ...p, n: k, expected: p.expected.slice(0, k) });
  expectEqual({
    input: describe(p, 0),
    actual: () => quasiRandomConfigurations(space, 0, p.seed, drawU),
    expected: [],
  });
  for (const n of [-1, 2.5]) {
    expectThrows({
      input: describe(p, n),
      actual: () => quasiRandomConfigurations(space, n, p.seed, drawU),
    });
  }
});

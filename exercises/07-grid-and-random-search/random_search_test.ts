import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectConfigurations } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import type { Random } from "../../kit/lib/random.ts";
import { randomConfigurations, type Space } from "./random_search.ts";

/**
 * The draw injected instead of your `sample`: the stream's number itself. These tests grade the
 * search's order of draws; `sample` has tests of its own, so a mistake there costs points there.
 */
const drawU = (_distribution: unknown, random: Random) => random();

type Case = (typeof cases.randomConfigurations.cases)[number];
const describe = (c: { space: unknown; seed: unknown }, n: number) =>
  `randomConfigurations(${JSON.stringify(c.space)}, ${n}, ${JSON.stringify(c.seed)}, drawU)`;

/** Numbers to 1e-12 (exp and log), names and booleans exactly. */
function check(c: Omit<Case, "seed"> & { seed: number | string }): void {
  expectConfigurations({
    input: describe(c, c.n),
    actual: () => randomConfigurations(c.space as unknown as Space, c.n, c.seed, drawU),
    names: Object.keys(c.space),
    expected: c.expected,
    rel: 1e-12,
  });
}

graded({
  name: "randomConfigurations: 9 seeded searches, value by value",
  points: 3,
  hint: "One seededRandom(seed) for the whole search; trial after trial, and in each the " +
    "names in the space's order, one draw(distribution, random) each (the tests pass " +
    "drawU, which returns the stream's number: call draw, not sample directly). A new " +
    "generator per trial, or names in another order, gives other values. Lesson 07, " +
    "'Random search'.",
}, () => {
  for (const c of cases.randomConfigurations.cases) check(c);
});

graded({
  name: "randomConfigurations: the prefix property (the first k of n = a run with n = k)",
  points: 2,
  hint: "Configuration i may depend only on the seed and the draws before it: no draw that " +
    "depends on n, no shuffling or sorting of the list at the end.",
}, () => {
  const p = cases.randomConfigurations.prefix;
  const space = p.space as unknown as Space;
  // Each shorter run is the start of the reference's long run...
  for (const k of p.ks) check({ ...p, n: k, expected: p.expected.slice(0, k) });
  // ...and of your own long run, value for value.
  for (const k of p.ks) {
    expectEqual({
      input: `${describe(p, k)} vs the first ${k} of ${describe(p, p.n)}`,
      actual: () => randomConfigurations(space, k, p.seed, drawU),
      expected: randomConfigurations(space, p.n, p.seed, drawU).slice(0, k),
    });
  }
});

graded({
  name: "randomConfigurations: n = 0 gives []; refuses a negative or fractional n",
  points: 1,
  hint: "Zero trials is an empty search; throw a RangeError when n is not an integer >= 0.",
}, () => {
  // A search with a drawn string seed: the grade of record holds it out.
  const c = cases.randomConfigurations.cases[2];
  const space = c.space as unknown as Space;
  // Refusals earn points only from a function that also answers a real search.
  check(c);
  expectEqual({
    input: describe(c, 0),
    actual: () => randomConfigurations(space, 0, c.seed, drawU),
    expected: [],
  });
  for (const n of [-1, 2.5]) {
    expectThrows({
      input: describe(c, n),
      actual: () => randomConfigurations(space, n, c.seed, drawU),
    });
  }
});

import { expectEqual, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import { seededRandom } from "../../kit/lib/random.ts";
import { type Distribution, sample } from "./distributions.ts";

type Exact = { distribution: unknown; seed: string; values: unknown[] };
const ONE_DRAW = "Call random() exactly once per value: a second call shifts every later value.";

/** 20 values drawn one after another from seededRandom(seed), as the lesson documents. */
function draws(distribution: Distribution, seed: string, count: number): unknown[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => sample(distribution, random));
}

function checkExact(list: readonly Exact[], numeric: boolean): void {
  for (const c of list) {
    const d = c.distribution as Distribution;
    const input = `20 × sample(${JSON.stringify(c.distribution)}, random) ` +
      `with random = seededRandom(${JSON.stringify(c.seed)})`;
    if (numeric) {
      // exp and log may differ in the last bits between formulas that are equal on paper.
      expectNumbers({
        input,
        actual: () => draws(d, c.seed, c.values.length) as number[],
        expected: c.values as number[],
        rel: 1e-12,
      });
    } else {
      expectEqual({ input, actual: () => draws(d, c.seed, c.values.length), expected: c.values });
    }
  }
}

/** Fractions of `n` learner draws falling between consecutive edges. */
function fractions(d: Distribution, seed: string, n: number, edges: readonly number[]): number[] {
  const values = draws(d, seed, n) as number[];
  return edges.slice(1).map((high, i) =>
    values.filter((v) => v >= edges[i] && v < high).length / n
  );
}

graded({
  name: "sample: choice, one value per draw",
  points: 1,
  hint:
    `values[floor(u · n)] with u = random(). ${ONE_DRAW} Lesson 07, 'Search spaces with distributions'.`,
}, () => {
  checkExact(cases.sample.exact.choice, false);
});

graded({
  name: "sample: uniform",
  points: 1,
  hint: `low + (high − low) · u. ${ONE_DRAW}`,
}, () => {
  checkExact(cases.sample.exact.uniform, true);
});

graded({
  name: "sample: logUniform, exact values",
  points: 2,
  hint: "exp(ln low + (ln high − ln low) · u): uniform in the logarithm, then back. Any base " +
    "works if you go back with the same base (Math.log10 then 10 ** x); log10 there and " +
    `Math.exp back does not. ${ONE_DRAW}`,
}, () => {
  checkExact(cases.sample.exact.logUniform, true);
});

graded({
  name: "sample: integer, both ends included",
  points: 1,
  hint: "low + floor(u · (high − low + 1)): high − low + 1 equally likely integers. " +
    "Math.round(low + u · (high − low)) gives the two ends half the chance of the others.",
}, () => {
  checkExact(cases.sample.exact.integer, false);
});

graded({
  name: "sample: logInteger, exact values",
  points: 2,
  hint: "floor(exp(ln low + (ln(high + 1) − ln low) · u)), capped at high: a log-uniform real " +
    "in [low, high + 1) rounded DOWN. Rounding to the nearest integer, or drawing in " +
    "[low, high] and rounding up, gives other values (and can leave the bounds).",
}, () => {
  checkExact(cases.sample.exact.logInteger, false);
});

graded({
  name: "sample: logUniform puts the same mass in every decade (4,000 draws)",
  points: 2,
  hint: "On [1e-4, 1] each of the 4 decades should get about 25 % of the draws. Most in the " +
    "top decade means you drew uniformly; a wrong base of logarithm moves the mass too.",
}, () => {
  const c = cases.sample.logUniformDecades;
  const d = c.distribution as Distribution;
  // 4,000 draws: the standard deviation of a 25 % fraction is 0.7 %; allow 3 %.
  expectNumbers({
    input:
      `fractions of ${cases.sample.draws} draws of sample(${JSON.stringify(c.distribution)}) ` +
      `in the decades ${JSON.stringify(c.edges)} (seed ${JSON.stringify(c.seed)})`,
    actual: () => fractions(d, c.seed, cases.sample.draws, c.edges),
    expected: c.expected,
    abs: 0.03,
  });
});

graded({
  name: "sample: integers stay within their bounds, equally likely or a third per decade",
  points: 2,
  hint: "integer: each of 1…6 about 1/6 of the time; logInteger on [1, 999]: about a third " +
    "each in 1–9, 10–99, 100–999, and never 0 or 1000 (round down, cap at high).",
}, () => {
  const n = cases.sample.draws;
  const ints = cases.sample.integerCounts;
  const dice = ints.distribution as Distribution;
  expectNumbers({
    input: `fractions of ${n} draws of sample(${JSON.stringify(ints.distribution)}) equal to 1…6`,
    actual: () => fractions(dice, ints.seed, n, [1, 2, 3, 4, 5, 6, 7]),
    expected: ints.expected,
    abs: 0.03, // sd of a 1/6 fraction over 4,000 draws: 0.6 %
  });
  const logs = cases.sample.logIntegerRanges;
  const d = logs.distribution as Distribution;
  expectNumbers({
    input: `fractions of ${n} draws of sample(${JSON.stringify(logs.distribution)}) in ` +
      `[1, 10), [10, 100), [100, 1000)`,
    actual: () => fractions(d, logs.seed, n, logs.edges),
    expected: logs.expected,
    abs: 0.03, // together they also prove every draw lies in [1, 1000)
  });
  for (const c of [ints, logs]) {
    const { low, high } = c.distribution as { low: number; high: number };
    expectEqual({
      input: `draws of sample(${JSON.stringify(c.distribution)}) that are not integers in ` +
        `[${low}, ${high}], of ${n}`,
      actual: () =>
        (draws(c.distribution as Distribution, c.seed, n) as number[])
          .filter((v) => !(Number.isInteger(v) && v >= low && v <= high)).slice(0, 5),
      expected: [],
    });
  }
});

graded({
  name: "sample: refuses impossible distributions",
  points: 1,
  hint: "Throw a RangeError for a log scale with low <= 0, low >= high on a real range, " +
    "non-integer integer bounds, a logInteger below 1 and a choice with no values.",
}, () => {
  checkExact(cases.sample.exact.uniform.slice(0, 1), true);
  for (const c of cases.sample.invalid) {
    const d = c.distribution as unknown as Distribution;
    expectThrows({
      input: `sample(${JSON.stringify(c.distribution)}, random)  // ${c.why}`,
      actual: () => sample(d, seededRandom(1)),
    });
  }
});

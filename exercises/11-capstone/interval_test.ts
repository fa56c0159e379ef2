import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/11-capstone.json" with { type: "json" };
import { mcnemarExact, normalInterval, wilsonInterval } from "./interval.ts";

const pair = (i: { low: number; high: number }) => [i.low, i.high];

graded({
  name: "normalInterval: p̂ ± z·√(p̂(1 − p̂)/n), clipped to [0, 1]",
  points: 3,
  hint: "p̂ = correct / n; half-width z·√(p̂(1 − p̂)/n); clip the ends to [0, 1]. Lesson 11, " +
    "'Two reads of the test rows, one paired test'.",
}, () => {
  for (const c of cases.intervals.normal) {
    expectNumbers({
      input: `normalInterval(${c.correct}, ${c.n}, ${c.z}) as [low, high]`,
      actual: () => pair(normalInterval(c.correct, c.n, c.z)),
      expected: pair(c.expected),
      abs: 1e-12, // a closed form: only rounding can differ
    });
  }
});

graded({
  name: "wilsonInterval: the Wilson score interval, its ends inside [0, 1]",
  points: 4,
  hint: "(p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), then clamp both ends to [0, 1]: " +
    "at correct = 0 the lower end can round a hair below 0. Lesson 11, 'Two reads of the test " +
    "rows, one paired test'.",
}, () => {
  for (const c of cases.intervals.wilson) {
    expectNumbers({
      input: `wilsonInterval(${c.correct}, ${c.n}, ${c.z}) as [low, high]`,
      actual: () => pair(wilsonInterval(c.correct, c.n, c.z)),
      expected: pair(c.expected),
      abs: 1e-12, // a closed form: only rounding can differ
    });
    if (c.correct === 0) {
      // Rounding may put the lower end a hair below 0 (−2e-19 at n = 1797): clamp it.
      expectNumber({
        input: `min(0, wilsonInterval(0, ${c.n}, ${c.z}).low): how far below 0`,
        actual: () => Math.min(0, wilsonInterval(c.correct, c.n, c.z).low),
        expected: 0,
        rel: 0,
      });
    }
  }
});

graded({
  name: "mcnemarExact: the two-sided exact p-value of b and c disagreements",
  points: 5,
  hint: "p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, ½), 1 when b + c = 0; sum the " +
    "binomial terms through logarithms (2^−n underflows above n = 1074). Lesson 11, 'Two reads " +
    "of the test rows, one paired test'.",
}, () => {
  for (const c of cases.mcnemar.pairs) {
    expectNumber({
      input: `mcnemarExact(${c.b}, ${c.c})`,
      actual: () => mcnemarExact(c.b, c.c),
      expected: c.expected,
      rel: 1e-9, // a sum of up to a thousand terms: rounding accumulates
      abs: 1e-300,
    });
  }
});

graded({
  name: "wilsonInterval, normalInterval, mcnemarExact: refuse counts that are not counts",
  points: 1,
  hint: "The intervals: throw a RangeError unless n is an integer >= 1 and correct an integer " +
    "from 0 to n. mcnemarExact: unless b and c are integers >= 0.",
}, () => {
  // The last cases are seeded random: the grade of record holds them out. Their answers first.
  const wilson = cases.intervals.wilson.at(-1)!, pairs = cases.mcnemar.pairs.at(-1)!;
  expectNumbers({
    input: `wilsonInterval(${wilson.correct}, ${wilson.n}, ${wilson.z}) as [low, high]`,
    actual: () => pair(wilsonInterval(wilson.correct, wilson.n, wilson.z)),
    expected: pair(wilson.expected),
    abs: 1e-12,
  });
  expectNumber({
    input: `mcnemarExact(${pairs.b}, ${pairs.c})`,
    actual: () => mcnemarExact(pairs.b, pairs.c),
    expected: pairs.expected,
    rel: 1e-9,
  });
  for (const { correct, n } of cases.intervals.invalid) {
    expectThrows({
      input: `wilsonInterval(${correct}, ${n}, 1.96)`,
      actual: () => wilsonInterval(correct, n, 1.96),
    });
    expectThrows({
      input: `normalInterval(${correct}, ${n}, 1.96)`,
      actual: () => normalInterval(correct, n, 1.96),
    });
  }
  for (const { b, c } of cases.mcnemar.invalid) {
    expectThrows({ input: `mcnemarExact(${b}, ${c})`, actual: () => mcnemarExact(b, c) });
  }
});

import { expectNumbers, expectThrows, graded } from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/11-capstone.json" with { type: "json" };
import { normalInterval, wilsonInterval } from "./interval.ts";

const pair = (i: { low: number; high: number }) => [i.low, i.high];

graded({
  name: "normalInterval: p̂ ± z·√(p̂(1 − p̂)/n), clipped to [0, 1]",
  points: 3,
  hint: "p̂ = correct / n; half-width z·√(p̂(1 − p̂)/n); clip the ends to [0, 1]. Lesson 11, " +
    "'One test evaluation, with its interval'.",
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
  name: "wilsonInterval: the Wilson score interval, inside [0, 1] without clipping",
  points: 4,
  hint: "(p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). At correct = n the upper end " +
    "is 1 and the lower end stays below 1. Lesson 11, 'One test evaluation, with its interval'.",
}, () => {
  for (const c of cases.intervals.wilson) {
    expectNumbers({
      input: `wilsonInterval(${c.correct}, ${c.n}, ${c.z}) as [low, high]`,
      actual: () => pair(wilsonInterval(c.correct, c.n, c.z)),
      expected: pair(c.expected),
      abs: 1e-12, // a closed form: only rounding can differ
    });
  }
});

graded({
  name: "wilsonInterval, normalInterval: refuse counts that are not a proportion's",
  points: 1,
  hint: "Throw a RangeError unless n is an integer >= 1 and correct an integer from 0 to n.",
}, () => {
  // The last cases are seeded random: the grade of record holds them out. Their answers first.
  const wilson = cases.intervals.wilson.at(-1)!, normal = cases.intervals.normal.at(-1)!;
  expectNumbers({
    input: `wilsonInterval(${wilson.correct}, ${wilson.n}, ${wilson.z}) as [low, high]`,
    actual: () => pair(wilsonInterval(wilson.correct, wilson.n, wilson.z)),
    expected: pair(wilson.expected),
    abs: 1e-12,
  });
  expectNumbers({
    input: `normalInterval(${normal.correct}, ${normal.n}, ${normal.z}) as [low, high]`,
    actual: () => pair(normalInterval(normal.correct, normal.n, normal.z)),
    expected: pair(normal.expected),
    abs: 1e-12,
  });
  for (const { correct, n } of cases.intervals.invalid) {
    for (
      const [name, f] of [["wilsonInterval", wilsonInterval], [
        "normalInterval",
        normalInterval,
      ]] as const
    ) {
      expectThrows({ input: `${name}(${correct}, ${n}, 1.96)`, actual: () => f(correct, n, 1.96) });
    }
  }
});

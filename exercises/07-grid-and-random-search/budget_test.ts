import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import { expectedMaxPerformance, incumbentCurve } from "./budget.ts";

/** Case files hold NaN and ±Infinity as { "number": "NaN" }: decoded here. */
const decode = (list: readonly unknown[]) =>
  list.map((v) =>
    typeof v === "object" && v !== null ? Number((v as { number: string }).number) : v as number
  );

graded({
  name: "incumbentCurve: best so far, skipping diverged runs, never going down",
  points: 2,
  hint: "Keep the best finite score seen so far. Math.max(best, NaN) is NaN, so one diverged " +
    "run would poison every later entry; before any finite score the entry is NaN. Lesson 07, " +
    "'Expected best score for a budget'.",
}, () => {
  for (const c of cases.budget.incumbent) {
    const scores = decode(c.scores);
    expectNumbers({
      // Joined, not JSON: JSON has no NaN (it would print null, or "NaN" as a string).
      input: `incumbentCurve([${scores.join(", ")}])`,
      actual: () => incumbentCurve(scores),
      expected: decode(c.expected),
      rel: 0,
    });
  }
});

graded({
  name: "expectedMaxPerformance: the lesson's example and 10 searches with ties",
  points: 3,
  hint:
    "Sort ascending; E = Σ v_i · ((i/N)^n − ((i−1)/N)^n), i from 1 to N (Dodge et al., 2019): " +
    "(i/N)^n is the chance that all n draws, with replacement, are among the i lowest. For " +
    "n = 1 it is the mean.",
}, () => {
  for (const c of cases.budget.expectedMax) {
    // A sum of at most 40 products: rounding stays far below 1e-12 of the result.
    expectNumber({
      input: `expectedMaxPerformance(${JSON.stringify(c.scores)}, ${c.n})`,
      actual: () => expectedMaxPerformance(c.scores, c.n),
      expected: c.expected,
      rel: 1e-12,
    });
  }
});

graded({
  name: "expectedMaxPerformance: refuses no scores, a non-finite score and a bad n",
  points: 1,
  hint: "Throw a RangeError when there is nothing to draw from, when a score is NaN or " +
    "infinite (the expectation would be too), or when n is not an integer >= 1.",
}, () => {
  // The first seeded random case (after the lesson's four): the grade of record holds it out.
  const c = cases.budget.expectedMax[4];
  expectNumber({
    input: `expectedMaxPerformance(${JSON.stringify(c.scores)}, ${c.n})`,
    actual: () => expectedMaxPerformance(c.scores, c.n),
    expected: c.expected,
    rel: 1e-12,
  });
  for (const bad of cases.budget.invalid) {
    const scores = decode(bad.scores);
    expectThrows({
      input: `expectedMaxPerformance([${scores.join(", ")}], ${bad.n})  // ${bad.why}`,
      actual: () => expectedMaxPerformance(scores, bad.n),
    });
  }
});

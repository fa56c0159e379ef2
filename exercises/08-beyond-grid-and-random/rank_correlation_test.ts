import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { averageRanks, spearman } from "./rank_correlation.ts";

graded({
  name: "averageRanks: ranks from 1, ties share the mean of their ranks",
  points: 2,
  hint: "Sort the positions by value; a run of k equal values at sorted positions p … p+k−1 " +
    "(from 0) all get rank p + (k + 1) / 2. Lesson 08, 'Does a short run predict a long one?'.",
}, () => {
  for (const c of cases.rankCorrelation.ranks) {
    expectNumbers({
      input: `averageRanks(${JSON.stringify(c.values)})`,
      actual: () => averageRanks(c.values),
      expected: c.expected,
      rel: 0,
    });
  }
});

graded({
  name: "spearman: the lesson's examples and 15 samples with many ties",
  points: 3,
  hint: "Pearson's correlation of the average ranks. With ties, 1 − 6Σd²/(n(n²−1)) is NOT " +
    "Spearman's rho: it assumes distinct ranks.",
}, () => {
  for (const c of cases.rankCorrelation.spearman) {
    // A handful of sums of at most 40 terms: rounding far below 1e-12.
    expectNumber({
      input: `spearman(${JSON.stringify(c.x)}, ${JSON.stringify(c.y)})`,
      actual: () => spearman(c.x, c.y),
      expected: c.expected,
      rel: 1e-12,
      abs: 1e-15,
    });
  }
});

graded({
  name: "spearman: refuses different lengths, a single pair and a constant sample",
  points: 1,
  hint: "Throw a RangeError: a correlation needs two samples of the same length, at least 2, " +
    "each with some spread.",
}, () => {
  // The last pair is seeded random (the lesson's three come first): the grade of record holds it out.
  const c = cases.rankCorrelation.spearman[cases.rankCorrelation.spearman.length - 1];
  expectNumber({
    input: `spearman(${JSON.stringify(c.x)}, ${JSON.stringify(c.y)})`,
    actual: () => spearman(c.x, c.y),
    expected: c.expected,
    rel: 1e-12,
  });
  for (const bad of cases.rankCorrelation.invalid) {
    expectThrows({
      input: `spearman(${JSON.stringify(bad.x)}, ${JSON.stringify(bad.y)})  // ${bad.why}`,
      actual: () => spearman(bad.x, bad.y),
    });
  }
});

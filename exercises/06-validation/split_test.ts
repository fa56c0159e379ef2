import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachEqual } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import { largestRemainder, type SplitFractions, stratifiedSplit } from "./split.ts";

const call = (labels: number[], fractions: SplitFractions, seed: number | string) =>
  `stratifiedSplit(${JSON.stringify(labels)}, ${JSON.stringify(fractions)}, ${
    JSON.stringify(seed)
  })`;

graded({
  name: "largestRemainder: floors first, then the largest fractional parts",
  points: 2,
  hint:
    "Quota = total × count / Σ counts. Give every group the floor of its quota, then one more to " +
    "each of the groups with the largest fractional parts (the earlier group on equal parts) until " +
    "the shares add up to total. Lesson 06, 'Stratified splits'.",
}, () => {
  expectEachEqual(cases.largestRemainder, {
    input: (c) => `largestRemainder(${c.total}, ${JSON.stringify(c.counts)})`,
    actual: (c) => largestRemainder(c.total, c.counts),
  });
});

graded({
  name: "stratifiedSplit: the reference rows for each seed",
  points: 3,
  hint: "One random = seededRandom(seed) for the whole split; for each label in ascending order, " +
    "shuffle(that class's rows, random) (not sort, not a new generator per class); its first " +
    "test_c rows go to test, the next validation_c to validation, the rest to train; return each " +
    "part sorted. Lesson 06, 'Stratified splits'.",
}, () => {
  expectEachEqual(cases.stratifiedSplit, {
    input: (c) => `${call(c.labels, c.fractions, c.seed)}  // ${c.note}`,
    actual: (c) => stratifiedSplit(c.labels, c.fractions, c.seed),
  });
});

/** What is wrong with a split of `labels` as a partition; "" when nothing is. */
function partitionProblem(
  labels: number[],
  fractions: SplitFractions,
  split: { train: number[]; validation: number[]; test: number[] },
): string {
  const n = labels.length;
  const seen = new Array<string>(n).fill("");
  for (const part of ["train", "validation", "test"] as const) {
    const rows = split[part];
    if (!Array.isArray(rows)) return `${part} is not an array`;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!(Number.isInteger(r) && r >= 0 && r < n)) return `${part} holds ${r}, not a row index`;
      if (seen[r]) return `row ${r} is in ${seen[r]} and in ${part}: the parts must be disjoint`;
      seen[r] = part;
      if (i > 0 && rows[i - 1] > r) return `${part} is not in ascending order`;
    }
  }
  const missing = seen.indexOf("");
  if (missing >= 0) return `row ${missing} is in no part: the parts must cover every row`;
  for (const part of ["validation", "test"] as const) {
    const size = Math.round(fractions[part] * n);
    if (split[part].length !== size) {
      return `${part} has ${split[part].length} rows, not Math.round(${
        fractions[part]
      } × ${n}) = ${size}`;
    }
    for (const label of new Set(labels)) {
      const classRows = labels.filter((l) => l === label).length;
      const quota = (size * classRows) / n;
      const got = split[part].filter((r) => labels[r] === label).length;
      if (Math.abs(got - quota) >= 1) {
        return `${part} holds ${got} rows of class ${label}, not within 1 of its share ${
          quota.toFixed(2)
        }`;
      }
    }
  }
  return "";
}

graded({
  name: "stratifiedSplit: disjoint, complete, per-class counts within 1, reproducible",
  points: 2,
  hint:
    "Every row in exactly one part; part sizes Math.round(fraction × n); each class's count in a " +
    "part within 1 of part size × class size / n (largestRemainder); the same seed gives the same " +
    "split and another seed (almost always) another one. Lesson 06, 'Stratified splits'.",
}, () => {
  for (const c of cases.stratifiedSplit) {
    const input = call(c.labels, c.fractions, c.seed);
    expectEqual({
      input: `${input}: what is wrong with it as a split`,
      actual: () =>
        partitionProblem(c.labels, c.fractions, stratifiedSplit(c.labels, c.fractions, c.seed)),
      expected: "",
    });
    expectEqual({
      input: `${input}, called twice: the same split?`,
      actual: () =>
        JSON.stringify(stratifiedSplit(c.labels, c.fractions, c.seed)) ===
          JSON.stringify(stratifiedSplit(c.labels, c.fractions, c.seed)),
      expected: true,
    });
  }
  // Iris: 50 rows per class, so two seeds give the same validation rows with negligible odds.
  const iris = cases.stratifiedSplit.find((c) => c.labels.length === 150)!;
  expectEqual({
    input: `${call(iris.labels, iris.fractions, 1)} and the same with seed 2: different splits?`,
    actual: () =>
      JSON.stringify(stratifiedSplit(iris.labels, iris.fractions, 1)) !==
        JSON.stringify(stratifiedSplit(iris.labels, iris.fractions, 2)),
    expected: true,
  });
});

graded({
  name: "stratifiedSplit: refuses bad fractions and classes too small to split",
  points: 1,
  hint:
    "Throw a RangeError when a fraction is outside [0, 1), when validation + test ≥ 1, or when a " +
    "class has fewer rows than its test and validation shares together. Lesson 06, 'Stratified splits'.",
}, () => {
  // The last case is seeded random: the grade of record holds it out.
  const c = cases.stratifiedSplit[cases.stratifiedSplit.length - 1];
  expectEqual({
    input: `${call(c.labels, c.fractions, c.seed)}: what is wrong with it as a split`,
    actual: () =>
      partitionProblem(c.labels, c.fractions, stratifiedSplit(c.labels, c.fractions, c.seed)),
    expected: "",
  });
  const labels = [0, 0, 1, 1, 0, 1];
  for (
    const fractions of [{ validation: 0.5, test: 0.5 }, { validation: -0.1, test: 0.2 }, {
      validation: 0.2,
      test: 1,
    }, { validation: NaN, test: 0.2 }]
  ) {
    expectThrows({
      input: call(labels, fractions, 1),
      actual: () => stratifiedSplit(labels, fractions, 1),
    });
  }
  // Three classes of one row: the one test row and the one validation row both go to class 0.
  expectThrows({
    input: call([0, 1, 2], { validation: 0.34, test: 0.34 }, 1),
    actual: () => stratifiedSplit([0, 1, 2], { validation: 0.34, test: 0.34 }, 1),
  });
});

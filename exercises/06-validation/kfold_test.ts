import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachEqual } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import { type Fold, kFold, stratifiedKFold } from "./kfold.ts";

/** What is wrong with `folds` as k-fold cross-validation of n rows; "" when nothing is. */
function foldsProblem(folds: Fold[], n: number, k: number): string {
  if (!Array.isArray(folds) || folds.length !== k) return `expected an array of ${k} folds`;
  const count = new Array<number>(n).fill(0);
  const sizes: number[] = [];
  for (let f = 0; f < k; f++) {
    const { train, validation } = folds[f];
    if (!Array.isArray(train) || !Array.isArray(validation)) {
      return `fold ${f} needs train and validation arrays`;
    }
    for (const r of validation) {
      if (!(Number.isInteger(r) && r >= 0 && r < n)) return `fold ${f} validates on ${r}`;
      count[r]++;
    }
    const inValidation = new Set(validation);
    const expectedTrain = Array.from({ length: n }, (_, i) => i).filter((i) =>
      !inValidation.has(i)
    );
    if (JSON.stringify(train) !== JSON.stringify(expectedTrain)) {
      return `fold ${f}'s train rows are not every other row, in ascending order`;
    }
    if (validation.some((r, i) => i > 0 && validation[i - 1] >= r)) {
      return `fold ${f}'s validation rows are not in ascending order`;
    }
    sizes.push(validation.length);
  }
  const r = count.findIndex((c) => c !== 1);
  if (r >= 0) return `row ${r} is in ${count[r]} validation folds, not exactly 1`;
  if (Math.max(...sizes) - Math.min(...sizes) > 1) {
    return `validation fold sizes ${sizes.join(", ")} differ by more than 1`;
  }
  return "";
}

graded({
  name: "kFold: scikit-learn's KFold folds, in order",
  points: 2,
  hint:
    "Contiguous validation blocks in order; the first n mod k blocks have ⌊n/k⌋ + 1 rows, the " +
    "others ⌊n/k⌋ (not the last block bigger, not ⌈n/k⌉ everywhere); train = all other rows, " +
    "ascending. Lesson 06, 'K-fold cross-validation'.",
}, () => {
  expectEachEqual(cases.kFold, {
    input: (c) => `kFold(${c.n}, ${c.k}).map((f) => f.validation)`,
    actual: (c) => kFold(c.n, c.k).map((f) => f.validation),
    expected: (c) => c.validation,
  });
});

graded({
  name: "kFold: every row in exactly one validation fold, sizes within 1",
  points: 1,
  hint:
    "Each fold's train rows are exactly the rows not in its validation fold; over the k folds " +
    "every row is validated once; fold sizes differ by at most 1. Lesson 06, 'K-fold cross-validation'.",
}, () => {
  for (const c of cases.kFold) {
    expectEqual({
      input: `kFold(${c.n}, ${c.k}): what is wrong with it`,
      actual: () => foldsProblem(kFold(c.n, c.k), c.n, c.k),
      expected: "",
    });
  }
});

graded({
  name: "stratifiedKFold: scikit-learn's StratifiedKFold folds, in order",
  points: 3,
  hint:
    "Number the classes by first appearance; deal the labels sorted by that number round-robin " +
    "to folds 0, 1, …, k − 1 to get each fold's count per class; then give each class's rows, in " +
    "ascending order, to fold 0, then fold 1, … in blocks of those counts. Lesson 06, " +
    "'Stratified k-fold'.",
}, () => {
  for (const c of cases.stratifiedKFold) {
    expectEqual({
      input: `stratifiedKFold(${
        JSON.stringify(c.labels)
      }, ${c.k}).map((f) => f.validation)  // ${c.note}`,
      actual: () => stratifiedKFold(c.labels, c.k).map((f) => f.validation),
      expected: c.validation,
    });
  }
});

graded({
  name: "stratifiedKFold: a partition, class counts per fold within 1",
  points: 1,
  hint: "Every row validated once, train = the other rows, fold sizes within 1, and each class's " +
    "count in any two folds within 1. Lesson 06, 'Stratified k-fold'.",
}, () => {
  for (const c of cases.stratifiedKFold) {
    const input = `stratifiedKFold(${JSON.stringify(c.labels)}, ${c.k})`;
    expectEqual({
      input: `${input}: what is wrong with it`,
      actual: () => {
        const folds = stratifiedKFold(c.labels, c.k);
        const problem = foldsProblem(folds, c.labels.length, c.k);
        if (problem) return problem;
        for (const label of new Set(c.labels)) {
          const counts = folds.map((f) => f.validation.filter((r) => c.labels[r] === label).length);
          if (Math.max(...counts) - Math.min(...counts) > 1) {
            return `class ${label} has ${counts.join(", ")} rows in the folds`;
          }
        }
        return "";
      },
      expected: "",
    });
  }
});

graded({
  name: "kFold and stratifiedKFold: refuse impossible k",
  points: 1,
  hint:
    "Throw a RangeError unless k is an integer with 2 ≤ k ≤ the number of rows; stratifiedKFold " +
    "also when every class has fewer than k rows. Lesson 06, 'K-fold cross-validation'.",
}, () => {
  // The last case is seeded random: the grade of record holds it out.
  const c = cases.kFold[cases.kFold.length - 1];
  expectEqual({
    input: `kFold(${c.n}, ${c.k}): what is wrong with it`,
    actual: () => foldsProblem(kFold(c.n, c.k), c.n, c.k),
    expected: "",
  });
  for (const [n, k] of [[5, 1], [5, 6], [10, 2.5], [4, 0]]) {
    expectThrows({ input: `kFold(${n}, ${k})`, actual: () => kFold(n, k) });
  }
  for (const [labels, k] of [[[0, 0, 1, 1], 3], [[0, 1, 0, 1], 1], [[0, 0, 0], 4]] as const) {
    expectThrows({
      input: `stratifiedKFold(${JSON.stringify(labels)}, ${k})`,
      actual: () => stratifiedKFold(labels, k),
    });
  }
});

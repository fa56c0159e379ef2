import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import { crossValidate, meanAndSd, pairedDifference } from "./cross_validate.ts";

// Sums of a few numbers and one square root: any correct order of operations agrees to 1e-12.
const REL = 1e-12, ABS = 1e-15;

graded({
  name: "meanAndSd: the mean and the sample standard deviation (n − 1)",
  points: 1,
  hint:
    "sd = √(Σ(x − mean)² / (n − 1)), as NumPy's std(ddof=1); a single value has sd 0; throw a " +
    "RangeError on []. Lesson 06, 'Seeds and spread'.",
}, () => {
  for (const c of cases.meanAndSd) {
    for (const key of ["mean", "sd"] as const) {
      expectNumber({
        input: `meanAndSd(${JSON.stringify(c.values)}).${key}`,
        actual: () => meanAndSd(c.values)[key],
        expected: c.expected[key],
        rel: REL,
        abs: ABS,
      });
    }
  }
  expectThrows({ input: "meanAndSd([])", actual: () => meanAndSd([]) });
});

graded({
  name: "pairedDifference: mean ± sd of the differences, pair by pair",
  points: 1,
  hint:
    "Subtract seed by seed, a[i] − b[i], then meanAndSd of the differences (not the difference " +
    "of the two sds); throw a RangeError when the lengths differ. Lesson 06, 'Seeds and spread'.",
}, () => {
  for (const c of cases.pairedDifference) {
    for (const key of ["mean", "sd"] as const) {
      expectNumber({
        input: `pairedDifference(${JSON.stringify(c.a)}, ${JSON.stringify(c.b)}).${key}`,
        actual: () => pairedDifference(c.a, c.b)[key],
        expected: c.expected[key],
        rel: REL,
        abs: ABS,
      });
    }
  }
  expectThrows({
    input: "pairedDifference([1, 2], [1])",
    actual: () => pairedDifference([1, 2], [1]),
  });
});

graded({
  name: "crossValidate: evaluates every fold once, in order, and averages",
  points: 2,
  hint:
    "Call evaluate(config, fold) for each fold in order (the fold itself, not its index); score " +
    "and loss are the means over the folds, scoreSd the sample sd of the scores; a NaN fold makes " +
    "the mean NaN. Lesson 06, 'K-fold cross-validation'.",
}, () => {
  for (const c of cases.crossValidate) {
    // The reference's folds, from the cases: your kFold has tests of its own (kfold_test.ts).
    const folds = c.folds.map((f) => ({ train: [...f.train], validation: [...f.validation] }));
    const byFirst = new Map(c.table.map((row) => [row.first, row]));
    const input =
      `crossValidate(config, <the ${c.k} folds of kFold(${c.n}, ${c.k})>, evaluate)  // ${c.note}; ` +
      `evaluate gives, by first validation row: ${JSON.stringify(c.table)}`;
    const seen: number[] = [];
    const evaluate = (config: string, fold: { validation: number[] }) => {
      if (config !== "config") throw new Error(`evaluate got config ${config}`);
      seen.push(fold.validation[0]);
      const row = byFirst.get(fold.validation[0]);
      if (!row) throw new Error(`evaluate got a fold that is not one of the folds`);
      return { score: Number(row.score), loss: Number(row.loss) };
    };
    let result: ReturnType<typeof crossValidate> | undefined;
    for (const key of ["score", "loss", "scoreSd"] as const) {
      expectNumber({
        input: `${input}.${key}`,
        actual: () => (result ??= crossValidate("config", folds, evaluate))[key],
        expected: Number(c.expected[key]),
        rel: REL,
        abs: ABS,
      });
    }
    expectEqual({
      input: `the first validation row of each fold evaluate saw, in order`,
      actual: () => seen,
      expected: c.table.map((row) => row.first),
    });
  }
});

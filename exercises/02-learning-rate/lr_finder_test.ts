import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { type FunctionSpec, objectiveOf } from "./functions.ts";
import { rangeTest, type RangeTestResult } from "./lr_finder.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Learning rates are a closed form (relative 1e-12); losses come from a run (relative 1e-10).

interface RangeCase {
  fn: FunctionSpec;
  x0: number[];
  options: { lrMin: number; lrMax: number; steps: number };
  lrs: number[];
  losses: number[];
  suggestedLr: number;
}

function checkRuns(list: RangeCase[]): void {
  for (const c of list) {
    const input = `rangeTest(${JSON.stringify(c.fn)}, ${JSON.stringify(c.x0)}, ${
      JSON.stringify(c.options)
    })`;
    let r: RangeTestResult | undefined;
    expectNumbers({
      input: `${input}.lrs`,
      actual: () => (r = rangeTest(objectiveOf(c.fn), c.x0, c.options)).lrs,
      expected: c.lrs,
      rel: 1e-12,
    });
    expectNumbers({
      input: `${input}.losses`,
      actual: () => r!.losses,
      expected: c.losses,
      rel: 1e-10,
      abs: 1e-300,
    });
    expectNumber({
      input: `${input}.suggestedLr`,
      actual: () => r!.suggestedLr,
      expected: c.suggestedLr,
      rel: 1e-12,
    });
  }
}

graded(
  {
    name: "rangeTest: the lesson's sweep",
    points: 2,
    hint:
      "lr_k = lrMin·(lrMax/lrMin)^(k/(steps − 1)); record the loss after each step; stop before a loss above 4 × the best; suggest the best loss's lr / 10. See 'The learning-rate range test' in lesson 02.",
  },
  () =>
    checkRuns([...cases.rangeTest.lesson, ...cases.rangeTest.random.slice(0, 3)] as RangeCase[]),
);

graded({
  name: "rangeTest: random quadratics and sweeps",
  points: 2,
  hint:
    "The step that breaks the 4 × best rule is not recorded; ties for the lowest loss go to the first. See 'The learning-rate range test' in lesson 02.",
}, () => checkRuns(cases.rangeTest.random as RangeCase[]));

graded({
  name: "rangeTest: invalid settings",
  points: 1,
  hint:
    "Throw unless 0 < lrMin < lrMax (both finite), steps is a whole number ≥ 2 and x0 is not empty; throw too when the very first loss is not finite. See 'The learning-rate range test' in lesson 02.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkRuns(cases.rangeTest.random.slice(0, 3) as RangeCase[]);
  const bowl = objectiveOf({ name: "quadratic", curvatures: [2] });
  const bad = [
    { lrMin: 0, lrMax: 1, steps: 10 },
    { lrMin: 1, lrMax: 0.1, steps: 10 },
    { lrMin: -1e-3, lrMax: 1, steps: 10 },
    { lrMin: 1e-3, lrMax: 1, steps: 1 },
    { lrMin: 1e-3, lrMax: 1, steps: 7.5 },
  ];
  expectNumber({
    input: "rangeTest(½·2x², [1], { lrMin: 0.01, lrMax: 0.1, steps: 2 }).suggestedLr",
    actual: () => rangeTest(bowl, [1], { lrMin: 0.01, lrMax: 0.1, steps: 2 }).suggestedLr,
    expected: 0.01,
    rel: 1e-12,
  });
  const bad2 = [
    ...bad,
    { lrMin: 1e-3, lrMax: Infinity, steps: 10 },
    { lrMin: NaN, lrMax: 1, steps: 10 },
  ];
  const empty = objectiveOf({ name: "quadratic", curvatures: [] }); // f = 0 on the empty point
  expectThrows({
    input: "rangeTest(f() = 0, [], { lrMin: 0.001, lrMax: 1, steps: 10 })",
    actual: () => rangeTest(empty, [], { lrMin: 1e-3, lrMax: 1, steps: 10 }),
  });
  expectThrows({
    input:
      "rangeTest(½·2x², [1], { lrMin: 1e300, lrMax: 1e301, steps: 10 }) (the first loss overflows)",
    actual: () => rangeTest(bowl, [1], { lrMin: 1e300, lrMax: 1e301, steps: 10 }),
  });
  for (const options of bad2) {
    expectThrows({
      input: `rangeTest(½·2x², [1], ${JSON.stringify(options)})`,
      actual: () => rangeTest(bowl, [1], options),
    });
  }
});

graded({
  name: "rangeTest: where the sweep stops, and x0 left alone",
  points: 1,
  hint:
    "Stop at a loss that is not finite (NaN is not > 4 × best, so test it apart) or strictly above 4 × the best; a loss of exactly 4 × best is recorded. Work on a copy of x0. See 'The learning-rate range test' in lesson 02.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkRuns(cases.rangeTest.random.slice(0, 3) as RangeCase[]);
  // f(x) = x² from x = 1: lr 0.25 takes x to 0.5 (loss 0.25), lr 0.25·6 = 1.5 to −1 (loss 1 =
  // exactly 4 × 0.25): every number here is exact in binary floating point.
  const bowl = objectiveOf({ name: "quadratic", curvatures: [2] });
  const x0 = [1];
  let r: RangeTestResult | undefined;
  expectNumbers({
    input: "rangeTest(x², [1], { lrMin: 0.25, lrMax: 1.5, steps: 2 }).losses",
    actual: () => (r = rangeTest(bowl, x0, { lrMin: 0.25, lrMax: 1.5, steps: 2 })).losses,
    expected: [0.25, 1],
    rel: 1e-12,
  });
  expectNumbers({
    input: "rangeTest(x², [1], { lrMin: 0.25, lrMax: 1.5, steps: 2 }).lrs",
    actual: () => r!.lrs,
    expected: [0.25, 1.5],
    rel: 1e-12,
  });
  expectNumbers({
    input: "x0 after rangeTest(x², x0 = [1], …)",
    actual: () => x0,
    expected: [1],
    rel: 0,
  });
  // f(x) = x for x ≥ 0, NaN below; ∇f = 1. From x = 1 with lr 0.1, 0.1·√10, 1 the third step
  // lands below 0: its NaN loss stops the sweep unrecorded.
  const ramp = { f: (x: readonly number[]) => (x[0] >= 0 ? x[0] : NaN), grad: () => [1] };
  const lr1 = 0.1 * 10 ** 0.5;
  expectNumbers({
    input: "rangeTest(x ≥ 0 ? x : NaN, [1], { lrMin: 0.1, lrMax: 1, steps: 3 }).lrs",
    actual: () => rangeTest(ramp, [1], { lrMin: 0.1, lrMax: 1, steps: 3 }).lrs,
    expected: [0.1, lr1],
    rel: 1e-12,
  });
  expectNumbers({
    input: "rangeTest(x ≥ 0 ? x : NaN, [1], { lrMin: 0.1, lrMax: 1, steps: 3 }).losses",
    actual: () => rangeTest(ramp, [1], { lrMin: 0.1, lrMax: 1, steps: 3 }).losses,
    expected: [0.9, 0.9 - lr1],
    rel: 1e-12,
  });
});

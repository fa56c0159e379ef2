import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { type FunctionSpec, objectiveOf } from "./functions.ts";
import { rangeTest, type RangeTestResult } from "./lr_finder.ts";

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

graded({
  name: "rangeTest: the lesson's sweep",
  points: 2,
  hint:
    "lr_k = lrMin·(lrMax/lrMin)^(k/(steps − 1)); record the loss after each step; stop before a loss above 4 × the best; suggest the best loss's lr / 10. See 'The learning-rate range test' in lesson 02.",
}, () => checkRuns(cases.rangeTest.lesson as RangeCase[]));

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
    "Throw unless 0 < lrMin < lrMax and steps is a whole number ≥ 2. See 'The learning-rate range test' in lesson 02.",
}, () => {
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
  for (const options of bad) {
    expectThrows({
      input: `rangeTest(½·2x², [1], ${JSON.stringify(options)})`,
      actual: () => rangeTest(bowl, [1], options),
    });
  }
});

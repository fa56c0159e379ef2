import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { floorLog, halvingPlan, hyperbandPlan } from "./halving_plan.ts";

const show = (o: unknown) => JSON.stringify(o);

graded({
  name: "floorLog: exact integer logarithms, including the powers a float log gets wrong",
  points: 2,
  hint: "Count how many times you can multiply by the base and stay <= x. " +
    "Math.floor(Math.log(1000) / Math.log(10)) is 2, because the quotient is " +
    "2.9999999999999996. Lesson 08, 'Hyperband'.",
}, () => {
  for (const c of cases.floorLog.cases) {
    expectEqual({
      input: `floorLog(${c.x}, ${c.base})`,
      actual: () => floorLog(c.x, c.base),
      expected: c.expected,
    });
  }
  for (const bad of cases.floorLog.invalid) {
    expectThrows({
      input: `floorLog(${bad.x}, ${bad.base})  // ${bad.why}`,
      actual: () => floorLog(bad.x, bad.base),
    });
  }
});

graded({
  name: "halvingPlan: 81@1 … 1@81, its costs (405 and 297) and 19 other plans",
  points: 4,
  hint: "n_i = floor(n / eta^i) configurations at r_i = floor(R / eta^(rungs-1-i)) epochs; " +
    "both round DOWN. From scratch: sum of n_i * r_i; with resume: sum of n_i * (r_i - r_(i-1)). " +
    "Without `rungs`, floorLog(n, eta) + 1. Lesson 08, 'Successive halving'.",
}, () => {
  for (const c of cases.plans.cases) {
    expectEqual({
      input: `halvingPlan(${show(c.options)})`,
      actual: () => halvingPlan(c.options),
      expected: c.expected,
    });
  }
});

graded({
  name: "halvingPlan: refuses a plan whose first budget is 0 or whose last rung is empty",
  points: 1,
  hint: "Throw a RangeError when n < 1, eta < 2, or when R < eta^(rungs-1) or n < eta^(rungs-1).",
}, () => {
  // The first seeded random plan (after the lesson's five): the grade of record holds it out.
  const c = cases.plans.cases[5];
  expectEqual({
    input: `halvingPlan(${show(c.options)})`,
    actual: () => halvingPlan(c.options),
    expected: c.expected,
  });
  for (const bad of cases.plans.invalid) {
    expectThrows({
      input: `halvingPlan(${show(bad.options)})  // ${bad.why}`,
      actual: () => halvingPlan(bad.options),
    });
  }
});

graded({
  name: "hyperbandPlan: the paper's R = 81, eta = 3 table and 8 others, bracket by bracket",
  points: 5,
  hint: "s_max = floorLog(R, eta) (integers, not Math.log); bracket s from s_max down to 0 " +
    "starts n = ceil((s_max + 1) * eta^s / (s + 1)) configurations and is halvingPlan with " +
    "rungs: s + 1. A float ceiling of 5 * 27 / 4 is fine, a float log is not. Lesson 08, 'Hyperband'.",
}, () => {
  // The lesson's nine, then three seeded random settings the grade of record holds out.
  for (const c of [...cases.plans.hyperband, ...cases.plans.hyperbandRandom]) {
    expectEqual({
      input: `hyperbandPlan(${c.maxBudget}, ${c.eta})`,
      actual: () => hyperbandPlan(c.maxBudget, c.eta),
      expected: c.expected,
    });
  }
});

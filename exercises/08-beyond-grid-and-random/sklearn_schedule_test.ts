import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { floorLog } from "./halving_plan.ts";
import { type HalvingOptions, halvingSchedule } from "./sklearn_schedule.ts";

const show = (o: unknown) => JSON.stringify(o);

/**
 * The integer logarithm passed to halvingSchedule: the reference's answer for every logarithm the
 * reference takes (your floorLog for any other). So these tests grade halvingSchedule alone; a
 * mistake in floorLog costs points in floorLog's tests (halving_plan_test.ts) only.
 */
const referenceLogs = new Map(
  cases.halvingSchedule.logs.map(([x, base, value]) => [`${x}/${base}`, value]),
);
const log = (x: number, base: number) => referenceLogs.get(`${x}/${base}`) ?? floorLog(x, base);

graded({
  name: "halvingSchedule: n_candidates_ and n_resources_ of 26 HalvingRandomSearchCV settings",
  points: 5,
  hint: "Follow lesson 08's steps in order: candidates, required = 1 + log(candidates, " +
    "factor), resolve min 'exhaust' with it, possible = 1 + log(floor(max / min), factor) " +
    "(log is the second parameter: the tests pass the reference's answers), " +
    "iterations = min(possible, required) unless aggressive; candidates shrink by ceil(n / " +
    "factor); aggressive elimination replays the first budget. Lesson 08, 'scikit-learn's " +
    "HalvingRandomSearchCV'.",
}, () => {
  for (const c of cases.halvingSchedule.cases) {
    expectEqual({
      input: `halvingSchedule(${show(c.options)}, log)`,
      actual: () => halvingSchedule(c.options as HalvingOptions, log),
      expected: c.expected,
    });
  }
});

graded({
  name: "halvingSchedule: refuses both 'exhaust', min > max and a factor below 2",
  points: 1,
  hint: "scikit-learn refuses n_candidates and min_resources both 'exhaust'; min_resources " +
    "above max_resources leaves nothing to run.",
}, () => {
  // The first seeded random setting (after the lesson's six): the grade of record holds it out.
  const c = cases.halvingSchedule.cases[6];
  expectEqual({
    input: `halvingSchedule(${show(c.options)}, log)`,
    actual: () => halvingSchedule(c.options as HalvingOptions, log),
    expected: c.expected,
  });
  for (const bad of cases.halvingSchedule.invalid) {
    expectThrows({
      input: `halvingSchedule(${show(bad.options)}, log)  // ${bad.why}`,
      actual: () => halvingSchedule(bad.options as HalvingOptions, log),
    });
  }
});

import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { type HalvingOptions, halvingSchedule } from "./sklearn_schedule.ts";

const show = (o: unknown) => JSON.stringify(o);

graded({
  name: "halvingSchedule: n_candidates_ and n_resources_ of 26 HalvingRandomSearchCV settings",
  points: 5,
  hint: "Follow lesson 08's steps in order: candidates, required = 1 + floorLog(candidates, " +
    "factor), resolve min 'exhaust' with it, possible = 1 + floorLog(floor(max / min), factor), " +
    "iterations = min(possible, required) unless aggressive; candidates shrink by ceil(n / " +
    "factor); aggressive elimination replays the first budget. Lesson 08, 'scikit-learn's " +
    "HalvingRandomSearchCV'.",
}, () => {
  for (const c of cases.halvingSchedule.cases) {
    expectEqual({
      input: `halvingSchedule(${show(c.options)})`,
      actual: () => halvingSchedule(c.options as HalvingOptions),
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
    input: `halvingSchedule(${show(c.options)})`,
    actual: () => halvingSchedule(c.options as HalvingOptions),
    expected: c.expected,
  });
  for (const bad of cases.halvingSchedule.invalid) {
    expectThrows({
      input: `halvingSchedule(${show(bad.options)})  // ${bad.why}`,
      actual: () => halvingSchedule(bad.options as HalvingOptions),
    });
  }
});

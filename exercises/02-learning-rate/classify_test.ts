import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachEqual } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { classifyLossCurve } from "./classify.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

interface CurveCase {
  losses: number[];
  expected: string;
}

/** A curve for a failure message: long ones shortened to their start and end. */
const showCurve = (losses: number[]) =>
  losses.length > 12
    ? `[${losses.slice(0, 6).join(", ")}, … ${losses.length} values … ${losses.at(-1)}]`
    : JSON.stringify(losses);

function checkCurves(list: CurveCase[]): void {
  expectEachEqual(list, {
    input: (c) => `classifyLossCurve(${showCurve(c.losses)})`,
    actual: (c) => classifyLossCurve(c.losses),
  });
}

graded({
  name: "classifyLossCurve: the lesson's four runs",
  points: 2,
  hint:
    "Apply the four rules in order: diverging, oscillating, too slow, converging. See 'Reading a loss curve' in lesson 02.",
}, () => checkCurves([...cases.classify.lesson, ...cases.classify.random.slice(0, 3)]));

graded({
  name: "classifyLossCurve: many shapes of curve",
  points: 3,
  hint:
    "Diverging: last > first. Oscillating: 4·(number of rises) ≥ n. Too slow: losses[⌊n/2⌋] − losses[n] > 0.1·(losses[0] − losses[n]), or no progress. See 'Reading a loss curve' in lesson 02.",
}, () => checkCurves(cases.classify.random));

graded({
  name: "classifyLossCurve: curves exactly on a rule's threshold",
  points: 1,
  hint:
    "Oscillating is 4·rises ≥ n (equal counts); the middle is losses[⌊n/2⌋] (round down); too slow needs strictly more than 10% of the decrease. See 'Reading a loss curve' in lesson 02.",
}, () => checkCurves([...cases.classify.boundary, ...cases.classify.random.slice(0, 3)]));

graded({
  name: "classifyLossCurve: NaN, Infinity, flat curves and too few values",
  points: 1,
  hint:
    "Any non-finite loss means diverging; a curve that never moves is too slow; fewer than 2 values throws. See 'Reading a loss curve' in lesson 02.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkCurves(cases.classify.random.slice(0, 3));
  expectEqual({
    input: "classifyLossCurve([1, 0.5, NaN])",
    actual: () => classifyLossCurve([1, 0.5, NaN]),
    expected: "diverging",
  });
  expectEqual({
    input: "classifyLossCurve([1, 0.5, Infinity])",
    actual: () => classifyLossCurve([1, 0.5, Infinity]),
    expected: "diverging",
  });
  expectEqual({
    input: "classifyLossCurve([1, Infinity, 0.5, 0.2])",
    actual: () => classifyLossCurve([1, Infinity, 0.5, 0.2]),
    expected: "diverging",
  });
  expectEqual({
    input: "classifyLossCurve([1, 0.5, -Infinity])",
    actual: () => classifyLossCurve([1, 0.5, -Infinity]),
    expected: "diverging",
  });
  expectEqual({
    input: "classifyLossCurve([2, 2, 2, 2])",
    actual: () => classifyLossCurve([2, 2, 2, 2]),
    expected: "too slow",
  });
  expectEqual({
    input: "classifyLossCurve([1, 0.1, 0.01, 0.001, 0.0001])",
    actual: () => classifyLossCurve([1, 0.1, 0.01, 0.001, 0.0001]),
    expected: "converging",
  });
  expectThrows({ input: "classifyLossCurve([1])", actual: () => classifyLossCurve([1]) });
  expectThrows({ input: "classifyLossCurve([])", actual: () => classifyLossCurve([]) });
});

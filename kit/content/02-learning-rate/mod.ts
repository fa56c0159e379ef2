/**
 * Lesson 02's generator: graded-test cases, tables, quoted numbers and figures, all computed by
 * `solutions/02-learning-rate/` (and, for the range test on a real network, lesson 05's MLP).
 * One module per solution file, and one for the MLP range test; each owns its cases, tables,
 * numbers and figures.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { seededRandom } from "../../lib/random.ts";
import { gradientDescentCases, gradientDescentTopic } from "./gradient_descent.ts";
import { momentumCases, momentumTopic } from "./momentum.ts";
import { classifyCases } from "./classify.ts";
import { rangeTestCases, rangeTestTopic } from "./lr_finder.ts";
import { mlpRangeTest } from "./mlp_range_test.ts";

/**
 * Every topic's cases. The random ones come from one seeded stream, drawn topic after topic in
 * this order, as the case file was first written: a stream per topic would redraw every random
 * case.
 */
function cases() {
  const r = seededRandom("02-cases");
  return {
    ...gradientDescentCases(r),
    ...momentumCases(r),
    ...classifyCases(r),
    ...rangeTestCases(r),
  };
}

/** Lesson 02's cases, README regions, values and figures. */
export const content: LessonContent = assembleLesson([
  { cases },
  gradientDescentTopic,
  momentumTopic,
  rangeTestTopic,
  mlpRangeTest,
]);

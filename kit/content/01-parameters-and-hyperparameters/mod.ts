/**
 * Lesson 01's generator: graded-test cases and every number printed in the lesson, all computed
 * by the reference solutions. One module per solution file; each owns its cases, tables and
 * figures.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { seededRandom } from "../../lib/random.ts";
import { countParametersCases, countParametersTopic } from "./count_parameters.ts";
import { searchSpaceCases, searchSpaceTopic } from "./search_space.ts";
import { gridTimeCases, gridTimeTopic } from "./grid_time.ts";
import { classifyCases, classifyTopic } from "./classify.ts";

/**
 * Every topic's cases. The random ones come from one seeded stream, drawn topic after topic in
 * this order, as the case file was first written: a stream per topic would redraw every random
 * case.
 */
function cases() {
  const random = seededRandom("lesson-01");
  return {
    ...countParametersCases(random),
    ...searchSpaceCases(random),
    ...gridTimeCases(random),
    ...classifyCases(random),
  };
}

/** Lesson 01's cases, README regions and figure. */
export const content: LessonContent = assembleLesson([
  { cases },
  countParametersTopic,
  searchSpaceTopic,
  gridTimeTopic,
  classifyTopic,
]);

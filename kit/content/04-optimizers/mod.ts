/**
 * Lesson 04's generator: graded cases, the worked steps, the Keras comparison and the optimizer
 * comparison, all computed by `solutions/04-optimizers/optimizers.ts`. The solution is one file
 * of six optimizers, so the topics are the optimizers (each owns its cases and the tables about
 * it), the changing-rate cases, the worked example and the comparison.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { sgdTopic } from "./sgd.ts";
import { adagradTopic } from "./adagrad.ts";
import { adadeltaTopic } from "./adadelta.ts";
import { rmspropTopic } from "./rmsprop.ts";
import { adamTopic } from "./adam.ts";
import { adamwTopic } from "./adamw.ts";
import { scheduleTopic } from "./schedule.ts";
import { worked } from "./worked.ts";
import { comparisonTopic } from "./comparison.ts";

/** Lesson 04's cases (in the order of the case file), README regions, values and figures. */
export const content: LessonContent = assembleLesson([
  sgdTopic,
  adagradTopic,
  adadeltaTopic,
  rmspropTopic,
  adamTopic,
  adamwTopic,
  scheduleTopic,
  worked,
  comparisonTopic,
]);

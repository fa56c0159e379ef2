/**
 * Lesson 05's generator: graded-test cases, the tables and figures of the lesson, all computed
 * by the reference MLP in `solutions/05-mlp-from-scratch/`. One module per solution file (each
 * owns its cases and the tables about it) and one per experiment of the lesson.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { dense } from "./dense.ts";
import { activations } from "./activations.ts";
import { softmaxTopic } from "./softmax.ts";
import { gradcheck } from "./gradcheck.ts";
import { mlp } from "./mlp.ts";
import { training } from "./train.ts";
import { initialisation } from "./initialisation.ts";
import { sanity } from "./sanity.ts";
import { synthetic } from "./synthetic.ts";

/** Lesson 05's cases, README regions, values and figures (cases in the order of the file). */
export const content: LessonContent = assembleLesson([
  dense,
  activations,
  softmaxTopic,
  gradcheck,
  mlp,
  training,
  initialisation,
  sanity,
  synthetic,
]);

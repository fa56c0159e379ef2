/**
 * Lesson 06's generator: the graded cases, the tables, quoted numbers and figures of the lesson,
 * computed by `solutions/06-validation/` and, for the experiments, by networks trained through
 * `kit/engine` on `data/`. One module per topic.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { splits } from "./splits.ts";
import { folds } from "./folds.ts";
import { scaling } from "./scaling.ts";
import { stopping } from "./stopping.ts";
import { selection } from "./selection.ts";

/** Lesson 06's cases, README regions, values and figures. */
export const content: LessonContent = assembleLesson([splits, folds, scaling, stopping, selection]);

/**
 * Lesson 11's generator: the graded cases (`./cases.ts`) and the worked capstone run of the
 * README (`./worked.ts`), read from the committed results of `deno task experiment lesson-11`.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { capstoneCases } from "./cases.ts";
import { workedRun } from "./worked.ts";

/** Lesson 11's cases, README regions, values and figures. */
export const content: LessonContent = assembleLesson([{ cases: capstoneCases }, workedRun]);

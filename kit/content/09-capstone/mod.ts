/**
 * Lesson 09's generator: the graded cases (`./cases.ts`) and the worked capstone run of the
 * README (`./worked.ts`), read from the committed results file.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { capstoneCases } from "./cases.ts";

/** Lesson 09's cases, README regions, values and figures. */
export const content: LessonContent = { cases: capstoneCases };

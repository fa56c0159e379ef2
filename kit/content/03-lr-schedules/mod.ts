/**
 * Lesson 03's generator: the graded cases, every number of the lesson's tables and errata, and
 * a figure of every schedule, all computed by `solutions/03-lr-schedules/`. One module per
 * family of schedules, mirroring the solution's files; each owns its cases, tables, quoted
 * numbers and figures.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { assembleLesson } from "../assemble.ts";
import { decays } from "./decays.ts";
import { cosine } from "./cosine.ts";
import { cyclical } from "./cyclical.ts";
import { warmup } from "./warmup.ts";
import { plateau } from "./plateau.ts";

/** Lesson 03's cases, README regions, values and figures. */
export const content: LessonContent = assembleLesson([decays, cosine, cyclical, warmup, plateau]);

/**
 * Lesson 09's generator: graded cases (`./cases.ts`), the pictures and tables of the text
 * (`./text.ts`), and the digits experiments' tables and figures, read from the committed
 * results of `deno task experiment lesson-09` (`./results.ts`; the experiments themselves are in
 * `./experiment.ts` and never run during `sync`).
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { cases } from "./cases.ts";
import * as text from "./text.ts";
import * as experiments from "./results.ts";

/** The lesson's generator. */
export const content: LessonContent = {
  cases,
  blocks: { ...text.blocks, ...experiments.blocks },
  values: { ...text.values, ...experiments.values },
  figures: { ...text.figures, ...experiments.figures },
};

/**
 * Lesson 10's generator: graded cases (`./asha_cases.ts`, `./median_cases.ts`,
 * `./pbt_cases.ts`), the worked examples of the text (`./text.ts`), and the experiments' tables
 * and figures, read from the committed results of `deno task experiment lesson-10`
 * (`./results.ts`; the experiments themselves are in `./experiment.ts` and never run during
 * `sync`).
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { ashaCases } from "./asha_cases.ts";
import { medianCases } from "./median_cases.ts";
import { clockCases, pbtCases } from "./pbt_cases.ts";
import * as text from "./text.ts";
import * as experiments from "./results.ts";

/** The lesson's generator. */
export const content: LessonContent = {
  cases: () => ({
    ashaNextJob: ashaCases(),
    medianStopping: medianCases(),
    pbt: pbtCases(),
    clock: clockCases(),
  }),
  blocks: { ...text.blocks, ...experiments.blocks },
  values: { ...text.values, ...experiments.values },
  figures: experiments.figures,
};

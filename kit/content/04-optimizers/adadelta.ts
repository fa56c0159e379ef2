/**
 * Lesson 04, `adadelta`: cases at the defaults and with every option drawn at random.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { logUniform, uniform } from "../../lib/random.ts";
import { lessonCase, maybe, randomCases } from "./shared.ts";

/** AdaDelta's cases. */
export const adadeltaTopic: LessonContent = {
  cases: () => {
    const adadeltaAll = [
      lessonCase("AdaDelta"),
      ...randomCases("04-adadelta-defaults", 3, () => ({ name: "adadelta", options: {} })),
      ...randomCases("04-adadelta-options", 10, (r) => ({
        name: "adadelta",
        options: {
          lr: maybe(r, 0.7, () => logUniform(r, 0.1, 10)),
          rho: maybe(r, 0.7, () => uniform(r, 0.5, 0.99)),
          eps: maybe(r, 0.7, () => logUniform(r, 1e-4, 0.1)),
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
        },
      })),
    ];
    return { adadelta: { all: adadeltaAll } };
  },
};

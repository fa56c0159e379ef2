/**
 * Lesson 04, `adagrad`: cases at the defaults and with every option drawn at random.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { logUniform, uniform } from "../../lib/random.ts";
import { defaultsCase, lessonCase, maybe, randomCases } from "./shared.ts";

/** AdaGrad's cases: defaults, then every option. */
export const adagradTopic: LessonContent = {
  cases: () => {
    const adagradDefaults = [
      defaultsCase({ name: "adagrad", options: {} }),
      lessonCase("AdaGrad"),
      ...randomCases("04-adagrad-defaults", 5, () => ({ name: "adagrad", options: {} })),
    ];
    const adagradOptions = randomCases(
      "04-adagrad-options",
      12,
      (r) => ({
        name: "adagrad",
        options: {
          lr: logUniform(r, 0.01, 1),
          lrDecay: maybe(r, 0.6, () => uniform(r, 0.05, 1)),
          initialAccumulatorValue: maybe(r, 0.6, () => uniform(r, 0.05, 2)),
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
          eps: maybe(r, 0.6, () => logUniform(r, 0.05, 1)),
        },
      }),
    );
    return { adagrad: { defaults: adagradDefaults, options: adagradOptions } };
  },
};

/**
 * Lesson 04, `rmsprop`: plain, momentum and centred cases.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { logUniform, uniform } from "../../lib/random.ts";
import { defaultsCase, maybe, randomCases } from "./shared.ts";

/** RMSprop's cases: plain, with momentum, centred. */
export const rmspropTopic: LessonContent = {
  cases: () => {
    const rmspropPlain = [
      defaultsCase({ name: "rmsprop", options: {} }),
      ...randomCases("04-rmsprop-plain", 10, (r) => ({
        name: "rmsprop",
        options: {
          lr: logUniform(r, 0.001, 0.1),
          alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.999)),
          eps: maybe(r, 0.6, () => logUniform(r, 0.01, 1)),
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
        },
      })),
    ];
    const rmspropMomentum = randomCases(
      "04-rmsprop-momentum",
      10,
      (r) => ({
        name: "rmsprop",
        options: {
          lr: logUniform(r, 0.001, 0.05),
          alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.999)),
          eps: maybe(r, 0.5, () => logUniform(r, 0.01, 1)),
          momentum: uniform(r, 0.5, 0.95),
          weightDecay: maybe(r, 0.3, () => uniform(r, 0.01, 0.5)),
        },
      }),
    );
    const rmspropCentered = randomCases(
      "04-rmsprop-centered",
      10,
      (r) => ({
        name: "rmsprop",
        options: {
          lr: logUniform(r, 0.001, 0.05),
          alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.99)),
          eps: maybe(r, 0.5, () => logUniform(r, 0.01, 1)),
          momentum: maybe(r, 0.5, () => uniform(r, 0.5, 0.95)),
          centered: true,
        },
      }),
    );
    return {
      rmsprop: { plain: rmspropPlain, momentum: rmspropMomentum, centered: rmspropCentered },
    };
  },
};

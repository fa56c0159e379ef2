/**
 * Lesson 04, `sgd`: plain, momentum and Nesterov cases on the worked example and on seeded
 * random quadratics.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { uniform } from "../../lib/random.ts";
import { lessonCase, maybe, randomCases, stableLr } from "./shared.ts";

/** SGD's cases: plain, with momentum, with Nesterov momentum. */
export const sgdTopic: LessonContent = {
  cases: () => {
    const sgdPlain = [
      lessonCase("SGD"),
      ...randomCases("04-sgd-plain", 8, (r, m) => ({
        name: "sgd",
        options: {
          lr: stableLr(r, m),
          weightDecay: maybe(r, 0.5, () => uniform(r, 0.01, 0.5)),
        },
      })),
    ];
    const sgdMomentum = [
      lessonCase("SGD, momentum 0.9"),
      ...randomCases("04-sgd-momentum", 10, (r, m) => ({
        name: "sgd",
        options: {
          lr: stableLr(r, m) / 2,
          momentum: uniform(r, 0.5, 0.95),
          dampening: r() < 0.7 ? uniform(r, 0.1, 0.9) : undefined,
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
        },
      })),
    ];
    const sgdNesterov = [
      lessonCase("SGD, Nesterov 0.9"),
      ...randomCases("04-sgd-nesterov", 8, (r, m) => ({
        name: "sgd",
        options: {
          lr: stableLr(r, m) / 2,
          momentum: uniform(r, 0.5, 0.95),
          nesterov: true,
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
        },
      })),
    ];
    return { sgd: { plain: sgdPlain, momentum: sgdMomentum, nesterov: sgdNesterov } };
  },
};

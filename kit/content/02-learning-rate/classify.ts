/**
 * Lesson 02, classifying loss curves (`solutions/02-learning-rate/classify.ts`): the four runs'
 * labels, seeded random curves of every shape, and curves exactly on a rule's threshold.
 *
 * @module
 */

import { integer, logUniform, type Random, uniform } from "../../lib/random.ts";
import { fourRuns } from "./gradient_descent.ts";
import { classifyLossCurve } from "../../../solutions/02-learning-rate/classify.ts";

function randomCurve(r: Random): number[] {
  const n = integer(r, 4, 40);
  const kind = integer(r, 0, 5);
  const start = logUniform(r, 0.1, 100);
  const floor = r() < 0.5 ? 0 : uniform(r, 0, start / 2);
  const out = [start];
  let value = start;
  const rate = kind === 0
    ? uniform(r, 0.3, 0.9)
    : kind === 1
    ? uniform(r, 0.95, 0.999)
    : uniform(r, 0.5, 1.2);
  for (let k = 1; k <= n; k++) {
    if (kind <= 1) value = floor + (value - floor) * rate; // geometric decay: fast or crawling
    else if (kind === 2) value = value * uniform(r, 1.05, 1.6); // growth
    else if (kind === 3) value = floor + (value - floor) * rate * (k % 2 === 0 ? 1.6 : 0.6); // zigzag
    else if (kind === 4) value = Math.max(floor, value - uniform(r, 0, start / n)); // linear crawl
    else value = value * uniform(r, 0.6, 1.15); // noisy
    out.push(value);
  }
  return out;
}

/**
 * `classifyLossCurve`'s cases, the random ones drawn from `r` (the lesson's one stream: see
 * `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { classifyCases } from "./classify.ts";
 * const { classify } = classifyCases(seededRandom("demo"));
 * assert.deepEqual(
 *   classify.lesson.map((c) => c.expected),
 *   ["diverging", "oscillating", "converging", "too slow"],
 * );
 * assert.equal(classify.random.length, 60);
 * ```
 */
export function classifyCases(r: Random) {
  const cLesson = fourRuns().map((run) => ({ losses: run.losses, expected: run.behaviour }));
  const cRandom = Array.from({ length: 60 }, () => {
    const losses = randomCurve(r);
    return { losses, expected: classifyLossCurve(losses) };
  });
  return {
    classify: {
      lesson: cLesson,
      random: cRandom,
      // Curves exactly on a rule's threshold (the arithmetic is exact in binary floating point):
      // 4 · rises = n is oscillating; n = 5 reads losses[⌊5/2⌋] = losses[2], not losses[3];
      // a second half that did exactly 10% of the decrease is not "too slow".
      boundary: [
        [1, 0.5, 0.6, 0.2, 0.1],
        [1, 0.5, 0.3, 0.12, 0.11, 0.1],
        [1, 0.5, 0.1, 0.05, 0],
        [1, 0.75, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0],
      ].map((losses) => ({ losses, expected: classifyLossCurve(losses) })),
    },
  };
}

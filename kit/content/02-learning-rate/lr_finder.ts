/**
 * Lesson 02, the learning-rate range test (`solutions/02-learning-rate/lr_finder.ts`) on the
 * lesson function: its graded cases, the sweep's summary, its flat stretch and its figure.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { integer, logUniform, type Random, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { LESSON, lossesOf, randomQuadratic, STEPS, SUP, sweepSeries, X0 } from "./shared.ts";
import { lessonMinimum } from "./gradient_descent.ts";
import { type FunctionSpec, objectiveOf } from "../../../solutions/02-learning-rate/functions.ts";
import { gradientDescent } from "../../../solutions/02-learning-rate/gradient_descent.ts";
import { classifyLossCurve } from "../../../solutions/02-learning-rate/classify.ts";
import { rangeTest } from "../../../solutions/02-learning-rate/lr_finder.ts";

const RANGE_OPTIONS = { lrMin: 1e-4, lrMax: 10, steps: 100 };

/**
 * `rangeTest`'s cases, the random ones drawn from `r` (the lesson's one stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { rangeTestCases } from "./lr_finder.ts";
 * const { rangeTest } = rangeTestCases(seededRandom("demo"));
 * assert.equal(rangeTest.lesson.length, 1);
 * assert.equal(rangeTest.random.length, 12);
 * for (const c of rangeTest.random) assert.equal(c.fn.name, "quadratic");
 * ```
 */
export function rangeTestCases(r: Random) {
  const rangeCase = (
    fn: FunctionSpec,
    x0: number[],
    options: { lrMin: number; lrMax: number; steps: number },
  ) => {
    const res = rangeTest(objectiveOf(fn), x0, options);
    return { fn, x0, options, ...res };
  };
  const rLesson = [rangeCase(LESSON, X0, RANGE_OPTIONS)];
  const rRandom = Array.from({ length: 12 }, () => {
    const fn = randomQuadratic(r);
    const x0 = fn.curvatures.map(() => uniform(r, -5, 5));
    const lrMin = logUniform(r, 1e-6, 1e-3);
    return rangeCase(fn, x0, { lrMin, lrMax: logUniform(r, 1, 100), steps: integer(r, 10, 80) });
  });
  return { rangeTest: { lesson: rLesson, random: rRandom } };
}

let cachedRange: ReturnType<typeof rangeTest> | undefined;
const rangeResult = () => cachedRange ??= rangeTest(objectiveOf(LESSON), X0, RANGE_OPTIONS);

function rangeBlock(): string {
  const r = rangeResult();
  const i = r.losses.indexOf(Math.min(...r.losses));
  return [
    `- sweep: ${RANGE_OPTIONS.steps} steps from lr = ${RANGE_OPTIONS.lrMin} to ${RANGE_OPTIONS.lrMax}, starting at x = ${
      X0[0]
    };`,
    `- the sweep recorded ${r.lrs.length} steps before the loss passed 4 × its lowest value (last lr recorded: ${
      formatNumber(r.lrs.at(-1)!, SUP)
    });`,
    `- lowest loss ${formatNumber(r.losses[i], { digits: 5, exponent: "sup" })} at lr ≈ ${
      formatNumber(r.lrs[i], SUP)
    }, step ${i};`,
    `- suggested learning rate: ${
      formatNumber(r.suggestedLr, SUP)
    }, which \`classifyLossCurve\` labels **${
      classifyLossCurve(
        lossesOf(LESSON, gradientDescent(objectiveOf(LESSON).grad, X0, r.suggestedLr, STEPS)),
      )
    }** over ${STEPS} steps.`,
  ].join("\n");
}

/** Within this of the lowest loss, the toy's range-test curve counts as flat. */
const FLAT = 1e-7;

/** The stretch of the toy's sweep whose loss is within {@link FLAT} of the lowest. */
function flatStretch() {
  const r = rangeResult();
  const best = Math.min(...r.losses);
  const flat = r.lrs.filter((_, k) => r.losses[k] - best < FLAT);
  const tied = r.lrs.filter((_, k) => r.losses[k] === best);
  // The rate of the step that stopped the sweep (not recorded), against the stability limit.
  const { lrMin, lrMax, steps } = RANGE_OPTIONS;
  const stopLr = lrMin * (lrMax / lrMin) ** (r.lrs.length / (steps - 1));
  return {
    from: Math.min(...flat),
    to: Math.max(...flat),
    tied: tied.length,
    tiedFrom: tied[0],
    tiedTo: tied.at(-1)!,
    stopRatio: stopLr / (2 / lessonMinimum().curvature),
  };
}

function rangeFigure(): Promise<string> {
  const r = rangeResult();
  return lineChart({
    title: "Learning-rate range test on the lesson function",
    xLabel: "learning rate (log scale)",
    yLabel: "loss after the step",
    logX: true,
    logY: true,
    series: sweepSeries(r),
  });
}

/** The range test's summary, figure and quoted numbers (its cases come through `mod.ts`). */
export const rangeTestTopic: LessonContent = {
  blocks: { "range-test": rangeBlock },
  values: {
    "range-flat-from": () => formatNumber(flatStretch().from, { digits: 2 }),
    "range-flat-to": () => formatNumber(flatStretch().to, { digits: 2 }),
    "range-flat-tolerance": () => formatNumber(FLAT),
    "range-tied": () => String(flatStretch().tied),
    "range-tied-from": () => formatNumber(flatStretch().tiedFrom, { digits: 2 }),
    "range-tied-to": () => formatNumber(flatStretch().tiedTo, { digits: 2 }),
    "range-stop-ratio": () => formatNumber(flatStretch().stopRatio, { digits: 2 }),
  },
  figures: { "range-test": rangeFigure },
};

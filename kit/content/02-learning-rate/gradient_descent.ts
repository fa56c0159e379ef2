/**
 * Lesson 02, gradient descent (`solutions/02-learning-rate/gradient_descent.ts`): its graded
 * cases, the four runs on the lesson function (table and figure), the lesson function's minimum
 * and the quadratic's stability table.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { integer, type Random, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { LESSON, lossesOf, randomQuadratic, STEPS, SUP, X0 } from "./shared.ts";
import { type FunctionSpec, objectiveOf } from "../../../solutions/02-learning-rate/functions.ts";
import { gradientDescent } from "../../../solutions/02-learning-rate/gradient_descent.ts";
import { classifyLossCurve } from "../../../solutions/02-learning-rate/classify.ts";

/** One learning rate per behaviour, on the lesson function from x = 4. */
const FOUR = [
  { lr: 2.5, label: "very high" },
  { lr: 0.9, label: "high" },
  { lr: 0.3, label: "good" },
  { lr: 0.01, label: "low" },
];

/**
 * The four runs of the lesson, one per behaviour, each with its losses and label.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fourRuns } from "./gradient_descent.ts";
 * assert.deepEqual(
 *   fourRuns().map((run) => run.behaviour),
 *   ["diverging", "oscillating", "converging", "too slow"],
 * );
 * ```
 */
export function fourRuns() {
  return FOUR.map(({ lr, label }) => {
    const path = gradientDescent(objectiveOf(LESSON).grad, X0, lr, STEPS);
    const losses = lossesOf(LESSON, path);
    return { lr, label, path, losses, behaviour: classifyLossCurve(losses) };
  });
}

/**
 * The minimum of the lesson function (Newton's method) and its curvature there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessonMinimum } from "./gradient_descent.ts";
 * const { x, curvature } = lessonMinimum();
 * // The gradient of ½x² + 2·log cosh(x − 1) is x + 2·tanh(x − 1): zero at the minimum.
 * assert.ok(Math.abs(x + 2 * Math.tanh(x - 1)) < 1e-12);
 * assert.ok(Math.abs(curvature - (1 + 2 / Math.cosh(x - 1) ** 2)) < 1e-12);
 * ```
 */
export function lessonMinimum(): { x: number; f: number; curvature: number } {
  let x = 0;
  for (let k = 0; k < 50; k++) {
    const t = Math.tanh(x - 1);
    x -= (x + 2 * t) / (1 + 2 * (1 - t * t));
  }
  const t = Math.tanh(x - 1);
  const curvature = 1 + 2 * (1 - t * t);
  return { x, f: objectiveOf(LESSON).f([x]), curvature };
}

/**
 * `gradientDescent`'s cases, the random ones drawn from `r` (the lesson's one stream: see
 * `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { gradientDescentCases } from "./gradient_descent.ts";
 * const { gradientDescent } = gradientDescentCases(seededRandom("demo"));
 * assert.equal(gradientDescent.lesson.length, 5);
 * assert.equal(gradientDescent.random.length, 20);
 * for (const c of gradientDescent.random) assert.equal(c.path.length, c.steps + 1);
 * ```
 */
export function gradientDescentCases(r: Random) {
  const gdLesson = fourRuns().map((run) => ({
    fn: LESSON,
    x0: X0,
    lr: run.lr,
    steps: STEPS,
    path: run.path,
  }));
  gdLesson.push({
    fn: { name: "quadratic", curvatures: [10] },
    x0: [1],
    lr: 0.15,
    steps: 10,
    path: gradientDescent(objectiveOf({ name: "quadratic", curvatures: [10] }).grad, [1], 0.15, 10),
  });
  const gdRandom = Array.from({ length: 20 }, () => {
    const fn = randomQuadratic(r);
    const x0 = fn.curvatures.map(() => uniform(r, -5, 5));
    const lr = uniform(r, 0.01, 2.2) / Math.max(...fn.curvatures);
    const steps = integer(r, 1, 25);
    return { fn, x0, lr, steps, path: gradientDescent(objectiveOf(fn).grad, x0, lr, steps) };
  });
  return { gradientDescent: { lesson: gdLesson, random: gdRandom } };
}

function fourRunsTable(): string {
  const shown = [0, 1, 2, 5, 10, 20, 30];
  const rows = [
    `| learning rate | ${
      shown.map((k) => `loss at step ${k}`).join(" | ")
    } | x after ${STEPS} steps | label from \`classifyLossCurve\` |`,
    `| --- | ${shown.map(() => "---").join(" | ")} | --- | --- |`,
  ];
  for (const run of fourRuns()) {
    rows.push(
      `| ${run.lr} (${run.label}) | ${
        shown.map((k) => formatNumber(run.losses[k], SUP)).join(" | ")
      } | ${formatNumber(run.path[STEPS][0], SUP)} | ${run.behaviour} |`,
    );
  }
  return rows.join("\n");
}

function fourRunsFigure(): Promise<string> {
  return lineChart({
    title: "Gradient descent on ½x² + 2·log cosh(x − 1) from x = 4",
    xLabel: "step",
    yLabel: "loss",
    logY: true,
    series: fourRuns().map((run) => ({
      name: `lr ${run.lr}: ${run.behaviour}`,
      x: run.losses.map((_, k) => k),
      y: run.losses,
    })),
  });
}

function minimumBlock(): string {
  const m = lessonMinimum();
  return [
    `- minimum at x* ≈ ${formatNumber(m.x, { digits: 6, exponent: "sup" })}, where f(x*) ≈ ${
      formatNumber(m.f, { digits: 6, exponent: "sup" })
    };`,
    `- curvature there f''(x*) ≈ ${
      formatNumber(m.curvature, { digits: 5, exponent: "sup" })
    }, so the largest rate that can settle at the minimum is 2/f''(x*) ≈ ${
      formatNumber(2 / m.curvature, { digits: 4, exponent: "sup" })
    };`,
    `- the curvature is 3 at its highest (x = 1), so every rate below 2/3 ≈ ${
      formatNumber(2 / 3, { digits: 4, exponent: "sup" })
    } makes the loss fall at every step wherever the run starts (the standard bound for a function whose curvature never exceeds 3),`,
    `  and the curvature is 1 far from x = 1, so every rate above 2 diverges from far away.`,
  ].join("\n");
}

function quadraticTable(): string {
  const h = 10, steps = 10;
  const rows = [
    `| lr | lr as a multiple of 1/λ | factor 1 − lr·λ per step | x after ${steps} steps from x = 1 | label |`,
    "| --- | --- | --- | --- | --- |",
  ];
  const spec: FunctionSpec = { name: "quadratic", curvatures: [h] };
  for (const lr of [0.01, 0.05, 0.1, 0.15, 0.19, 0.2, 0.21]) {
    const path = gradientDescent(objectiveOf(spec).grad, [1], lr, steps);
    rows.push(
      `| ${lr} | ${formatNumber(lr * h, SUP)} | ${formatNumber(1 - lr * h, SUP)} | ${
        formatNumber(path[steps][0], SUP)
      } | ${classifyLossCurve(lossesOf(spec, path))} |`,
    );
  }
  return rows.join("\n");
}

/** Gradient descent's tables and figure (its cases come through `mod.ts`). */
export const gradientDescentTopic: LessonContent = {
  blocks: {
    "four-runs": fourRunsTable,
    "lesson-minimum": minimumBlock,
    "quadratic-table": quadraticTable,
  },
  figures: { "four-runs": fourRunsFigure },
};

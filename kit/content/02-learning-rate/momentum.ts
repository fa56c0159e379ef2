/**
 * Lesson 02, momentum (`solutions/02-learning-rate/momentum.ts`): its graded cases, and the
 * valley ½(x² + 100y²) where plain descent zigzags (table, figure and quoted numbers).
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { integer, type Random, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { LESSON, lossesOf, randomQuadratic, SUP, X0 } from "./shared.ts";
import { type FunctionSpec, objectiveOf } from "../../../solutions/02-learning-rate/functions.ts";
import { momentumDescent } from "../../../solutions/02-learning-rate/momentum.ts";
import { classifyLossCurve } from "../../../solutions/02-learning-rate/classify.ts";

/** The momentum section's valley ½(x² + 100y²) and a rate at which plain descent zigzags. */
const VALLEY: FunctionSpec = { name: "quadratic", curvatures: [1, 100] };
const MOMENTUM_LR = 0.018;
const MOMENTUM_STEPS = 300;

/**
 * `momentumDescent`'s cases, the random ones drawn from `r` (the lesson's one stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { momentumCases } from "./momentum.ts";
 * const { momentum } = momentumCases(seededRandom("demo"));
 * assert.deepEqual(momentum.lesson.map((c) => c.beta), [0, 0.5, 0.9, 0, 0.9]);
 * assert.equal(momentum.random.length, 20);
 * ```
 */
export function momentumCases(r: Random) {
  const kappa: FunctionSpec = { name: "quadratic", curvatures: [1, 100] };
  const mLesson = [
    ...[0, 0.5, 0.9].map((beta) => ({ fn: kappa, x0: [1, 1], lr: MOMENTUM_LR, beta, steps: 20 })),
    ...[0, 0.9].map((beta) => ({ fn: LESSON, x0: X0, lr: 0.1, beta, steps: 20 })),
  ].map((c) => ({
    ...c,
    path: momentumDescent(objectiveOf(c.fn).grad, c.x0, c.lr, c.beta, c.steps),
  }));
  const mRandom = Array.from({ length: 20 }, () => {
    const fn = randomQuadratic(r);
    const h = fn.curvatures;
    const x0 = h.map(() => uniform(r, -5, 5));
    const beta = r() < 0.15 ? 0 : uniform(r, 0, 0.99);
    const lr = uniform(r, 0.01, 1.5) / Math.max(...h);
    const steps = integer(r, 1, 25);
    return {
      fn,
      x0,
      lr,
      beta,
      steps,
      path: momentumDescent(objectiveOf(fn).grad, x0, lr, beta, steps),
    };
  });
  return { momentum: { lesson: mLesson, random: mRandom } };
}

/** How many of `losses`' steps from `from` to `to` raise the loss. */
function rises(losses: readonly number[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (losses[k + 1] > losses[k]) n++;
  return n;
}

let cachedMomentum: ReturnType<typeof computeMomentumRuns> | undefined;
const momentumRuns = () => cachedMomentum ??= computeMomentumRuns();

function computeMomentumRuns() {
  return [0, 0.5, 0.9].map((beta) => {
    const path = momentumDescent(
      objectiveOf(VALLEY).grad,
      [1, 1],
      MOMENTUM_LR,
      beta,
      MOMENTUM_STEPS,
    );
    const losses = lossesOf(VALLEY, path);
    const hit = losses.findIndex((l) => l < 1e-6);
    return { beta, losses, hit, label: classifyLossCurve(losses) };
  });
}

function momentumTable(): string {
  const rows = [
    `| β | loss after 50 steps | after 100 | after ${MOMENTUM_STEPS} | first step with loss < 10<sup>-6</sup> | steps that raise the loss | \`classifyLossCurve\` |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const m of momentumRuns()) {
    rows.push(
      `| ${m.beta} | ${formatNumber(m.losses[50], SUP)} | ${formatNumber(m.losses[100], SUP)} | ${
        formatNumber(m.losses[MOMENTUM_STEPS], SUP)
      } | ${m.hit < 0 ? `not within ${MOMENTUM_STEPS}` : m.hit} | ${
        rises(m.losses, 0, MOMENTUM_STEPS)
      } of ${MOMENTUM_STEPS} | ${m.label} |`,
    );
  }
  return rows.join("\n");
}

/** The β = 0.9 run's rising steps in three windows: early, middle, late. */
function momentumRises(): string {
  const losses = momentumRuns().find((m) => m.beta === 0.9)!.losses;
  return `${rises(losses, 0, 50)} of the first 50 steps, ${
    rises(losses, 50, 150)
  } of the next 100 and ${rises(losses, 150, MOMENTUM_STEPS)} of the last 150`;
}

function momentumFigure(): Promise<string> {
  return lineChart({
    title: `½(x² + 100y²) from (1, 1), lr ${MOMENTUM_LR}`,
    xLabel: "step",
    yLabel: "loss",
    logY: true,
    series: momentumRuns().map((m) => ({
      name: `β = ${m.beta}`,
      x: m.losses.map((_, k) => k),
      y: m.losses.map((l) => Math.max(l, 1e-12)),
    })),
  });
}

/** Momentum's table, figure and quoted numbers (its cases come through `mod.ts`). */
export const momentumTopic: LessonContent = {
  blocks: { "momentum-table": momentumTable },
  values: {
    "momentum-lr": () => String(MOMENTUM_LR),
    "momentum-factor-y": () => formatNumber(1 - 100 * MOMENTUM_LR),
    "momentum-factor-x": () => formatNumber(1 - MOMENTUM_LR),
    "momentum-rises": momentumRises,
    "momentum-radius": () => formatNumber(Math.sqrt(0.9), { digits: 3 }),
  },
  figures: { "momentum": momentumFigure },
};

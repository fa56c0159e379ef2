/**
 * Lesson 02's generator: graded cases, the worked runs, the range test and the figures, all
 * computed by `solutions/02-learning-rate/`.
 *
 * @module
 */

import type { LessonContent } from "./types.ts";
import { formatNumber } from "./format.ts";
import { integer, logUniform, type Random, seededRandom, uniform } from "../lib/random.ts";
import { lineChart } from "../lib/plot.ts";
import { type FunctionSpec, objectiveOf } from "../../solutions/02-learning-rate/functions.ts";
import { gradientDescent } from "../../solutions/02-learning-rate/gradient_descent.ts";
import { momentumDescent } from "../../solutions/02-learning-rate/momentum.ts";
import { classifyLossCurve } from "../../solutions/02-learning-rate/classify.ts";
import { rangeTest } from "../../solutions/02-learning-rate/lr_finder.ts";

const LESSON: FunctionSpec = { name: "lesson" };
const X0 = [4];
const STEPS = 30;
/** One learning rate per behaviour, on the lesson function from x = 4. */
const FOUR = [
  { lr: 2.5, label: "very high" },
  { lr: 0.9, label: "high" },
  { lr: 0.3, label: "good" },
  { lr: 0.01, label: "low" },
];

/** Exponents as HTML superscripts, as the lesson's tables print them. */
const SUP = { exponent: "sup" } as const;

const lossesOf = (spec: FunctionSpec, path: number[][]) => path.map((p) => objectiveOf(spec).f(p));

function fourRuns() {
  return FOUR.map(({ lr, label }) => {
    const path = gradientDescent(objectiveOf(LESSON).grad, X0, lr, STEPS);
    const losses = lossesOf(LESSON, path);
    return { lr, label, path, losses, behaviour: classifyLossCurve(losses) };
  });
}

/** The minimum of the lesson function (Newton's method) and its curvature there. */
function lessonMinimum() {
  let x = 0;
  for (let k = 0; k < 50; k++) {
    const t = Math.tanh(x - 1);
    x -= (x + 2 * t) / (1 + 2 * (1 - t * t));
  }
  const t = Math.tanh(x - 1);
  const curvature = 1 + 2 * (1 - t * t);
  return { x, f: objectiveOf(LESSON).f([x]), curvature };
}

function randomSpec(r: Random): FunctionSpec {
  const n = integer(r, 1, 3);
  return { name: "quadratic", curvatures: Array.from({ length: n }, () => logUniform(r, 0.1, 20)) };
}

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

function cases() {
  const r = seededRandom("02-cases");
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
    const fn = randomSpec(r);
    const x0 = (fn as { curvatures: number[] }).curvatures.map(() => uniform(r, -5, 5));
    const lr = uniform(r, 0.01, 2.2) / Math.max(...(fn as { curvatures: number[] }).curvatures);
    const steps = integer(r, 1, 25);
    return { fn, x0, lr, steps, path: gradientDescent(objectiveOf(fn).grad, x0, lr, steps) };
  });
  const kappa: FunctionSpec = { name: "quadratic", curvatures: [1, 100] };
  const mLesson = [
    ...[0, 0.5, 0.9].map((beta) => ({ fn: kappa, x0: [1, 1], lr: 0.01, beta, steps: 20 })),
    ...[0, 0.9].map((beta) => ({ fn: LESSON, x0: X0, lr: 0.1, beta, steps: 20 })),
  ].map((c) => ({
    ...c,
    path: momentumDescent(objectiveOf(c.fn).grad, c.x0, c.lr, c.beta, c.steps),
  }));
  const mRandom = Array.from({ length: 20 }, () => {
    const fn = randomSpec(r);
    const h = (fn as { curvatures: number[] }).curvatures;
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
  const cLesson = fourRuns().map((run) => ({ losses: run.losses, expected: run.behaviour }));
  const cRandom = Array.from({ length: 60 }, () => {
    const losses = randomCurve(r);
    return { losses, expected: classifyLossCurve(losses) };
  });
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
    const fn = randomSpec(r);
    const x0 = (fn as { curvatures: number[] }).curvatures.map(() => uniform(r, -5, 5));
    const lrMin = logUniform(r, 1e-6, 1e-3);
    return rangeCase(fn, x0, { lrMin, lrMax: logUniform(r, 1, 100), steps: integer(r, 10, 80) });
  });
  return {
    gradientDescent: { lesson: gdLesson, random: gdRandom },
    momentum: { lesson: mLesson, random: mRandom },
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
    rangeTest: { lesson: rLesson, random: rRandom },
  };
}

const RANGE_OPTIONS = { lrMin: 1e-4, lrMax: 10, steps: 100 };

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
    } makes the loss fall at every step wherever the run starts (the standard bound for an L-smooth function, L = 3),`,
    `  and the curvature is 1 far from x = 1, so every rate above 2 diverges from far away.`,
  ].join("\n");
}

function quadraticTable(): string {
  const h = 10, steps = 10;
  const rows = [
    `| lr | lr as a multiple of 1/L | factor 1 − lr·L per step | x after ${steps} steps from x = 1 | label |`,
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

function momentumRuns() {
  const spec: FunctionSpec = { name: "quadratic", curvatures: [1, 100] };
  return [0, 0.5, 0.9].map((beta) => {
    const path = momentumDescent(objectiveOf(spec).grad, [1, 1], 0.01, beta, 300);
    const losses = lossesOf(spec, path);
    const hit = losses.findIndex((l) => l < 1e-6);
    return { beta, losses, hit };
  });
}

function momentumTable(): string {
  const rows = [
    "| β | loss after 50 steps | after 100 | after 300 | first step with loss < 10<sup>-6</sup> |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const m of momentumRuns()) {
    rows.push(
      `| ${m.beta} | ${formatNumber(m.losses[50], SUP)} | ${formatNumber(m.losses[100], SUP)} | ${
        formatNumber(m.losses[300], SUP)
      } | ${m.hit < 0 ? "not within 300" : m.hit} |`,
    );
  }
  return rows.join("\n");
}

function momentumFigure(): Promise<string> {
  return lineChart({
    title: "½(x² + 100y²) from (1, 1), lr 0.01",
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

function rangeResult() {
  return rangeTest(objectiveOf(LESSON), X0, RANGE_OPTIONS);
}

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

function rangeFigure(): Promise<string> {
  const r = rangeResult();
  return lineChart({
    title: "Learning-rate range test on the lesson function",
    xLabel: "learning rate (log scale)",
    yLabel: "loss after the step",
    logX: true,
    logY: true,
    series: [{ name: "loss", x: r.lrs, y: r.losses }, {
      name: "suggested lr (lowest-loss lr / 10)",
      x: [r.suggestedLr, r.suggestedLr],
      y: [Math.min(...r.losses), Math.max(...r.losses)],
      dashed: true,
    }],
  });
}

export const content: LessonContent = {
  cases,
  blocks: {
    "four-runs": fourRunsTable,
    "lesson-minimum": minimumBlock,
    "quadratic-table": quadraticTable,
    "momentum-table": momentumTable,
    "range-test": rangeBlock,
  },
  figures: {
    "four-runs": fourRunsFigure,
    "momentum": momentumFigure,
    "range-test": rangeFigure,
  },
};

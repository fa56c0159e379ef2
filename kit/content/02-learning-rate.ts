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
import { createMlp, lossAndGradient } from "../../solutions/05-mlp-from-scratch/mlp.ts";
import { train } from "../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../solutions/04-optimizers/optimizers.ts";
import { digitsSplit } from "./datasets.ts";
import { shuffle } from "../lib/random.ts";

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
    ...[0, 0.5, 0.9].map((beta) => ({ fn: kappa, x0: [1, 1], lr: MOMENTUM_LR, beta, steps: 20 })),
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

/** The momentum section's valley ½(x² + 100y²) and a rate at which plain descent zigzags. */
const VALLEY: FunctionSpec = { name: "quadratic", curvatures: [1, 100] };
const MOMENTUM_LR = 0.018;
const MOMENTUM_STEPS = 300;

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

// --- The range test on a real network: lesson 05's MLP on the digits, one mini-batch per step.

const MLP_SEED = 5;
const MLP_SIZES = [64, 64, 10];
const MLP_BATCH = 32;
const MLP_EPOCHS = 10;
const MLP_RANGE = { lrMin: 1e-4, lrMax: 10, steps: 100 };

function computeMlpRange() {
  const data = digitsSplit(MLP_SEED);
  const rows = data.train.rows, cols = MLP_SIZES[0];
  const net = createMlp({ sizes: MLP_SIZES, activation: "relu", init: "he", seed: MLP_SEED });
  const random = seededRandom("02/mlp-range-test");
  const order = shuffle(Array.from({ length: rows }, (_, i) => i), random);
  let cursor = 0;
  const xb = new Float64Array(MLP_BATCH * cols), yb = new Int32Array(MLP_BATCH);
  // grad: the gradient on the next mini-batch (a fresh shuffle after each pass over the rows);
  // f: the mean loss over every training row, so that the curve shows the rate, not the batch.
  const objective = {
    grad: (params: readonly number[]) => {
      net.params.set(params);
      for (let i = 0; i < MLP_BATCH; i++) {
        if (cursor === rows) {
          cursor = 0;
          shuffle(order, random);
        }
        const row = order[cursor++];
        xb.set(data.train.features.subarray(row * cols, (row + 1) * cols), i * cols);
        yb[i] = data.train.labels[row];
      }
      lossAndGradient(net, xb, yb, MLP_BATCH, {});
      return Array.from(net.grads);
    },
    f: (params: readonly number[]) => {
      net.params.set(params);
      return lossAndGradient(net, data.train.features, data.train.labels, rows, {});
    },
  };
  const sweep = rangeTest(objective, Array.from(net.params), MLP_RANGE);
  const best = sweep.suggestedLr * 10;
  const tried = [
    { lr: sweep.suggestedLr / 10, note: "a tenth of the suggestion" },
    { lr: sweep.suggestedLr, note: "the suggestion (lowest-loss rate / 10)" },
    { lr: best, note: "the lowest-loss rate" },
    { lr: sweep.lrs.at(-1)!, note: "the last rate the sweep recorded" },
  ].map(({ lr, note }) => {
    const fresh = createMlp({ sizes: MLP_SIZES, activation: "relu", init: "he", seed: MLP_SEED });
    const history = train(fresh, data.train, {
      epochs: MLP_EPOCHS,
      batchSize: MLP_BATCH,
      optimizer: sgd({ lr }),
      seed: MLP_SEED,
      validation: data.validation,
    });
    return { lr, note, loss: history.loss.at(-1)!, accuracy: history.validationAccuracy.at(-1)! };
  });
  return { sweep, tried };
}

let cachedMlpRange: ReturnType<typeof computeMlpRange> | undefined;
const mlpRange = () => cachedMlpRange ??= computeMlpRange();

function mlpRangeBlock(): string {
  const { sweep } = mlpRange();
  const i = sweep.losses.indexOf(Math.min(...sweep.losses));
  return [
    `- sweep: ${MLP_RANGE.steps} mini-batches of ${MLP_BATCH} from lr = ${MLP_RANGE.lrMin} to ${MLP_RANGE.lrMax}, plain SGD (no momentum), network ${
      MLP_SIZES.join("-")
    } ReLU with He initialisation;`,
    `- the sweep recorded ${sweep.lrs.length} steps before the loss passed 4 × its lowest value;`,
    `- lowest loss ${formatNumber(sweep.losses[i], SUP)} at lr ≈ ${
      formatNumber(sweep.lrs[i], SUP)
    }, step ${i}; suggested learning rate ${formatNumber(sweep.suggestedLr, SUP)}.`,
  ].join("\n");
}

/** What the 10-epoch runs say about the minimum/10 rule, in words that follow the numbers. */
function mlpRangeVerdict(): string {
  const [, suggested, lowest, last] = mlpRange().tried;
  const better = lowest.accuracy > suggested.accuracy
    ? "trains better still in the same 10 epochs, so minimum/10 is a cautious rule, not an optimum"
    : "does no better in the same 10 epochs, so the tenth costs nothing here";
  const past = last.accuracy < suggested.accuracy
    ? `at the last rate the sweep recorded, a run reaches only ${pct(last.accuracy)}`
    : `even the last rate the sweep recorded reaches ${pct(last.accuracy)}`;
  return `${better}; ${past}`;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function mlpRangeTable(): string {
  const rows = [
    `| lr | which | training loss after ${MLP_EPOCHS} epochs | validation accuracy |`,
    "| --- | --- | --- | --- |",
  ];
  for (const t of mlpRange().tried) {
    rows.push(
      `| ${formatNumber(t.lr, SUP)} | ${t.note} | ${formatNumber(t.loss, SUP)} | ${
        pct(t.accuracy)
      } |`,
    );
  }
  return rows.join("\n");
}

function mlpRangeFigure(): Promise<string> {
  const { sweep } = mlpRange();
  return lineChart({
    title: "Range test on lesson 05's MLP, digits (loss over all training rows)",
    xLabel: "learning rate (log scale)",
    yLabel: "training loss after the step",
    logX: true,
    series: [{ name: "loss", x: sweep.lrs, y: sweep.losses }, {
      name: "suggested lr (lowest-loss lr / 10)",
      x: [sweep.suggestedLr, sweep.suggestedLr],
      y: [Math.min(...sweep.losses), Math.max(...sweep.losses)],
      dashed: true,
    }],
  });
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
    "mlp-range-test": mlpRangeBlock,
    "mlp-range-table": mlpRangeTable,
  },
  values: {
    "momentum-lr": () => String(MOMENTUM_LR),
    "momentum-factor-y": () => formatNumber(1 - 100 * MOMENTUM_LR),
    "momentum-factor-x": () => formatNumber(1 - MOMENTUM_LR),
    "momentum-rises": momentumRises,
    "momentum-radius": () => formatNumber(Math.sqrt(0.9), { digits: 3 }),
    "range-flat-from": () => formatNumber(flatStretch().from, { digits: 2 }),
    "range-flat-to": () => formatNumber(flatStretch().to, { digits: 2 }),
    "range-flat-tolerance": () => formatNumber(FLAT),
    "range-tied": () => String(flatStretch().tied),
    "range-tied-from": () => formatNumber(flatStretch().tiedFrom, { digits: 2 }),
    "range-tied-to": () => formatNumber(flatStretch().tiedTo, { digits: 2 }),
    "range-stop-ratio": () => formatNumber(flatStretch().stopRatio, { digits: 2 }),
    "mlp-range-suggested": () => formatNumber(mlpRange().sweep.suggestedLr, { digits: 3 }),
    "mlp-range-best": () => formatNumber(mlpRange().sweep.suggestedLr * 10, { digits: 3 }),
    "mlp-range-verdict": mlpRangeVerdict,
    "mlp-range-suggested-accuracy": () => pct(mlpRange().tried[1].accuracy),
  },
  figures: {
    "four-runs": fourRunsFigure,
    "momentum": momentumFigure,
    "range-test": rangeFigure,
    "mlp-range-test": mlpRangeFigure,
  },
};

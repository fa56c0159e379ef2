/**
 * Lesson 03, the decays (`solutions/03-lr-schedules/decays.ts`): constant, time-based, step,
 * exponential and natural exponential decay, with the errata that compare each closed form
 * with the recursion or off-by-one form often quoted for it.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { describeConfig, formatNumber, markdownTable } from "../format.ts";
import { integer, logUniform, seededRandom, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import {
  epochDraw,
  lrDraw,
  pick,
  type Point,
  points,
  randomPoints,
  range,
  round4,
  series,
} from "./shared.ts";
import {
  constantLr,
  exponentialDecay,
  type ExponentialDecayConfig,
  naturalExpDecay,
  type NaturalExpDecayConfig,
  stepDecay,
  type StepDecayConfig,
  timeBasedDecay,
  type TimeBasedDecayConfig,
} from "../../../solutions/03-lr-schedules/decays.ts";

const TIME_BASED: TimeBasedDecayConfig = { lr0: 0.001, decay: 0.1 };
const TIME_BASED_EPOCHS = 20;
/** The last rate of the sequence quoted for time-based decay. */
const TIME_BASED_QUOTED_END = 0.000102;
const STEP_HALVING: StepDecayConfig = { lr0: 0.001, gamma: 0.5, stepSize: 20 };
const STEP_TABLE_EPOCHS = [0, 19, 20, 39, 40, 79, 80, 98, 99, 100];
/** The start epoch of the erratum's quoted step decay. */
const STEP_START = 10;
const RECURSIVE_EXP = { lr0: 0.001, k: 0.03, epochs: 50 };
const KERAS_EXP: ExponentialDecayConfig = { lr0: 0.1, decayRate: 0.5, decaySteps: 10 };
const KERAS_EXP_STEPS = [0, 5, 9, 10, 15, 20, 25, 30];

function recursiveTimeBased(config: TimeBasedDecayConfig, epochs: number): number[] {
  const lrs = [config.lr0];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    lrs.push(lrs[epoch - 1] / (1 + config.decay * epoch));
  }
  return lrs;
}

/** lr ← lr · exp(−(epoch + 1) · k) for epoch = 0, 1, …: `lrs[n]` is the rate after n updates. */
function recursiveExponential(lr0: number, k: number, epochs: number): number[] {
  const lrs = [lr0];
  for (let epoch = 0; epoch < epochs; epoch++) lrs.push(lrs[epoch] * Math.exp(-(epoch + 1) * k));
  return lrs;
}

/** The often-quoted step decay, `lr0 · gamma^floor((epoch + 1 − start) / every)`. */
function quotedStepDecay(config: StepDecayConfig, epoch: number): number {
  return config.lr0 *
    config.gamma ** Math.floor((epoch + 1 - (config.startEpoch ?? 0)) / config.stepSize);
}

// Graded cases

function cases() {
  return {
    constantLr: {
      random: randomPoints("03-constant", 20, constantLr, (r) => ({
        config: { lr0: lrDraw(r) },
        epoch: epochDraw(r, 500),
      })),
    },
    timeBasedDecay: {
      lesson: points(timeBasedDecay, TIME_BASED, range(0, TIME_BASED_EPOCHS)),
      random: randomPoints("03-time-based", 40, timeBasedDecay, (r) => ({
        config: { lr0: lrDraw(r), decay: round4(logUniform(r, 1e-4, 1)) },
        epoch: epochDraw(r, 300),
      })),
    },
    stepDecay: {
      lesson: points(stepDecay, STEP_HALVING, STEP_TABLE_EPOCHS),
      boundaries: stepBoundaries(),
      random: randomPoints("03-step-random", 40, stepDecay, (r) => {
        const config: StepDecayConfig = {
          lr0: lrDraw(r),
          gamma: round4(uniform(r, 0.05, 0.95)),
          stepSize: integer(r, 1, 50),
        };
        if (r() < 0.5) config.startEpoch = integer(r, 0, 60);
        return { config, epoch: epochDraw(r, 300) };
      }),
    },
    exponentialDecay: {
      lesson: [
        ...points(exponentialDecay, KERAS_EXP, KERAS_EXP_STEPS),
        ...points(exponentialDecay, { ...KERAS_EXP, staircase: true }, KERAS_EXP_STEPS),
      ],
      continuous: randomPoints("03-exp-continuous", 30, exponentialDecay, (r) => {
        const config: ExponentialDecayConfig = {
          lr0: lrDraw(r),
          decayRate: round4(uniform(r, 0.1, 0.99)),
          decaySteps: integer(r, 1, 1000),
        };
        if (r() < 0.5) config.staircase = false;
        // At most 50 decays: far enough to matter, never underflowing towards 0.
        return { config, epoch: integer(r, 0, 50 * config.decaySteps) };
      }),
      staircase: randomPoints("03-exp-staircase", 30, exponentialDecay, (r) => {
        const decaySteps = integer(r, 2, 1000);
        // Never a multiple of decaySteps: that is where a missing floor shows.
        const step = integer(r, 0, 4) * decaySteps + integer(r, 1, decaySteps - 1);
        return {
          config: {
            lr0: lrDraw(r),
            decayRate: round4(uniform(r, 0.1, 0.99)),
            decaySteps,
            staircase: true,
          },
          epoch: step,
        };
      }),
    },
    naturalExpDecay: {
      lesson: points(
        naturalExpDecay,
        { lr0: RECURSIVE_EXP.lr0, k: RECURSIVE_EXP.k },
        [0, 1, 10, RECURSIVE_EXP.epochs],
      ),
      random: randomPoints("03-natural-exp", 30, naturalExpDecay, (r) => {
        const config: NaturalExpDecayConfig = {
          lr0: lrDraw(r),
          k: round4(logUniform(r, 1e-3, 0.5)),
        };
        return { config, epoch: epochDraw(r, 200) };
      }),
    },
  };
}

/** The epochs just before and at a drop, with and without a start epoch. */
function stepBoundaries(): Point<StepDecayConfig>[] {
  const random = seededRandom("03-step-boundaries");
  const out: Point<StepDecayConfig>[] = [];
  for (let i = 0; i < 12; i++) {
    const config: StepDecayConfig = {
      lr0: lrDraw(random),
      gamma: pick(random, [0.1, 0.2, 0.5, 0.9]),
      stepSize: integer(random, 2, 30),
      startEpoch: i < 4 ? 0 : integer(random, 1, 40),
    };
    const start = config.startEpoch!;
    const k = integer(random, 1, 4);
    const epochs = [
      0,
      start - 1,
      start,
      start + k * config.stepSize - 1,
      start + k * config.stepSize,
    ]
      .filter((e) => e >= 0);
    out.push(...points(stepDecay, config, [...new Set(epochs)]));
  }
  return out;
}

/** The type of lesson 03's case entries for the decays. */
export type DecayCases = ReturnType<typeof cases>;

// Time-based decay: table and erratum

function timeBasedTable(): string {
  const recursive = recursiveTimeBased(TIME_BASED, TIME_BASED_EPOCHS);
  const epochs = [0, 1, 2, 3, 5, 7, 10, 15, 20];
  return `With ${describeConfig(TIME_BASED)}:\n\n` + markdownTable(
    ["epoch", "closed form `lr0 / (1 + decay·epoch)`", "recursion `lr ← lr / (1 + decay·epoch)`"],
    epochs.map((e) => [
      e,
      formatNumber(timeBasedDecay(TIME_BASED, e)),
      formatNumber(recursive[e]),
    ]),
  );
}

function timeBasedValues(): Record<string, () => string> {
  const recursive = () => recursiveTimeBased(TIME_BASED, TIME_BASED_EPOCHS);
  const plain = (x: number, digits: number) => formatNumber(x, { digits, exponent: "never" });
  const reached = () =>
    recursive().findIndex((lr) => Number(lr.toPrecision(3)) === TIME_BASED_QUOTED_END);
  return {
    "time-based-lr0": () => String(TIME_BASED.lr0),
    "time-based-decay": () => String(TIME_BASED.decay),
    "time-based-epochs": () => String(TIME_BASED_EPOCHS),
    "time-based-recursion-1": () => plain(recursive()[1], 2),
    "time-based-recursion-2": () => plain(recursive()[2], 3),
    "time-based-quoted-end": () => plain(TIME_BASED_QUOTED_END, 3),
    "time-based-recursion-reaches": () => plain(recursive()[reached()], 3),
    "time-based-recursion-reached-at": () => String(reached()),
    "time-based-recursion-end": () => formatNumber(recursive()[TIME_BASED_EPOCHS], { digits: 3 }),
    "time-based-closed-end": () =>
      formatNumber(timeBasedDecay(TIME_BASED, TIME_BASED_EPOCHS), { digits: 3 }),
    "time-based-closed-reaches-at": () =>
      String(Math.round((TIME_BASED.lr0 / TIME_BASED_QUOTED_END - 1) / TIME_BASED.decay)),
  };
}

// Step decay: table and erratum

function stepDecayTable(): string {
  return `With ${describeConfig(STEP_HALVING)} (epochs from 0):\n\n` + markdownTable(
    [
      "epoch",
      "`stepDecay` (PyTorch `StepLR`)",
      "quoted form `lr0·γ^floor((epoch + 1 − start)/every)`",
    ],
    STEP_TABLE_EPOCHS.map((e) => [
      e,
      formatNumber(stepDecay(STEP_HALVING, e)),
      formatNumber(quotedStepDecay(STEP_HALVING, e)),
    ]),
  );
}

function stepDecayValues(): Record<string, () => string> {
  const c = STEP_HALVING;
  const withStart = { ...c, startEpoch: STEP_START };
  return {
    "step-drops": () => [1, 2, 3].map((n) => n * c.stepSize).join(", "),
    "step-at-99": () => formatNumber(stepDecay(c, 99)),
    "step-at-100": () => formatNumber(stepDecay(c, 100)),
    "step-quoted-first-drop": () =>
      String(range(0, 200).find((e) => quotedStepDecay(c, e) < c.lr0)),
    "step-quoted-at-99": () => formatNumber(quotedStepDecay(c, 99)),
    "step-start": () => String(STEP_START),
    "step-quoted-before-start": () => formatNumber(quotedStepDecay(withStart, 0)),
    "step-lr0": () => String(c.lr0),
    "step-before-start": () => formatNumber(stepDecay(withStart, 0)),
  };
}

// Exponential decay: table and erratum

function exponentialTable(): string {
  const stairs = { ...KERAS_EXP, staircase: true };
  return `With ${describeConfig(KERAS_EXP)}:\n\n` + markdownTable(
    ["step", "continuous", "staircase"],
    KERAS_EXP_STEPS.map((s) => [
      s,
      formatNumber(exponentialDecay(KERAS_EXP, s)),
      formatNumber(exponentialDecay(stairs, s)),
    ]),
  );
}

function exponentialValues(): Record<string, () => string> {
  const { lr0, k, epochs } = RECURSIVE_EXP;
  return {
    "exponential-lr0": () => String(lr0),
    "exponential-k": () => String(k),
    "exponential-epochs": () => String(epochs),
    "exponential-recursion-end": () =>
      formatNumber(recursiveExponential(lr0, k, epochs)[epochs], { digits: 2 }),
    "exponential-closed-end": () =>
      formatNumber(naturalExpDecay({ lr0, k }, epochs), { digits: 3 }),
  };
}

// Figures

function decaysFigure(): Promise<string> {
  const epochs = range(0, 100);
  const lr0 = 0.1;
  return lineChart({
    title: "Decays over 100 epochs (lr0 = 0.1)",
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      series("constant", epochs, (e) => constantLr({ lr0 }, e)),
      series("time-based, decay = 0.05", epochs, (e) => timeBasedDecay({ lr0, decay: 0.05 }, e)),
      series(
        "step, γ = 0.5 every 20",
        epochs,
        (e) => stepDecay({ lr0, gamma: 0.5, stepSize: 20 }, e),
        { stepped: true },
      ),
      series("exponential, k = 0.03", epochs, (e) => naturalExpDecay({ lr0, k: 0.03 }, e)),
    ],
  });
}

function erratumFigure(): Promise<string> {
  const epochs = range(0, RECURSIVE_EXP.epochs);
  const timeRecursive = recursiveTimeBased(TIME_BASED, RECURSIVE_EXP.epochs);
  const expRecursive = recursiveExponential(
    RECURSIVE_EXP.lr0,
    RECURSIVE_EXP.k,
    RECURSIVE_EXP.epochs,
  );
  return lineChart({
    title: "Closed forms vs. recursive updates (log scale)",
    xLabel: "epoch",
    yLabel: "learning rate",
    logY: true,
    series: [
      series(
        `time-based closed, decay = ${TIME_BASED.decay}`,
        epochs,
        (e) => timeBasedDecay(TIME_BASED, e),
      ),
      { name: "time-based recursion", x: epochs, y: timeRecursive, dashed: true },
      series(
        `exponential closed, k = ${RECURSIVE_EXP.k}`,
        epochs,
        (e) => naturalExpDecay({ lr0: RECURSIVE_EXP.lr0, k: RECURSIVE_EXP.k }, e),
      ),
      { name: "exponential recursion", x: epochs, y: expRecursive, dashed: true },
    ],
  });
}

function stepConventionsFigure(): Promise<string> {
  // The first two drops only, one dot per epoch, so that the one-epoch offset spans ~10 px.
  const epochs = range(0, 2 * STEP_HALVING.stepSize + 5);
  return lineChart({
    title: "Step decay, first two drops: PyTorch StepLR vs. the (epoch + 1) form",
    xLabel: "epoch (from 0; one dot per epoch)",
    yLabel: "learning rate",
    logY: true,
    series: [
      series("stepDecay (StepLR)", epochs, (e) => stepDecay(STEP_HALVING, e), {
        stepped: true,
        points: true,
      }),
      series("lr0·γ^floor((epoch+1)/20)", epochs, (e) => quotedStepDecay(STEP_HALVING, e), {
        stepped: true,
        dashed: true,
        points: true,
      }),
    ],
  });
}

function exponentialFigure(): Promise<string> {
  const steps = range(0, 50);
  return lineChart({
    title: "Keras exponential decay: continuous vs. staircase",
    xLabel: "step",
    yLabel: "learning rate",
    series: [
      series("continuous", steps, (s) => exponentialDecay(KERAS_EXP, s)),
      series("staircase", steps, (s) => exponentialDecay({ ...KERAS_EXP, staircase: true }, s), {
        stepped: true,
      }),
    ],
  });
}

/** The decays' cases, tables, quoted numbers and figures. */
export const decays: LessonContent = {
  cases,
  blocks: {
    "time-based-table": timeBasedTable,
    "step-decay-table": stepDecayTable,
    "exponential-table": exponentialTable,
  },
  values: { ...timeBasedValues(), ...stepDecayValues(), ...exponentialValues() },
  figures: {
    "decays": decaysFigure,
    "closed-vs-recursive": erratumFigure,
    "step-decay-conventions": stepConventionsFigure,
    "exponential": exponentialFigure,
  },
};

/**
 * Lesson 03, cyclical schedules (`solutions/03-lr-schedules/cyclical.ts`): PyTorch's `CyclicLR`
 * in its three modes and `OneCycleLR`.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { describeConfig, formatNumber, markdownTable } from "../format.ts";
import { integer, logUniform, type Random, seededRandom, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import {
  lrDraw,
  pick,
  randomStepPoints,
  range,
  round4,
  series,
  type StepPoint,
  stepPoints,
} from "./shared.ts";
import {
  type CyclicConfig,
  cyclicLr,
  type OneCycleConfig,
  oneCycleLr,
} from "../../../solutions/03-lr-schedules/cyclical.ts";

const CYCLIC_BASE: CyclicConfig = { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 };
const CYCLIC_STEPS = [0, 1000, 2000, 3000, 4000, 6000, 8000, 10000];
const EXP_RANGE_GAMMA = 0.99994;
const ONE_CYCLE: OneCycleConfig = { maxLr: 0.1, totalSteps: 100 };
const ONE_CYCLE_STEPS = [0, 10, 28, 29, 30, 50, 75, 98, 99];

/** The three modes of the lesson's table and figure, by name. */
const CYCLIC_MODES: [string, CyclicConfig][] = [
  ["triangular", CYCLIC_BASE],
  ["triangular2", { ...CYCLIC_BASE, mode: "triangular2" }],
  [`exp_range (γ = ${EXP_RANGE_GAMMA})`, {
    ...CYCLIC_BASE,
    mode: "exp_range",
    gamma: EXP_RANGE_GAMMA,
  }],
];

// Graded cases

/** `CyclicLR` at 30 seeded configurations of one mode. */
function randomCyclic(
  seed: string,
  mode: CyclicConfig["mode"],
  asymmetric: boolean,
): StepPoint<CyclicConfig>[] {
  return randomStepPoints(seed, 30, cyclicLr, (r) => {
    const baseLr = lrDraw(r);
    const config: CyclicConfig = {
      baseLr,
      maxLr: round4(baseLr * uniform(r, 1.5, 20)),
      stepSizeUp: integer(r, 1, 3000),
    };
    // Up and down within a factor of 10 of each other: with extreme ratios, two correct ways
    // of locating the step in its cycle can differ by more than 1e-12.
    if (asymmetric) {
      config.stepSizeDown = integer(
        r,
        Math.ceil(config.stepSizeUp / 10),
        Math.min(3000, config.stepSizeUp * 10),
      );
    }
    if (mode) config.mode = mode;
    if (mode === "exp_range") config.gamma = round4(uniform(r, 0.999, 1));
    const cycle = config.stepSizeUp + (config.stepSizeDown ?? config.stepSizeUp);
    return { config, step: integer(r, 0, 6 * cycle) };
  });
}

/** A one-cycle configuration, two- or three-phase, with no (near) zero-length phase. */
function drawOneCycle(r: Random, threePhase: boolean): OneCycleConfig {
  for (;;) {
    const totalSteps = integer(r, 20, 5000);
    const pctStart = round4(uniform(r, 0.05, threePhase ? 0.45 : 0.95));
    // Skip configurations with a (near) zero-length phase: PyTorch divides by zero there.
    if (pctStart * totalSteps < 2) continue;
    const config: OneCycleConfig = { maxLr: lrDraw(r), totalSteps, pctStart };
    if (r() < 0.5) config.divFactor = round4(uniform(r, 5, 50));
    if (r() < 0.5) config.finalDivFactor = round4(logUniform(r, 10, 1e5));
    if (r() < 0.5) config.annealStrategy = pick(r, ["cos", "linear"] as const);
    if (threePhase) config.threePhase = true;
    return config;
  }
}

/** The steps around each phase's end, for 10 seeded configurations. */
function oneCycleBoundaries(seed: string, threePhase: boolean): StepPoint<OneCycleConfig>[] {
  const r = seededRandom(seed);
  const out: StepPoint<OneCycleConfig>[] = [];
  for (let i = 0; i < 10; i++) {
    const config = drawOneCycle(r, threePhase);
    const T = config.totalSteps;
    const p = config.pctStart!;
    const ends = threePhase ? [p * T - 1, 2 * p * T - 2, T - 1] : [p * T - 1, T - 1];
    const steps = ends.flatMap((e) => [Math.floor(e), Math.ceil(e), Math.floor(e) + 1])
      .concat([0, T]).filter((s) => s >= 0 && s <= T);
    out.push(...stepPoints(oneCycleLr, config, [...new Set(steps)].sort((a, b) => a - b)));
  }
  return out;
}

function cases() {
  const triangular2: CyclicConfig = { ...CYCLIC_BASE, mode: "triangular2" };
  return {
    cyclicLr: {
      triangular: stepPoints(cyclicLr, CYCLIC_BASE, CYCLIC_STEPS),
      triangular2: stepPoints(cyclicLr, triangular2, [...CYCLIC_STEPS, 14000, 18000]),
      expRange: [
        ...stepPoints(
          cyclicLr,
          { ...CYCLIC_BASE, mode: "exp_range", gamma: EXP_RANGE_GAMMA },
          CYCLIC_STEPS,
        ),
        // gamma defaults to 1: exp_range without gamma is the triangular policy.
        ...stepPoints(cyclicLr, { ...CYCLIC_BASE, mode: "exp_range" }, CYCLIC_STEPS),
      ],
      asymmetric: randomCyclic("03-cyclic-asymmetric", "triangular", true),
      random: [
        ...randomCyclic("03-cyclic-triangular", undefined, false),
        ...randomCyclic("03-cyclic-triangular2", "triangular2", false),
        ...randomCyclic("03-cyclic-exp-range", "exp_range", false),
      ],
    },
    oneCycleLr: {
      lesson: stepPoints(oneCycleLr, ONE_CYCLE, ONE_CYCLE_STEPS),
      linear: stepPoints(oneCycleLr, { ...ONE_CYCLE, annealStrategy: "linear" }, ONE_CYCLE_STEPS),
      threePhase: stepPoints(
        oneCycleLr,
        { ...ONE_CYCLE, threePhase: true },
        [0, 29, 44, 58, 59, 80, 99],
      ),
      boundaries: oneCycleBoundaries("03-one-cycle-boundaries", false),
      threePhaseBoundaries: oneCycleBoundaries("03-one-cycle-three-phase", true),
      random: randomStepPoints("03-one-cycle-random", 40, oneCycleLr, (r) => {
        const config = drawOneCycle(r, r() < 0.3);
        return { config, step: integer(r, 0, config.totalSteps) };
      }),
    },
  };
}

/** The type of lesson 03's case entries for the cyclical schedules. */
export type CyclicalCases = ReturnType<typeof cases>;

// Tables

function cyclicTable(): string {
  return `With ${describeConfig(CYCLIC_BASE)} (so a cycle lasts ${
    2 * CYCLIC_BASE.stepSizeUp
  } steps):\n\n` +
    markdownTable(
      ["step", ...CYCLIC_MODES.map(([name]) => name)],
      CYCLIC_STEPS.map((s) => [
        s,
        ...CYCLIC_MODES.map(([, config]) => formatNumber(cyclicLr(config, s))),
      ]),
    );
}

function oneCycleTable(): string {
  const c = ONE_CYCLE;
  const p = 0.3;
  const variants: [string, OneCycleConfig][] = [
    ["cos (default)", c],
    ["linear", { ...c, annealStrategy: "linear" }],
    ["three phases", { ...c, threePhase: true }],
  ];
  return [
    `With ${describeConfig(c)} and PyTorch's defaults (\`pctStart\` = ${p}, \`divFactor\` = 25,`,
    `\`finalDivFactor\` = 1e4): the rate starts at ${formatNumber(c.maxLr / 25)}, peaks at step`,
    `${formatNumber(p * c.totalSteps - 1)} and ends at ${
      formatNumber(c.maxLr / 25 / 1e4)
    } at step ${c.totalSteps - 1}.`,
    "",
    markdownTable(
      ["step", ...variants.map(([name]) => name)],
      ONE_CYCLE_STEPS.map((s) => [
        s,
        ...variants.map(([, config]) => formatNumber(oneCycleLr(config, s))),
      ]),
    ),
  ].join("\n");
}

// Figures

function cyclicFigure(): Promise<string> {
  const steps = range(0, 12000, 20);
  return lineChart({
    title: `Cyclical learning rates (step_size_up = ${CYCLIC_BASE.stepSizeUp})`,
    xLabel: "step (batch)",
    yLabel: "learning rate",
    series: [
      series("triangular", steps, (s) => cyclicLr(CYCLIC_BASE, s)),
      series("triangular2", steps, (s) => cyclicLr({ ...CYCLIC_BASE, mode: "triangular2" }, s)),
      series(
        `exp_range, γ = ${EXP_RANGE_GAMMA}`,
        steps,
        (s) => cyclicLr({ ...CYCLIC_BASE, mode: "exp_range", gamma: EXP_RANGE_GAMMA }, s),
      ),
    ],
  });
}

function oneCycleFigure(): Promise<string> {
  // The table's configuration, so that figure and table show the same horizon.
  const config = ONE_CYCLE;
  const steps = range(0, config.totalSteps - 1);
  return lineChart({
    title: `One-cycle (max_lr = ${config.maxLr}, ${config.totalSteps} steps, pct_start = 0.3)`,
    xLabel: "step (batch)",
    yLabel: "learning rate",
    series: [
      series("cos (default)", steps, (s) => oneCycleLr(config, s)),
      series("linear", steps, (s) => oneCycleLr({ ...config, annealStrategy: "linear" }, s), {
        dashed: true,
      }),
      series("three phases", steps, (s) => oneCycleLr({ ...config, threePhase: true }, s)),
    ],
  });
}

/** The cyclical schedules' cases, tables and figures. */
export const cyclical: LessonContent = {
  cases,
  blocks: { "cyclic-table": cyclicTable, "one-cycle-table": oneCycleTable },
  figures: { "cyclic": cyclicFigure, "one-cycle": oneCycleFigure },
};

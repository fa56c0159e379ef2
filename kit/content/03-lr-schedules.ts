/**
 * Lesson 03's generator: the graded cases, every number of the lesson's tables and errata, and
 * a figure of every schedule, all computed by `solutions/03-lr-schedules/`.
 *
 * @module
 */

import type { Json, LessonContent } from "./types.ts";
import { integer, logUniform, type Random, seededRandom, uniform } from "../lib/random.ts";
import { lineChart, panelChart, type Series } from "../lib/plot.ts";
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
} from "../../solutions/03-lr-schedules/decays.ts";
import {
  cosineAnnealing,
  type CosineAnnealingConfig,
  cosineWarmRestarts,
  type WarmRestartsConfig,
} from "../../solutions/03-lr-schedules/cosine.ts";
import {
  type CyclicConfig,
  cyclicLr,
  type OneCycleConfig,
  oneCycleLr,
} from "../../solutions/03-lr-schedules/cyclical.ts";
import { linearWarmup, type LinearWarmupConfig } from "../../solutions/03-lr-schedules/warmup.ts";
import { type PlateauConfig, reduceOnPlateau } from "../../solutions/03-lr-schedules/plateau.ts";

// ---------------------------------------------------------------------------------------------
// Formatting

/** A number for the text: `digits` significant digits, `e` notation below 0.001. */
function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** Plain decimals with `digits` significant digits, as tutorials print them (0.000758). */
function plain(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/** Rounds a random draw to 4 significant digits, so inputs read well in failure messages. */
function round4(x: number): number {
  return Number(x.toPrecision(4));
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Number((from + i * step).toFixed(6)));
  return out;
}

/** `{ a: 1, b: 2 }` written as `a = 1, b = 2` for captions. */
function describeConfig(config: object): string {
  return Object.entries(config).map(([k, v]) =>
    `\`${k}\` = ${typeof v === "string" ? `"${v}"` : v}`
  )
    .join(", ");
}

// ---------------------------------------------------------------------------------------------
// The lesson's examples (shared by the text, the figures and the graded cases)

const TIME_BASED: TimeBasedDecayConfig = { lr0: 0.001, decay: 0.1 };
const TIME_BASED_EPOCHS = 20;
const STEP_HALVING: StepDecayConfig = { lr0: 0.001, gamma: 0.5, stepSize: 20 };
const STEP_TABLE_EPOCHS = [0, 19, 20, 39, 40, 79, 80, 98, 99, 100];
const RECURSIVE_EXP = { lr0: 0.001, k: 0.03, epochs: 50 };
const KERAS_EXP: ExponentialDecayConfig = { lr0: 0.1, decayRate: 0.5, decaySteps: 10 };
const KERAS_EXP_STEPS = [0, 5, 9, 10, 15, 20, 25, 30];
const COSINE: CosineAnnealingConfig = { lr0: 0.1, tMax: 100, etaMin: 0.001 };
const COSINE_EPOCHS = [0, 10, 25, 50, 75, 90, 99, 100];
const RESTARTS: WarmRestartsConfig = { lr0: 0.1, t0: 10, tMult: 2, etaMin: 0 };
const RESTARTS_EPOCHS = [0, 5, 9, 10, 20, 29, 30, 50, 69, 70];
const CYCLIC_BASE = { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 };
const CYCLIC_STEPS = [0, 1000, 2000, 3000, 4000, 6000, 8000, 10000];
const EXP_RANGE_GAMMA = 0.99994;
const ONE_CYCLE: OneCycleConfig = { maxLr: 0.1, totalSteps: 100 };
const ONE_CYCLE_STEPS = [0, 10, 28, 29, 30, 50, 75, 98, 99];
const WARMUP: LinearWarmupConfig = { lr0: 0.1, startFactor: 0.1, endFactor: 1, totalIters: 5 };
const WARMUP_EPOCHS = [0, 1, 2, 3, 4, 5, 6, 10];
const PLATEAU: PlateauConfig = { lr0: 0.1, factor: 0.5, patience: 3, cooldown: 2, minLr: 0.005 };

/** A validation loss that improves, then stalls: 60 noisy epochs, seeded. */
function plateauLosses(): number[] {
  const random = seededRandom("lesson-03-plateau-losses");
  return range(0, 59).map((t) =>
    Number((0.3 + 0.6 * Math.exp(-t / 6) + 0.03 * (random() - 0.5)).toFixed(3))
  );
}

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

/**
 * PyTorch's `CosineAnnealingWarmRestarts.step(epoch)` transcribed literally, with its
 * floating-point logarithm: used only to keep cases where it disagrees out of the graded set,
 * and to show the disagreement in the lesson.
 */
function pytorchExplicitRestarts(config: WarmRestartsConfig, epoch: number): number {
  const { lr0, t0 } = config;
  const tMult = config.tMult ?? 1;
  const etaMin = config.etaMin ?? 0;
  let tCur = epoch;
  let tI = t0;
  if (epoch >= t0) {
    if (tMult === 1) {
      tCur = epoch % t0;
    } else {
      const n = Math.trunc(Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
      tCur = epoch - t0 * (tMult ** n - 1) / (tMult - 1);
      tI = t0 * tMult ** n;
    }
  }
  return etaMin + (lr0 - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
}

// ---------------------------------------------------------------------------------------------
// Graded cases

type Point = { config: Json; epoch: number; expected: number };
type StepPoint = { config: Json; step: number; expected: number };

function points<C>(f: (c: C, e: number) => number, config: C, epochs: number[]): Point[] {
  return epochs.map((epoch) => ({ config: config as Json, epoch, expected: f(config, epoch) }));
}

function stepPoints<C>(f: (c: C, s: number) => number, config: C, steps: number[]): StepPoint[] {
  return steps.map((step) => ({ config: config as Json, step, expected: f(config, step) }));
}

function randomPoints<C>(
  seed: string,
  count: number,
  f: (c: C, e: number) => number,
  draw: (random: Random) => { config: C; epoch: number },
): Point[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const { config, epoch } = draw(random);
    return { config: config as Json, epoch, expected: f(config, epoch) };
  });
}

function randomStepPoints<C>(
  seed: string,
  count: number,
  f: (c: C, s: number) => number,
  draw: (random: Random) => { config: C; step: number },
): StepPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const { config, step } = draw(random);
    return { config: config as Json, step, expected: f(config, step) };
  });
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[integer(random, 0, items.length - 1)];
const lrDraw = (random: Random) => round4(logUniform(random, 1e-4, 1));
/** An epoch: usually an integer, sometimes a fraction (a per-batch call). */
const epochDraw = (random: Random, max: number) =>
  random() < 0.75 ? integer(random, 0, max) : round4(uniform(random, 0, max));

function decayCases(): Json {
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
      boundaries: (() => {
        const random = seededRandom("03-step-boundaries");
        const out: Point[] = [];
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
      })(),
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
      random: randomPoints("03-natural-exp", 30, naturalExpDecay, (r) => ({
        config: { lr0: lrDraw(r), k: round4(logUniform(r, 1e-3, 0.5)) } as NaturalExpDecayConfig,
        epoch: epochDraw(r, 200),
      })),
    },
  };
}

function cosineCases(): Json {
  return {
    cosineAnnealing: {
      lesson: points(cosineAnnealing, COSINE, COSINE_EPOCHS),
      random: randomPoints("03-cosine", 40, cosineAnnealing, (r) => {
        const lr0 = lrDraw(r);
        const config: CosineAnnealingConfig = { lr0, tMax: integer(r, 1, 300) };
        if (r() < 0.6) config.etaMin = round4(lr0 * uniform(r, 0, 0.2));
        // Mostly within [0, tMax]; a few past it, where PyTorch's closed form climbs again.
        const epoch = r() < 0.85
          ? epochDraw(r, config.tMax)
          : integer(r, config.tMax, 3 * config.tMax);
        return { config, epoch };
      }),
    },
    cosineWarmRestarts: {
      lesson: points(cosineWarmRestarts, RESTARTS, RESTARTS_EPOCHS),
      constantCycles: (() => {
        const random = seededRandom("03-restarts-tmult1");
        const out: Point[] = [];
        for (let i = 0; i < 8; i++) {
          const config: WarmRestartsConfig = { lr0: lrDraw(random), t0: integer(random, 2, 40) };
          if (i % 2) config.tMult = 1;
          const k = integer(random, 1, 6);
          out.push(
            ...points(cosineWarmRestarts, config, [
              k * config.t0 - 1,
              k * config.t0,
              k * config.t0 + 1,
            ]),
          );
        }
        return out;
      })(),
      growingCycles: (() => {
        const random = seededRandom("03-restarts-tmult");
        const out: Point[] = [];
        for (let i = 0; i < 10; i++) {
          const config: WarmRestartsConfig = {
            lr0: lrDraw(random),
            t0: integer(random, 1, 20),
            tMult: integer(random, 2, 3),
            etaMin: i % 2 ? 0 : round4(1e-5 * integer(random, 1, 9)),
          };
          // The restart epochs t0, t0 + t0·m, t0 + t0·m + t0·m², and their neighbours.
          const restarts: number[] = [];
          let at = 0;
          let length = config.t0;
          for (let n = 0; n < 3; n++) {
            at += length;
            length *= config.tMult!;
            restarts.push(at);
          }
          const epochs = restarts.flatMap((e) => [e - 1, e, e + 1]);
          out.push(...points(cosineWarmRestarts, config, [...new Set(epochs)]));
        }
        return out;
      })(),
      random: randomPoints("03-restarts-random", 40, cosineWarmRestarts, (r) => {
        for (;;) {
          const config: WarmRestartsConfig = { lr0: lrDraw(r), t0: integer(r, 1, 30) };
          if (r() < 0.7) config.tMult = integer(r, 1, 3);
          if (r() < 0.5) config.etaMin = round4(config.lr0 * uniform(r, 0, 0.1));
          const epoch = epochDraw(r, 400);
          // Skip the rare epochs where PyTorch's step(epoch) logarithm rounds the wrong way.
          const torch = pytorchExplicitRestarts(config, epoch);
          const ours = cosineWarmRestarts(config, epoch);
          if (Math.abs(torch - ours) <= 1e-12 * Math.abs(ours) + 1e-15 * config.lr0) {
            return { config, epoch };
          }
        }
      }),
    },
  };
}

function cyclicCases(): Json {
  const random = (seed: string, mode: CyclicConfig["mode"], asymmetric: boolean) =>
    randomStepPoints(seed, 30, cyclicLr, (r) => {
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
  const triangular2 = { ...CYCLIC_BASE, mode: "triangular2" as const };
  return {
    cyclicLr: {
      triangular: stepPoints(cyclicLr, CYCLIC_BASE, CYCLIC_STEPS),
      triangular2: stepPoints(cyclicLr, triangular2, [...CYCLIC_STEPS, 14000, 18000]),
      expRange: [
        ...stepPoints(
          cyclicLr,
          { ...CYCLIC_BASE, mode: "exp_range" as const, gamma: EXP_RANGE_GAMMA },
          CYCLIC_STEPS,
        ),
        // gamma defaults to 1: exp_range without gamma is the triangular policy.
        ...stepPoints(cyclicLr, { ...CYCLIC_BASE, mode: "exp_range" as const }, CYCLIC_STEPS),
      ],
      asymmetric: random("03-cyclic-asymmetric", "triangular", true),
      random: [
        ...random("03-cyclic-triangular", undefined, false),
        ...random("03-cyclic-triangular2", "triangular2", false),
        ...random("03-cyclic-exp-range", "exp_range", false),
      ],
    },
  };
}

function oneCycleCases(): Json {
  const drawConfig = (r: Random, threePhase: boolean): OneCycleConfig => {
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
  };
  const boundaries = (seed: string, threePhase: boolean) => {
    const r = seededRandom(seed);
    const out: StepPoint[] = [];
    for (let i = 0; i < 10; i++) {
      const config = drawConfig(r, threePhase);
      const T = config.totalSteps;
      const p = config.pctStart!;
      const ends = threePhase ? [p * T - 1, 2 * p * T - 2, T - 1] : [p * T - 1, T - 1];
      const steps = ends.flatMap((e) => [Math.floor(e), Math.ceil(e), Math.floor(e) + 1])
        .concat([0, T]).filter((s) => s >= 0 && s <= T);
      out.push(...stepPoints(oneCycleLr, config, [...new Set(steps)].sort((a, b) => a - b)));
    }
    return out;
  };
  return {
    oneCycleLr: {
      lesson: stepPoints(oneCycleLr, ONE_CYCLE, ONE_CYCLE_STEPS),
      linear: stepPoints(oneCycleLr, { ...ONE_CYCLE, annealStrategy: "linear" }, ONE_CYCLE_STEPS),
      threePhase: stepPoints(oneCycleLr, { ...ONE_CYCLE, threePhase: true }, [
        0,
        29,
        44,
        58,
        59,
        80,
        99,
      ]),
      boundaries: boundaries("03-one-cycle-boundaries", false),
      threePhaseBoundaries: boundaries("03-one-cycle-three-phase", true),
      random: randomStepPoints("03-one-cycle-random", 40, oneCycleLr, (r) => {
        const config = drawConfig(r, r() < 0.3);
        return { config, step: integer(r, 0, config.totalSteps) };
      }),
    },
  };
}

function warmupCases(): Json {
  return {
    linearWarmup: {
      lesson: points(linearWarmup, WARMUP, WARMUP_EPOCHS),
      defaults: points(linearWarmup, { lr0: 0.1 }, [0, 1, 2, 3, 4, 5, 6, 50]),
      random: randomPoints("03-warmup", 40, linearWarmup, (r) => {
        const config: LinearWarmupConfig = { lr0: lrDraw(r) };
        if (r() < 0.8) config.startFactor = round4(uniform(r, 0.001, 1));
        if (r() < 0.4) config.endFactor = round4(uniform(r, 0, 1));
        if (r() < 0.8) config.totalIters = integer(r, 1, 2000);
        const total = config.totalIters ?? 5;
        return { config, epoch: r() < 0.8 ? epochDraw(r, total) : integer(r, total, 3 * total) };
      }),
    },
  };
}

type PlateauCase = { config: Json; metrics: number[]; expected: number[] };

/**
 * True when some comparison of the run is a near tie at the threshold, where two correct
 * spellings of the rule (`a < best − t` vs. `best − a > t`) may round differently.
 */
function hasNearTie(config: PlateauConfig, metrics: number[]): boolean {
  const threshold = config.threshold ?? 1e-4;
  if (threshold === 0) return false;
  const reference = reduceOnPlateau(config, metrics).join();
  return [1 - 1e-9, 1 + 1e-9].some((f) =>
    reduceOnPlateau({ ...config, threshold: threshold * f }, metrics).join() !== reference
  );
}

function plateauCase(config: PlateauConfig, metrics: number[]): PlateauCase {
  if (hasNearTie(config, metrics)) {
    throw new Error(`plateau case ${JSON.stringify(config)} has a near tie at the threshold`);
  }
  return { config: config as unknown as Json, metrics, expected: reduceOnPlateau(config, metrics) };
}

/** A noisy loss curve with a plateau, rounded to 3 decimals so that ties happen. */
function noisyLosses(r: Random, length: number): number[] {
  const floor = uniform(r, 0.05, 0.5);
  const tau = uniform(r, 2, 15);
  const noise = uniform(r, 0, 0.05);
  return range(0, length - 1).map((t) =>
    Number((floor + Math.exp(-t / tau) + noise * (r() - 0.5)).toFixed(3))
  );
}

function plateauCases(): Json {
  const losses = plateauLosses();
  const flat = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
  const r = seededRandom("03-plateau-random");
  const random: PlateauCase[] = [];
  for (let i = 0; i < 40; i++) {
    const lr0 = lrDraw(r);
    const config: PlateauConfig = { lr0 };
    const mode = pick(r, ["min", "max"] as const);
    if (mode === "max" || r() < 0.5) config.mode = mode;
    if (r() < 0.8) config.factor = pick(r, [0.1, 0.2, 0.5, 0.75]);
    config.patience = integer(r, 0, 5);
    if (r() < 0.6) config.threshold = pick(r, [0, 1e-4, 0.001, 0.01, 0.05]);
    if (r() < 0.5) config.thresholdMode = pick(r, ["rel", "abs"] as const);
    if (r() < 0.6) config.cooldown = integer(r, 0, 4);
    if (r() < 0.5) config.minLr = round4(lr0 * pick(r, [0, 0.001, 0.01, 0.05]));
    const metrics = noisyLosses(r, integer(r, 10, 60));
    random.push(
      plateauCase(
        config,
        mode === "max" ? metrics.map((m) => Number((2 - m).toFixed(3))) : metrics,
      ),
    );
  }
  return {
    reduceOnPlateau: {
      lesson: [plateauCase(PLATEAU, losses)],
      patience: [
        plateauCase({ lr0: 0.1, patience: 0 }, flat),
        plateauCase({ lr0: 0.1, patience: 2 }, flat),
        plateauCase({ lr0: 0.1 }, flat),
      ],
      cooldown: [
        plateauCase({ lr0: 0.1, patience: 1, cooldown: 3, factor: 0.5 }, flat),
        plateauCase({ lr0: 0.1, patience: 0, cooldown: 1, factor: 0.5 }, flat),
      ],
      thresholds: [
        // Each step improves by 0.5 %: enough for rel 1e-4, not for rel 0.01 or abs 0.01.
        plateauCase({ lr0: 0.1, patience: 1 }, range(0, 11).map((t) => 0.995 ** t)),
        plateauCase(
          { lr0: 0.1, patience: 1, threshold: 0.01 },
          range(0, 11).map((t) => 0.995 ** t),
        ),
        plateauCase(
          { lr0: 0.1, patience: 1, threshold: 0.01, thresholdMode: "abs" },
          range(0, 11).map((t) => 0.995 ** t),
        ),
        // An accuracy that creeps up: "max" mode.
        plateauCase(
          { lr0: 0.1, patience: 1, mode: "max", threshold: 0.01 },
          [0.5, 0.6, 0.65, 0.652, 0.653, 0.7, 0.701, 0.702, 0.703, 0.704],
        ),
        plateauCase(
          { lr0: 0.1, patience: 1, mode: "max", thresholdMode: "abs", threshold: 0.02 },
          [0.5, 0.6, 0.65, 0.652, 0.653, 0.7, 0.701, 0.702, 0.703, 0.704],
        ),
      ],
      floor: [
        plateauCase({ lr0: 0.1, patience: 0, minLr: 0.003 }, flat),
        plateauCase({ lr0: 0.1, patience: 0, factor: 0.5, minLr: 0.02 }, flat),
        // Below eps, a reduction is skipped: 2e-8 → 1e-8 is a change of exactly 1e-8, not more.
        plateauCase({ lr0: 4e-8, patience: 0, factor: 0.5 }, flat),
        plateauCase({ lr0: 4e-8, patience: 0, factor: 0.5, eps: 0 }, flat),
      ],
      edge: [
        // A metric equal to the best is not an improvement (strict <, >), even with threshold 0.
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0, thresholdMode: "abs" }, [1, 1, 1, 1, 1]),
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0 }, [1, 1, 1, 1, 1]),
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0, mode: "max" }, [2, 2, 2, 2, 2]),
        // The default threshold is rel 1e-4: gains of 5e-5 relative are bad epochs.
        plateauCase({ lr0: 0.1, patience: 1 }, range(0, 6).map((t) => (1 - 5e-5) ** t)),
      ],
      // NaN metrics (written "NaN", JSON has no NaN) are bad epochs, the first one included.
      nan: [
        { lr0: 0.1, patience: 1 },
        { lr0: 0.1, patience: 0, mode: "max" as const },
      ].map((config) => {
        const metrics = ["NaN", 1, "NaN", "NaN", 0.5, "NaN", 0.4];
        return {
          config: config as unknown as Json,
          metrics,
          expected: reduceOnPlateau(config, metrics.map(Number)),
        };
      }),
      random,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// README blocks

function conventionsTable(): string {
  return table(["schedule", "function", "follows", "counts", "from"], [
    ["constant", "`constantLr`", "no scheduler", "epochs", "0"],
    [
      "time-based",
      "`timeBasedDecay`",
      "Keras `InverseTimeDecay` (`decay_steps` = 1)",
      "epochs or steps",
      "0",
    ],
    ["step decay", "`stepDecay`", "PyTorch `StepLR` (+ a start epoch)", "epochs", "0"],
    [
      "exponential",
      "`exponentialDecay`",
      "Keras `ExponentialDecay`, optax `exponential_decay`",
      "steps (or epochs)",
      "0",
    ],
    [
      "natural exponential",
      "`naturalExpDecay`",
      "TF1 `natural_exp_decay`; PyTorch `ExponentialLR` with γ = e^(−k)",
      "epochs",
      "0",
    ],
    ["cosine", "`cosineAnnealing`", "PyTorch `CosineAnnealingLR` (closed form)", "epochs", "0"],
    [
      "warm restarts",
      "`cosineWarmRestarts`",
      "PyTorch `CosineAnnealingWarmRestarts`",
      "epochs (fractions allowed)",
      "0",
    ],
    ["cyclical", "`cyclicLr`", "PyTorch `CyclicLR`", "steps (batches)", "0"],
    ["one-cycle", "`oneCycleLr`", "PyTorch `OneCycleLR`", "steps (batches)", "0"],
    [
      "linear warm-up",
      "`linearWarmup`",
      "PyTorch `LinearLR` (closed form)",
      "epochs or steps",
      "0",
    ],
    [
      "reduce on plateau",
      "`reduceOnPlateau`",
      "PyTorch `ReduceLROnPlateau`",
      "epochs (one metric each)",
      "1st metric",
    ],
  ]);
}

function timeBasedTable(): string {
  const recursive = recursiveTimeBased(TIME_BASED, TIME_BASED_EPOCHS);
  const epochs = [0, 1, 2, 3, 5, 7, 10, 15, 20];
  return `With ${describeConfig(TIME_BASED)}:\n\n` + table(
    ["epoch", "closed form `lr0 / (1 + decay·epoch)`", "recursion `lr ← lr / (1 + decay·epoch)`"],
    epochs.map((e) => [e, fmt(timeBasedDecay(TIME_BASED, e)), fmt(recursive[e])]),
  );
}

function timeBasedErrata(): string {
  const recursive = recursiveTimeBased(TIME_BASED, TIME_BASED_EPOCHS);
  const target = 0.000102;
  const reached = recursive.findIndex((lr) => Number(lr.toPrecision(3)) === target);
  const closedAtTarget = Math.round((TIME_BASED.lr0 / target - 1) / TIME_BASED.decay);
  return [
    `> **Erratum.** A sequence often quoted for time-based decay, "${TIME_BASED.lr0} → ${
      plain(recursive[1], 2)
    } → ${plain(recursive[2], 3)} → … → ${plain(target, 3)} over 21 epochs", mixes two rules.`,
    `> Its first steps are the *recursion* with \`decay\` = ${TIME_BASED.decay}, and the recursion`,
    `> reaches ${plain(recursive[reached], 3)} already at epoch ${reached}, not after 21 epochs.`,
    `> Carried on to epoch ${TIME_BASED_EPOCHS} it gives ${fmt(recursive[TIME_BASED_EPOCHS], 3)},`,
    `> while the closed form gives ${
      fmt(timeBasedDecay(TIME_BASED, TIME_BASED_EPOCHS), 3)
    } at epoch ${TIME_BASED_EPOCHS}`,
    `> (and would need epoch ${closedAtTarget} to get down to ${plain(target, 3)}).`,
    `> The recursion divides by the product (1 + decay·1)(1 + decay·2)⋯(1 + decay·epoch), which grows`,
    `> faster than any power of the epoch, so the rate collapses; the closed form only falls like`,
    `> 1/epoch. This lesson uses the closed form, as Keras does.`,
  ].join("\n");
}

function stepDecayTable(): string {
  return `With ${describeConfig(STEP_HALVING)} (epochs from 0):\n\n` + table(
    [
      "epoch",
      "`stepDecay` (PyTorch `StepLR`)",
      "quoted form `lr0·γ^floor((epoch + 1 − start)/every)`",
    ],
    STEP_TABLE_EPOCHS.map((
      e,
    ) => [e, fmt(stepDecay(STEP_HALVING, e)), fmt(quotedStepDecay(STEP_HALVING, e))]),
  );
}

function stepDecayErrata(): string {
  const c = STEP_HALVING;
  const firstDropQuoted = range(0, 200).find((e) => quotedStepDecay(c, e) < c.lr0)!;
  const withStart = { ...c, startEpoch: 10 };
  const quotedBeforeStart = quotedStepDecay(withStart, 0);
  return [
    `> **Which convention.** This lesson follows PyTorch's \`StepLR\`: epochs count from 0 and the`,
    `> rate drops *at* epochs ${c.stepSize}, ${2 * c.stepSize}, ${3 * c.stepSize}, …. So`,
    `> \`stepDecay\` gives ${fmt(stepDecay(c, 99))} at epoch 99 and ${
      fmt(stepDecay(c, 100))
    } at epoch 100.`,
    `> The form lr0·γ^floor((epoch + 1 − start)/every), often quoted in tutorials, is the same rule with`,
    `> epochs counted from 1: fed 0-based epochs it drops one epoch early (first drop at epoch`,
    `> ${firstDropQuoted}) and reaches ${fmt(quotedStepDecay(c, 99))} already at epoch 99.`,
    `> It also misbehaves before its start epoch: with start = ${withStart.startEpoch} it returns`,
    `> ${
      fmt(quotedBeforeStart)
    } at epoch 0, *more* than lr0 = ${c.lr0}, because the exponent is negative;`,
    `> \`stepDecay\` holds lr0 until \`startEpoch\` (${fmt(stepDecay(withStart, 0))} at epoch 0).`,
  ].join("\n");
}

function exponentialTable(): string {
  const stairs = { ...KERAS_EXP, staircase: true };
  return `With ${describeConfig(KERAS_EXP)}:\n\n` + table(
    ["step", "continuous", "staircase"],
    KERAS_EXP_STEPS.map((
      s,
    ) => [s, fmt(exponentialDecay(KERAS_EXP, s)), fmt(exponentialDecay(stairs, s))]),
  );
}

function exponentialErrata(): string {
  const { lr0, k, epochs } = RECURSIVE_EXP;
  const recursive = recursiveExponential(lr0, k, epochs);
  return [
    `> **Erratum.** Writing exponential decay as the update lr ← lr·exp(−(epoch + 1)·k) is a`,
    `> different schedule: the exponents add up to k·(1 + 2 + … + n), which grows like n². With`,
    `> lr0 = ${lr0} and k = ${k}, after ${epochs} epochs the update gives ${
      fmt(recursive[epochs], 2)
    }, a rate`,
    `> that no longer trains anything, while the closed form lr0·exp(−k·epoch) gives`,
    `> ${fmt(naturalExpDecay({ lr0, k }, epochs), 3)} at epoch ${epochs}. Use the closed form.`,
  ].join("\n");
}

function cosineTable(): string {
  return `With ${describeConfig(COSINE)}:\n\n` + table(
    ["epoch", ...COSINE_EPOCHS.map(String)],
    [["lr", ...COSINE_EPOCHS.map((e) => fmt(cosineAnnealing(COSINE, e)))]],
  );
}

function restartsTable(): string {
  const { t0, tMult } = { t0: RESTARTS.t0, tMult: RESTARTS.tMult! };
  const lengths = [t0, t0 * tMult, t0 * tMult ** 2];
  const restarts = [lengths[0], lengths[0] + lengths[1], lengths[0] + lengths[1] + lengths[2]];
  return `With ${describeConfig(RESTARTS)}: cycles of ${
    lengths.join(", ")
  }, … epochs, so restarts ` +
    `at epochs ${restarts.join(", ")}, ….\n\n` + table(
      ["epoch", ...RESTARTS_EPOCHS.map(String)],
      [["lr", ...RESTARTS_EPOCHS.map((e) => fmt(cosineWarmRestarts(RESTARTS, e)))]],
    );
}

function restartsLogNote(): string {
  const config: WarmRestartsConfig = { lr0: 0.1, t0: 1, tMult: 3 };
  const m = config.tMult!;
  const cycles = 5;
  const epoch = config.t0 * (m ** cycles - 1) / (m - 1);
  const logarithm = Math.log(epoch / config.t0 * (m - 1) + 1) / Math.log(m);
  return [
    `> **A PyTorch corner case.** Called as \`step(epoch)\`, PyTorch finds the cycle with a`,
    `> floating-point logarithm, \`int(math.log(epoch / T_0 · (T_mult − 1) + 1, T_mult))\`. With`,
    `> ${describeConfig(config)} the epoch ${epoch} is a restart, but that logarithm evaluates to`,
    `> ${logarithm} instead of ${cycles}, so PyTorch returns ${
      fmt(pytorchExplicitRestarts(config, epoch))
    } (the bottom of the previous cycle)`,
    `> where the restart gives ${
      fmt(cosineWarmRestarts(config, epoch))
    }. Subtracting whole cycles, as`,
    `> PyTorch's plain \`step()\` does and as \`cosineWarmRestarts\` does, has no such problem.`,
  ].join("\n");
}

function cyclicTable(): string {
  const modes = [
    ["triangular", CYCLIC_BASE],
    ["triangular2", { ...CYCLIC_BASE, mode: "triangular2" as const }],
    [`exp_range (γ = ${EXP_RANGE_GAMMA})`, {
      ...CYCLIC_BASE,
      mode: "exp_range" as const,
      gamma: EXP_RANGE_GAMMA,
    }],
  ] as const;
  return `With ${describeConfig(CYCLIC_BASE)} (so a cycle lasts ${
    2 * CYCLIC_BASE.stepSizeUp
  } steps):\n\n` +
    table(
      ["step", ...modes.map(([name]) => name)],
      CYCLIC_STEPS.map((s) => [s, ...modes.map(([, config]) => fmt(cyclicLr(config, s)))]),
    );
}

function oneCycleTable(): string {
  const c = ONE_CYCLE;
  const p = 0.3;
  const variants = [
    ["cos (default)", c],
    ["linear", { ...c, annealStrategy: "linear" as const }],
    ["three phases", { ...c, threePhase: true }],
  ] as const;
  return [
    `With ${describeConfig(c)} and PyTorch's defaults (\`pctStart\` = ${p}, \`divFactor\` = 25,`,
    `\`finalDivFactor\` = 1e4): the rate starts at ${fmt(c.maxLr / 25)}, peaks at step`,
    `${fmt(p * c.totalSteps - 1)} and ends at ${fmt(c.maxLr / 25 / 1e4)} at step ${
      c.totalSteps - 1
    }.`,
    "",
    table(
      ["step", ...variants.map(([name]) => name)],
      ONE_CYCLE_STEPS.map((s) => [s, ...variants.map(([, config]) => fmt(oneCycleLr(config, s)))]),
    ),
  ].join("\n");
}

function warmupTable(): string {
  return `With ${describeConfig(WARMUP)}:\n\n` + table(
    ["epoch", ...WARMUP_EPOCHS.map(String)],
    [["lr", ...WARMUP_EPOCHS.map((e) => fmt(linearWarmup(WARMUP, e)))]],
  );
}

function plateauTable(): string {
  const losses = plateauLosses();
  const lrs = reduceOnPlateau(PLATEAU, losses);
  const rows: (string | number)[][] = [];
  let previous = PLATEAU.lr0;
  losses.forEach((loss, epoch) => {
    const changed = lrs[epoch] !== previous;
    rows.push([
      epoch,
      loss,
      fmt(previous),
      changed ? `**${fmt(lrs[epoch])}** (reduced)` : fmt(lrs[epoch]),
    ]);
    previous = lrs[epoch];
  });
  const reductions = rows.map((row, i) => [row, i] as const).filter(([row]) =>
    String(row[3]).includes("reduced")
  );
  const shown = new Set<number>();
  for (const [, i] of reductions) {
    for (let j = i - 4; j <= i + 1; j++) if (j >= 0 && j < rows.length) shown.add(j);
  }
  for (let j = 0; j < 3; j++) shown.add(j);
  const kept: (string | number)[][] = [];
  let last = -1;
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (last >= 0 && i > last + 1) kept.push(["…", "", "", ""]);
    kept.push(rows[i]);
    last = i;
  }
  return `With ${
    describeConfig(PLATEAU)
  } on a seeded, noisy validation loss (only the epochs around each reduction are shown):\n\n` +
    table(["epoch", "validation loss", "lr used in this epoch", "lr after `step(loss)`"], kept);
}

// ---------------------------------------------------------------------------------------------
// Figures

function series(
  name: string,
  xs: number[],
  f: (x: number) => number,
  extra: Partial<Series> = {},
): Series {
  return { name, x: xs, y: xs.map(f), ...extra };
}

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
  // The first two drops only, one dot per epoch, so that the one-epoch offset spans ~13 px.
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

function cosineFigure(): Promise<string> {
  const inside = range(0, COSINE.tMax);
  const past = range(COSINE.tMax, 1.5 * COSINE.tMax);
  return lineChart({
    title: `Cosine annealing (T_max = ${COSINE.tMax})`,
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      series("cosineAnnealing", inside, (e) => cosineAnnealing(COSINE, e)),
      series("past T_max (PyTorch climbs back)", past, (e) => cosineAnnealing(COSINE, e), {
        dashed: true,
      }),
    ],
  });
}

function restartsFigure(): Promise<string> {
  const epochs = range(0, 150, 0.25);
  return lineChart({
    title: "Cosine with warm restarts (SGDR), T_0 = 10",
    xLabel: "epoch (fractional: per-batch updates)",
    yLabel: "learning rate",
    series: [
      series("T_mult = 1", epochs, (e) => cosineWarmRestarts({ ...RESTARTS, tMult: 1 }, e)),
      series("T_mult = 2", epochs, (e) => cosineWarmRestarts(RESTARTS, e)),
    ],
  });
}

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

function warmupFigure(): Promise<string> {
  const epochs = range(0, 60, 0.5);
  const warm = 5;
  const total = 60;
  const warmupThenCosine = (e: number) =>
    e < warm
      ? linearWarmup({ lr0: 0.1, startFactor: 0.1, totalIters: warm }, e)
      : cosineAnnealing({ lr0: 0.1, tMax: total - warm }, e - warm);
  return lineChart({
    title: "Linear warm-up, alone and followed by cosine",
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      series(
        "linearWarmup (5 epochs)",
        epochs,
        (e) => linearWarmup({ lr0: 0.1, startFactor: 0.1, totalIters: warm }, e),
      ),
      series("warm-up, then cosine", epochs, warmupThenCosine, { dashed: true }),
    ],
  });
}

function plateauFigure(): Promise<string> {
  const losses = plateauLosses();
  const epochs = range(0, losses.length - 1);
  const lrs = reduceOnPlateau(PLATEAU, losses);
  const used = [PLATEAU.lr0, ...lrs.slice(0, -1)];
  return panelChart({
    title: "Reduce on plateau: the validation loss fed in, the rate used in each epoch",
    xLabel: "epoch",
    panels: [
      {
        yLabel: "validation loss",
        series: [{ name: "validation loss", x: epochs, y: losses }],
      },
      {
        yLabel: "learning rate",
        logY: true,
        series: [{ name: "lr (patience 3, factor 0.5)", x: epochs, y: used, stepped: true }],
      },
    ],
  });
}

/** Lesson 03's cases, README regions and figures. */
export const content: LessonContent = {
  cases: () => ({
    ...(decayCases() as Record<string, Json>),
    ...(cosineCases() as Record<string, Json>),
    ...(cyclicCases() as Record<string, Json>),
    ...(oneCycleCases() as Record<string, Json>),
    ...(warmupCases() as Record<string, Json>),
    ...(plateauCases() as Record<string, Json>),
  }),
  blocks: {
    "conventions": conventionsTable,
    "time-based-table": timeBasedTable,
    "time-based-erratum": timeBasedErrata,
    "step-decay-table": stepDecayTable,
    "step-decay-erratum": stepDecayErrata,
    "exponential-table": exponentialTable,
    "exponential-erratum": exponentialErrata,
    "cosine-table": cosineTable,
    "restarts-table": restartsTable,
    "restarts-log-note": restartsLogNote,
    "cyclic-table": cyclicTable,
    "one-cycle-table": oneCycleTable,
    "warmup-table": warmupTable,
    "plateau-table": plateauTable,
  },
  figures: {
    "decays": decaysFigure,
    "closed-vs-recursive": erratumFigure,
    "step-decay-conventions": stepConventionsFigure,
    "exponential": exponentialFigure,
    "cosine": cosineFigure,
    "warm-restarts": restartsFigure,
    "cyclic": cyclicFigure,
    "one-cycle": oneCycleFigure,
    "warmup": warmupFigure,
    "plateau": plateauFigure,
  },
};

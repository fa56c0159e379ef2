/**
 * Lesson 04's generator: graded cases, the worked steps, the Keras comparison and the
 * optimizer comparison, all computed by `solutions/04-optimizers/optimizers.ts`.
 *
 * @module
 */

import type { LessonContent } from "./types.ts";
import { formatNumber } from "./format.ts";
import { integer, logUniform, type Random, seededRandom, uniform } from "../lib/random.ts";
import { lineChart } from "../lib/plot.ts";
import {
  adadelta,
  type AdadeltaOptions,
  adagrad,
  type AdagradOptions,
  adam,
  type AdamOptions,
  adamw,
  type Optimizer,
  rmsprop,
  type RmspropOptions,
  sgd,
  type SgdOptions,
} from "../../solutions/04-optimizers/optimizers.ts";

/** Each optimizer's options, by the name the cases use. */
interface OptionsOf {
  sgd: SgdOptions;
  adagrad: AdagradOptions;
  adadelta: AdadeltaOptions;
  rmsprop: RmspropOptions;
  adam: AdamOptions;
  adamw: AdamOptions;
}

/** An optimizer and its options: the name says which options apply. */
type Setting = { [N in keyof OptionsOf]: { name: N; options: OptionsOf[N] } }[keyof OptionsOf];

function createOptimizer(setting: Setting): Optimizer {
  switch (setting.name) {
    case "sgd":
      return sgd(setting.options);
    case "adagrad":
      return adagrad(setting.options);
    case "adadelta":
      return adadelta(setting.options);
    case "rmsprop":
      return rmsprop(setting.options);
    case "adam":
      return adam(setting.options);
    case "adamw":
      return adamw(setting.options);
  }
}

/** θ after each of `steps` steps on the separable quadratic ½ Σ aᵢ(θᵢ − cᵢ)². */
function quadraticTrajectory(
  setting: Setting,
  a: number[],
  c: number[],
  x0: number[],
  steps: number,
  lrs?: number[],
): number[][] {
  const opt = createOptimizer(setting);
  const p = Float64Array.from(x0);
  const g = new Float64Array(x0.length);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    if (lrs) opt.lr = lrs[k];
    for (let i = 0; i < p.length; i++) g[i] = a[i] * (p[i] - c[i]);
    opt.step(p, g);
    out.push(Array.from(p));
  }
  return out;
}

/** A graded case: the optimizer's trajectory on ½ Σ aᵢ(θᵢ − cᵢ)² from x0. */
interface TrajectoryCase<O> {
  options: O;
  a: number[];
  c: number[];
  x0: number[];
  trajectory: number[][];
  /** The learning rate set before each step, when it changes. */
  lrs?: number[];
}

function caseOf<S extends Setting>(
  setting: S,
  a: number[],
  c: number[],
  x0: number[],
  steps: number,
  lrs?: number[],
): TrajectoryCase<S["options"]> {
  const trajectory = quadraticTrajectory(setting, a, c, x0, steps, lrs);
  for (const row of trajectory) {
    for (const x of row) {
      if (!Number.isFinite(x)) throw new Error(`${setting.name}: non-finite case`);
    }
  }
  const out: TrajectoryCase<S["options"]> = { options: setting.options, a, c, x0, trajectory };
  if (lrs) out.lrs = lrs;
  return out;
}

/** The worked example: f(x, y) = ½(x² + 100y²), from (−1.5, 0.8). Condition number 100. */
const WORKED = { a: [1, 100], c: [0, 0], x0: [-1.5, 0.8] };

/** Settings of the worked example and comparison (the lesson's table). */
const LESSON_SETTINGS: ({ label: string } & Setting)[] = [
  { label: "SGD", name: "sgd", options: { lr: 0.015 } },
  { label: "SGD, momentum 0.9", name: "sgd", options: { lr: 0.005, momentum: 0.9 } },
  {
    label: "SGD, Nesterov 0.9",
    name: "sgd",
    options: { lr: 0.005, momentum: 0.9, nesterov: true },
  },
  { label: "AdaGrad", name: "adagrad", options: { lr: 0.1 } },
  { label: "AdaDelta", name: "adadelta", options: {} },
  { label: "RMSprop", name: "rmsprop", options: { lr: 0.01 } },
  { label: "Adam", name: "adam", options: { lr: 0.1 } },
  { label: "AdamW", name: "adamw", options: { lr: 0.1 } },
];

function randomProblem(r: Random, maxDim = 4, aLow = 0.2, aHigh = 5) {
  const n = integer(r, 1, maxDim);
  const a = Array.from({ length: n }, () => logUniform(r, aLow, aHigh));
  const c = Array.from({ length: n }, () => uniform(r, -2, 2));
  const x0 = Array.from({ length: n }, () => uniform(r, -3, 3));
  return { a, c, x0 };
}

function maybe<T>(r: Random, p: number, value: () => T): T | undefined {
  return r() < p ? value() : undefined;
}

/** The options without the ones left undefined (JSON has no undefined). */
function clean<O extends object>(options: O): O {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as O;
}

function randomCases<N extends keyof OptionsOf>(
  seed: string,
  count: number,
  name: N,
  makeOptions: (r: Random, maxA: number) => OptionsOf[N],
  steps = 8,
): TrajectoryCase<Setting["options"]>[] {
  const r = seededRandom(seed);
  const out: TrajectoryCase<Setting["options"]>[] = [];
  for (let k = 0; k < count; k++) {
    const { a, c, x0 } = randomProblem(r);
    const options = clean(makeOptions(r, Math.max(...a)));
    // TypeScript cannot see that `name` and `options` belong together (both indexed by N).
    out.push(caseOf({ name, options } as Setting, a, c, x0, steps));
  }
  return out;
}

function lessonCase(label: string): TrajectoryCase<Setting["options"]> {
  const s = LESSON_SETTINGS.find((x) => x.label === label)!;
  return caseOf(s, WORKED.a, WORKED.c, WORKED.x0, 5);
}

function cases() {
  const stableLr = (r: Random, maxA: number) => uniform(r, 0.05, 1.5) / maxA;
  const sgdPlain = [
    lessonCase("SGD"),
    ...randomCases("04-sgd-plain", 8, "sgd", (r, m) => ({
      lr: stableLr(r, m),
      weightDecay: maybe(r, 0.5, () => uniform(r, 0.01, 0.5)),
    })),
  ];
  const sgdMomentum = [
    lessonCase("SGD, momentum 0.9"),
    ...randomCases("04-sgd-momentum", 10, "sgd", (r, m) => ({
      lr: stableLr(r, m) / 2,
      momentum: uniform(r, 0.5, 0.95),
      dampening: r() < 0.7 ? uniform(r, 0.1, 0.9) : undefined,
      weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
    })),
  ];
  const sgdNesterov = [
    lessonCase("SGD, Nesterov 0.9"),
    ...randomCases("04-sgd-nesterov", 8, "sgd", (r, m) => ({
      lr: stableLr(r, m) / 2,
      momentum: uniform(r, 0.5, 0.95),
      nesterov: true,
      weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
    })),
  ];
  const adagradDefaults = [
    caseOf({ name: "adagrad", options: {} }, WORKED.a, WORKED.c, WORKED.x0, 5),
    lessonCase("AdaGrad"),
    ...randomCases("04-adagrad-defaults", 5, "adagrad", () => ({})),
  ];
  const adagradOptions = randomCases("04-adagrad-options", 12, "adagrad", (r) => ({
    lr: logUniform(r, 0.01, 1),
    lrDecay: maybe(r, 0.6, () => uniform(r, 0.05, 1)),
    initialAccumulatorValue: maybe(r, 0.6, () => uniform(r, 0.05, 2)),
    weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
    eps: maybe(r, 0.6, () => logUniform(r, 0.05, 1)),
  }));
  const adadeltaAll = [
    lessonCase("AdaDelta"),
    ...randomCases("04-adadelta-defaults", 3, "adadelta", () => ({})),
    ...randomCases("04-adadelta-options", 10, "adadelta", (r) => ({
      lr: maybe(r, 0.7, () => logUniform(r, 0.1, 10)),
      rho: maybe(r, 0.7, () => uniform(r, 0.5, 0.99)),
      eps: maybe(r, 0.7, () => logUniform(r, 1e-4, 0.1)),
      weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
    })),
  ];
  const rmspropPlain = [
    caseOf({ name: "rmsprop", options: {} }, WORKED.a, WORKED.c, WORKED.x0, 5),
    ...randomCases("04-rmsprop-plain", 10, "rmsprop", (r) => ({
      lr: logUniform(r, 0.001, 0.1),
      alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.999)),
      eps: maybe(r, 0.6, () => logUniform(r, 0.01, 1)),
      weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
    })),
  ];
  const rmspropMomentum = randomCases("04-rmsprop-momentum", 10, "rmsprop", (r) => ({
    lr: logUniform(r, 0.001, 0.05),
    alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.999)),
    eps: maybe(r, 0.5, () => logUniform(r, 0.01, 1)),
    momentum: uniform(r, 0.5, 0.95),
    weightDecay: maybe(r, 0.3, () => uniform(r, 0.01, 0.5)),
  }));
  const rmspropCentered = randomCases("04-rmsprop-centered", 10, "rmsprop", (r) => ({
    lr: logUniform(r, 0.001, 0.05),
    alpha: maybe(r, 0.6, () => uniform(r, 0.5, 0.99)),
    eps: maybe(r, 0.5, () => logUniform(r, 0.01, 1)),
    momentum: maybe(r, 0.5, () => uniform(r, 0.5, 0.95)),
    centered: true,
  }));
  const adamDefaults = [
    caseOf({ name: "adam", options: {} }, WORKED.a, WORKED.c, WORKED.x0, 5),
    lessonCase("Adam"),
    ...randomCases("04-adam-defaults", 8, "adam", (r) => ({
      lr: maybe(r, 0.7, () => logUniform(r, 0.001, 0.3)),
    }), 10),
  ];
  const adamOptions = randomCases("04-adam-options", 16, "adam", (r) => {
    const amsgrad = r() < 0.5 ? true : undefined;
    return {
      lr: logUniform(r, 0.01, 0.5),
      // A small β₂ lets v shrink quickly, so AMSGrad's running maximum differs from v.
      betas: r() < 0.7
        ? [uniform(r, 0.5, 0.95), amsgrad ? uniform(r, 0.3, 0.7) : uniform(r, 0.5, 0.999)]
        : undefined,
      eps: maybe(r, 0.6, () => logUniform(r, 0.05, 1)),
      weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
      amsgrad,
    };
  }, 12);
  const adamwAll = [
    caseOf({ name: "adamw", options: {} }, WORKED.a, WORKED.c, WORKED.x0, 5),
    lessonCase("AdamW"),
    ...randomCases("04-adamw", 12, "adamw", (r) => ({
      lr: logUniform(r, 0.01, 0.5),
      betas: maybe(r, 0.4, () => [uniform(r, 0.5, 0.95), uniform(r, 0.5, 0.999)]),
      eps: maybe(r, 0.4, () => logUniform(r, 0.05, 1)),
      weightDecay: maybe(r, 0.8, () => uniform(r, 0.05, 1)),
      amsgrad: maybe(r, 0.3, () => true),
    }), 10),
  ];
  const rs = seededRandom("04-schedule");
  const schedule: ({ name: string } & TrajectoryCase<Setting["options"]>)[] = [];
  const scheduled = (setting: Setting, rs: Random) => {
    const { a, c, x0 } = randomProblem(rs, 3, 0.2, 2);
    const lrs = Array.from({ length: 6 }, (_, k) => setting.options.lr! * 0.5 ** k);
    schedule.push({ name: setting.name, ...caseOf(setting, a, c, x0, 6, lrs) });
  };
  const scheduleSettings: Setting[] = [
    { name: "sgd", options: { lr: 0.05, momentum: 0.9 } },
    { name: "adagrad", options: { lr: 0.1 } },
    { name: "adadelta", options: { lr: 1 } },
    { name: "rmsprop", options: { lr: 0.01 } },
    { name: "adam", options: { lr: 0.05 } },
    { name: "adamw", options: { lr: 0.05, weightDecay: 0.1 } },
  ];
  for (const setting of scheduleSettings) scheduled(setting, rs);
  // Momentum buffers under a changing lr: PyTorch keeps lr out of the buffer (θ ← θ − lr·b), so
  // folding lr into it (b ← μb + lr·g) only agrees while lr is constant.
  const rs2 = seededRandom("04-schedule-momentum");
  const momentumSettings: Setting[] = [
    { name: "rmsprop", options: { lr: 0.01, momentum: 0.9 } },
    { name: "sgd", options: { lr: 0.05, momentum: 0.9, dampening: 0.3 } },
    { name: "sgd", options: { lr: 0.05, momentum: 0.9, nesterov: true } },
  ];
  for (const setting of momentumSettings) scheduled(setting, rs2);
  return {
    sgd: { plain: sgdPlain, momentum: sgdMomentum, nesterov: sgdNesterov },
    adagrad: { defaults: adagradDefaults, options: adagradOptions },
    adadelta: { all: adadeltaAll },
    rmsprop: { plain: rmspropPlain, momentum: rmspropMomentum, centered: rmspropCentered },
    adam: { defaults: adamDefaults, options: adamOptions },
    adamw: { all: adamwAll },
    schedule,
  };
}

// ---------------------------------------------------------------------------------------------
// Worked steps and comparisons

function workedStepsTable(): string {
  const rows = [
    "| optimizer | settings | θ after step 1 | step 2 | step 3 |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const s of LESSON_SETTINGS) {
    const t = quadraticTrajectory(s, WORKED.a, WORKED.c, WORKED.x0, 3);
    const cell = (p: number[]) =>
      `(${formatNumber(p[0], { digits: 6, exponent: "sup" })}, ${
        formatNumber(p[1], { digits: 6, exponent: "sup" })
      })`;
    rows.push(
      `| ${s.label} | \`${s.name}(${JSON.stringify(s.options).replaceAll('"', "")})\` | ${
        t.map(cell).join(" | ")
      } |`,
    );
  }
  return rows.join("\n");
}

interface Problem {
  label: string;
  f: (p: Float64Array) => number;
  grad: (p: Float64Array, g: Float64Array) => void;
  x0: number[];
  steps: number;
}

const QUADRATIC: Problem = {
  label: "½(x² + 100y²) from (−1.5, 0.8)",
  f: (p) => 0.5 * (p[0] * p[0] + 100 * p[1] * p[1]),
  grad: (p, g) => {
    g[0] = p[0];
    g[1] = 100 * p[1];
  },
  x0: [-1.5, 0.8],
  steps: 100,
};

const ROSENBROCK: Problem = {
  label: "Rosenbrock (1 − x)² + 100(y − x²)² from (−1.5, 2)",
  f: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] * p[0]) ** 2,
  grad: (p, g) => {
    g[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]);
    g[1] = 200 * (p[1] - p[0] * p[0]);
  },
  x0: [-1.5, 2],
  steps: 1000,
};

/** The learning rates tried for each optimizer in the comparison. */
const LR_GRID = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3];

/**
 * The optimizers compared, each at a learning rate of the grid, and each with PyTorch's default
 * learning rate (SGD's is 1e-3 in recent PyTorch releases; the kit's `sgd` requires one).
 */
const COMPARED: { label: string; at: (lr: number) => Setting; defaultLr: number }[] = [
  { label: "SGD", at: (lr) => ({ name: "sgd", options: { lr } }), defaultLr: 1e-3 },
  {
    label: "SGD, momentum 0.9",
    at: (lr) => ({ name: "sgd", options: { momentum: 0.9, lr } }),
    defaultLr: 1e-3,
  },
  {
    label: "SGD, Nesterov 0.9",
    at: (lr) => ({ name: "sgd", options: { momentum: 0.9, nesterov: true, lr } }),
    defaultLr: 1e-3,
  },
  { label: "AdaGrad", at: (lr) => ({ name: "adagrad", options: { lr } }), defaultLr: 0.01 },
  { label: "AdaDelta", at: (lr) => ({ name: "adadelta", options: { lr } }), defaultLr: 1 },
  { label: "RMSprop", at: (lr) => ({ name: "rmsprop", options: { lr } }), defaultLr: 0.01 },
  { label: "Adam", at: (lr) => ({ name: "adam", options: { lr } }), defaultLr: 1e-3 },
  { label: "AdamW (λ = 0.01)", at: (lr) => ({ name: "adamw", options: { lr } }), defaultLr: 1e-3 },
];

/** A final loss that moves by more than this (relative) when the start moves by 1 ulp is chaotic. */
const CHAOTIC = 1e-6;

/** Losses f(θ₀), f(θ₁), …, f(θ_N); Infinity once the run has left the finite numbers. */
function lossCurve(problem: Problem, setting: Setting): number[] {
  const opt = createOptimizer(setting);
  const p = Float64Array.from(problem.x0);
  const g = new Float64Array(p.length);
  const losses = [problem.f(p)];
  for (let k = 0; k < problem.steps; k++) {
    problem.grad(p, g);
    opt.step(p, g);
    const loss = problem.f(p);
    losses.push(Number.isFinite(loss) ? loss : Infinity);
    if (!Number.isFinite(loss)) break;
  }
  return losses;
}

interface Best {
  label: string;
  lr: number;
  losses: number[];
  finalLoss: number;
  point: number[];
  /** Final loss at PyTorch's default learning rate. */
  defaultLoss: number;
  /** Relative change of the final loss at the best lr when x0[0] moves by one ulp. */
  nudged: number;
}

/** Final loss after `problem.steps` steps from `x0` (Infinity when the run left the numbers). */
function finalLossFrom(problem: Problem, x0: number[], setting: Setting): number {
  const losses = lossCurve({ ...problem, x0 }, setting);
  return losses.length === problem.steps + 1 ? losses[losses.length - 1] : Infinity;
}

/** The next float above `x`, for x ≠ 0: one unit in the last place. */
function nextUp(x: number): number {
  const bits = new Float64Array([x]);
  const view = new BigInt64Array(bits.buffer);
  view[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

/** Ranks (1 = lowest) of `values`, ties sharing the better rank. */
function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w < v).length);
}

function bestRuns(problem: Problem): Best[] {
  return COMPARED.map((c) => {
    let best: Best | null = null;
    for (const lr of LR_GRID) {
      const losses = lossCurve(problem, c.at(lr));
      const finalLoss = losses.length === problem.steps + 1 ? losses[losses.length - 1] : Infinity;
      // Ties (equal final loss) go to the smaller learning rate, the first one tried.
      if (best === null || finalLoss < best.finalLoss) {
        best = { label: c.label, lr, losses, finalLoss, point: [], defaultLoss: 0, nudged: 0 };
      }
    }
    const opt = createOptimizer(c.at(best!.lr));
    const p = Float64Array.from(problem.x0);
    const g = new Float64Array(p.length);
    for (let k = 0; k < problem.steps; k++) {
      problem.grad(p, g);
      opt.step(p, g);
    }
    best!.point = Array.from(p);
    best!.defaultLoss = finalLossFrom(problem, problem.x0, c.at(c.defaultLr));
    const nudgedStart = [nextUp(problem.x0[0]), ...problem.x0.slice(1)];
    const nudgedLoss = finalLossFrom(problem, nudgedStart, c.at(best!.lr));
    best!.nudged = Math.abs(nudgedLoss - best!.finalLoss) / best!.finalLoss;
    return best!;
  });
}

const cache = new Map<Problem, Best[]>();
function comparison(problem: Problem): Best[] {
  if (!cache.has(problem)) cache.set(problem, bestRuns(problem));
  return cache.get(problem)!;
}

function comparisonTable(problem: Problem): string {
  const rows = [
    `| optimizer | at PyTorch's default lr: loss after ${problem.steps} steps (rank) | best lr on the grid | loss after ${problem.steps} steps (rank) | where it ended | change under a 1-ulp nudge of the start |`,
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const runs = comparison(problem);
  const defaultRanks = ranks(runs.map((b) => b.defaultLoss));
  const tunedRanks = ranks(runs.map((b) => b.finalLoss));
  const sup3 = { digits: 3, exponent: "sup" } as const;
  runs.forEach((b, i) => {
    const lr = COMPARED[i].defaultLr;
    rows.push(
      `| ${b.label} | ${formatNumber(b.defaultLoss, sup3)} at ${lr} (${
        defaultRanks[i]
      }) | ${b.lr} | ${formatNumber(b.finalLoss, sup3)} (${tunedRanks[i]}) | (${
        formatNumber(b.point[0], { digits: 4, exponent: "sup" })
      }, ${formatNumber(b.point[1], { digits: 4, exponent: "sup" })}) | ${
        b.nudged > CHAOTIC
          ? `**${formatNumber(b.nudged, { digits: 2 })}**`
          : formatNumber(b.nudged, { digits: 1, exponent: "sup" })
      } |`,
    );
  });
  return rows.join("\n");
}

/** Whether tuning the rate reordered the optimizers on either problem, as the lesson words it. */
function rankingChanged(): string {
  const changed = [QUADRATIC, ROSENBROCK].some((problem) => {
    const runs = comparison(problem);
    const before = ranks(runs.map((b) => b.defaultLoss));
    const after = ranks(runs.map((b) => b.finalLoss));
    return before.some((r, i) => r !== after[i]);
  });
  return changed ? "changes the ranking" : "leaves the ranking as it was";
}

/** The rows of `problem` whose final loss moves by more than {@link CHAOTIC} under a 1-ulp nudge. */
function chaoticRows(problem: Problem): string {
  const names = comparison(problem).filter((b) => b.nudged > CHAOTIC).map((b) => b.label);
  return names.length === 0 ? "none" : names.join(" and ");
}

// Keras's Adam ("epsilon hat"): θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε̂), ε̂ = 1e-7.
function kerasAdamFirstStep(g: number, lr: number, eps: number): number {
  const b1 = 0.9, b2 = 0.999;
  const m = (1 - b1) * g, v = (1 - b2) * g * g;
  const alpha = lr * Math.sqrt(1 - b2) / (1 - b1);
  return alpha * m / (Math.sqrt(v) + eps);
}

function epsilonTable(): string {
  const lr = 1e-3;
  const rows = [
    "| gradient g | PyTorch Adam first step (ε = 1e-8 on √v̂) | Keras Adam first step (ε̂ = 1e-7 on √v) |",
    "| --- | --- | --- |",
  ];
  for (const g of [1, 1e-3, 1e-6, 1e-7, 1e-8, 1e-9]) {
    const p = new Float64Array([0]);
    adam({ lr }).step(p, new Float64Array([g]));
    rows.push(
      `| ${formatNumber(g, { digits: 1, exponent: "sup" })} | ${
        formatNumber(-p[0], { digits: 4, exponent: "sup" })
      } | ${formatNumber(kerasAdamFirstStep(g, lr, 1e-7), { digits: 4, exponent: "sup" })} |`,
    );
  }
  return rows.join("\n");
}

function decayTable(): string {
  // A parameter at 1 with no loss gradient at all: only weight decay moves it.
  const lr = 1e-3, steps = 1000;
  const rows = [
    `| weight decay λ | Adam + L2 (coupled): θ after ${steps} steps | AdamW (decoupled): θ after ${steps} steps | SGD + L2, lr 0.1 |`,
    "| --- | --- | --- | --- |",
  ];
  for (const wd of [1e-4, 1e-2, 1]) {
    const run = (opt: Optimizer) => {
      const p = new Float64Array([1]);
      for (let k = 0; k < steps; k++) opt.step(p, new Float64Array([0]));
      return p[0];
    };
    rows.push(
      `| ${wd} | ${
        formatNumber(run(adam({ lr, weightDecay: wd })), { digits: 4, exponent: "sup" })
      } | ${formatNumber(run(adamw({ lr, weightDecay: wd })), { digits: 4, exponent: "sup" })} | ${
        formatNumber(run(sgd({ lr: 0.1, weightDecay: wd })), { digits: 4, exponent: "sup" })
      } |`,
    );
  }
  return rows.join("\n");
}

function comparisonFigure(problem: Problem): Promise<string> {
  return lineChart({
    title: `${problem.label}: each optimizer at its best grid lr`,
    xLabel: "step",
    yLabel: "loss (floored at 1e-12)",
    logY: true,
    series: comparison(problem).map((b) => ({
      name: `${b.label}, lr ${b.lr}`,
      x: b.losses.map((_, k) => k),
      y: b.losses.map((l) => Math.max(l, 1e-12)),
    })),
  });
}

export const content: LessonContent = {
  cases,
  blocks: {
    "worked-steps": workedStepsTable,
    "compare-quadratic": () => comparisonTable(QUADRATIC),
    "compare-rosenbrock": () => comparisonTable(ROSENBROCK),
    "keras-epsilon": epsilonTable,
    "decay-table": decayTable,
  },
  values: {
    "ranking-changed": rankingChanged,
    "rosenbrock-chaotic": () => chaoticRows(ROSENBROCK),
    "quadratic-chaotic": () => chaoticRows(QUADRATIC),
    "chaotic-threshold": () => formatNumber(CHAOTIC),
  },
  figures: {
    "compare-quadratic": () => comparisonFigure(QUADRATIC),
    "compare-rosenbrock": () => comparisonFigure(ROSENBROCK),
  },
};

/**
 * What lesson 04's topics share: an optimizer named by a setting, its trajectory on a separable
 * quadratic, the graded case that records it, the seeded random problems, and the worked
 * example's settings.
 *
 * @module
 */

import { integer, logUniform, type Random, seededRandom, uniform } from "../../lib/random.ts";
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
} from "../../../solutions/04-optimizers/optimizers.ts";

/** Each optimizer's options, by the name the cases use. */
export interface OptionsOf {
  sgd: SgdOptions;
  adagrad: AdagradOptions;
  adadelta: AdadeltaOptions;
  rmsprop: RmspropOptions;
  adam: AdamOptions;
  adamw: AdamOptions;
}

/** An optimizer and its options: the name says which options apply. */
export type Setting = {
  [N in keyof OptionsOf]: { name: N; options: OptionsOf[N] };
}[keyof OptionsOf];

/** The optimizer a setting names, with its options. */
export function createOptimizer(setting: Setting): Optimizer {
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
export function quadraticTrajectory(
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
export interface TrajectoryCase<O> {
  options: O;
  a: number[];
  c: number[];
  x0: number[];
  trajectory: number[][];
  /** The learning rate set before each step, when it changes. */
  lrs?: number[];
}

/**
 * The options without the ones left undefined (JSON has no undefined; the optimizers read an
 * undefined option as its default, so the run is the same).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clean } from "./shared.ts";
 * assert.deepEqual(clean({ lr: 0.1, eps: undefined }), { lr: 0.1 });
 * ```
 */
export function clean<O extends object>(options: O): O {
  const out = { ...options };
  for (const key in out) if (out[key] === undefined) delete out[key];
  return out;
}

/** `setting`'s graded case: its trajectory over `steps` steps (lr set from `lrs` when given). */
export function caseOf<S extends Setting>(
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
  const out: TrajectoryCase<S["options"]> = {
    options: clean(setting.options),
    a,
    c,
    x0,
    trajectory,
  };
  if (lrs) out.lrs = lrs;
  return out;
}

/** The worked example: f(x, y) = ½(x² + 100y²), from (−1.5, 0.8). Condition number 100. */
export const WORKED = { a: [1, 100], c: [0, 0], x0: [-1.5, 0.8] };

/** Settings of the worked example and comparison (the lesson's table). */
export const LESSON_SETTINGS: ({ label: string } & Setting)[] = [
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

/** A separable quadratic of 1 to `maxDim` dimensions: curvatures a, centre c and start x0. */
export function randomProblem(
  r: Random,
  maxDim = 4,
  aLow = 0.2,
  aHigh = 5,
): { a: number[]; c: number[]; x0: number[] } {
  const n = integer(r, 1, maxDim);
  const a = Array.from({ length: n }, () => logUniform(r, aLow, aHigh));
  const c = Array.from({ length: n }, () => uniform(r, -2, 2));
  const x0 = Array.from({ length: n }, () => uniform(r, -3, 3));
  return { a, c, x0 };
}

/** `value()` with probability `p`, else undefined (the option left at its default). */
export function maybe<T>(r: Random, p: number, value: () => T): T | undefined {
  return r() < p ? value() : undefined;
}

/**
 * `count` graded cases of random problems, each with the setting `makeSetting` draws (given the
 * problem's largest curvature), all from the seeded stream `seed`.
 */
export function randomCases(
  seed: string,
  count: number,
  makeSetting: (r: Random, maxA: number) => Setting,
  steps = 8,
): TrajectoryCase<Setting["options"]>[] {
  const r = seededRandom(seed);
  const out: TrajectoryCase<Setting["options"]>[] = [];
  for (let k = 0; k < count; k++) {
    const { a, c, x0 } = randomProblem(r);
    out.push(caseOf(makeSetting(r, Math.max(...a)), a, c, x0, steps));
  }
  return out;
}

/** The worked example's case for the lesson's setting `label`: 5 steps. */
export function lessonCase(label: string): TrajectoryCase<Setting["options"]> {
  const s = LESSON_SETTINGS.find((x) => x.label === label)!;
  return caseOf(s, WORKED.a, WORKED.c, WORKED.x0, 5);
}

/** The worked example's case with every option at its default: 5 steps. */
export function defaultsCase(setting: Setting): TrajectoryCase<Setting["options"]> {
  return caseOf(setting, WORKED.a, WORKED.c, WORKED.x0, 5);
}

/** A rate at which plain descent is stable on curvatures up to `maxA`. */
export const stableLr = (r: Random, maxA: number): number => uniform(r, 0.05, 1.5) / maxA;

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

/**
 * The optimizer a setting names, with its options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createOptimizer } from "./shared.ts";
 * const opt = createOptimizer({ name: "sgd", options: { lr: 0.5 } });
 * const p = Float64Array.from([1]);
 * opt.step(p, Float64Array.from([2]));
 * assert.deepEqual(Array.from(p), [0]);
 * ```
 */
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

/**
 * θ after each of `steps` steps on the separable quadratic ½ Σ aᵢ(θᵢ − cᵢ)².
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quadraticTrajectory } from "./shared.ts";
 * // Plain descent on ½·4(θ − 1)²: θ ← θ − 0.1 · 4(θ − 1), from 3.
 * const path = quadraticTrajectory({ name: "sgd", options: { lr: 0.1 } }, [4], [1], [3], 2);
 * assert.equal(path.length, 2);
 * assert.ok(Math.abs(path[0][0] - 2.2) < 1e-12);
 * assert.ok(Math.abs(path[1][0] - 1.72) < 1e-12);
 * ```
 */
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

/**
 * `setting`'s graded case: its trajectory over `steps` steps (lr set from `lrs` when given).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseOf } from "./shared.ts";
 * const c = caseOf({ name: "sgd", options: { lr: 0.1, momentum: undefined } }, [4], [1], [3], 1);
 * assert.deepEqual(c.options, { lr: 0.1 });
 * assert.ok(Math.abs(c.trajectory[0][0] - 2.2) < 1e-12);
 * assert.throws(() => caseOf({ name: "sgd", options: { lr: 1e300 } }, [1e10], [0], [1e10], 3), /non-finite/);
 * ```
 */
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

/**
 * A separable quadratic of 1 to `maxDim` dimensions: curvatures a, centre c and start x0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { randomProblem } from "./shared.ts";
 * const { a, c, x0 } = randomProblem(seededRandom("demo"), 3);
 * assert.ok(a.length >= 1 && a.length <= 3);
 * assert.equal(c.length, a.length);
 * assert.equal(x0.length, a.length);
 * assert.ok(a.every((x) => x >= 0.2 && x <= 5));
 * ```
 */
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

/**
 * `value()` with probability `p`, else undefined (the option left at its default).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maybe } from "./shared.ts";
 * assert.equal(maybe(() => 0.1, 0.5, () => "set"), "set");
 * assert.equal(maybe(() => 0.9, 0.5, () => "set"), undefined);
 * ```
 */
export function maybe<T>(r: Random, p: number, value: () => T): T | undefined {
  return r() < p ? value() : undefined;
}

/**
 * `count` graded cases of random problems, each with the setting `makeSetting` draws (given the
 * problem's largest curvature), all from the seeded stream `seed`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomCases, stableLr } from "./shared.ts";
 * const make = (r: () => number, maxA: number) => ({ name: "sgd" as const, options: { lr: stableLr(r, maxA) } });
 * const cases = randomCases("demo", 3, make, 4);
 * assert.equal(cases.length, 3);
 * assert.ok(cases.every((c) => c.trajectory.length === 4 && c.trajectory[0].length === c.a.length));
 * assert.deepEqual(cases, randomCases("demo", 3, make, 4));
 * ```
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

/**
 * The worked example's case for the lesson's setting `label`: 5 steps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessonCase, WORKED } from "./shared.ts";
 * const c = lessonCase("SGD");
 * assert.deepEqual(c.options, { lr: 0.015 });
 * assert.deepEqual(c.x0, WORKED.x0);
 * assert.equal(c.trajectory.length, 5);
 * ```
 */
export function lessonCase(label: string): TrajectoryCase<Setting["options"]> {
  const s = LESSON_SETTINGS.find((x) => x.label === label)!;
  return caseOf(s, WORKED.a, WORKED.c, WORKED.x0, 5);
}

/**
 * The worked example's case with every option at its default: 5 steps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultsCase } from "./shared.ts";
 * const c = defaultsCase({ name: "adadelta", options: {} });
 * assert.deepEqual(c.options, {});
 * assert.equal(c.trajectory.length, 5);
 * ```
 */
export function defaultsCase(setting: Setting): TrajectoryCase<Setting["options"]> {
  return caseOf(setting, WORKED.a, WORKED.c, WORKED.x0, 5);
}

/**
 * A rate at which plain descent is stable on curvatures up to `maxA`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { stableLr } from "./shared.ts";
 * const random = seededRandom("demo");
 * for (let i = 0; i < 20; i++) {
 *   const lr = stableLr(random, 4);
 *   assert.ok(lr * 4 >= 0.05 && lr * 4 < 2, String(lr));
 * }
 * ```
 */
export const stableLr = (r: Random, maxA: number): number => uniform(r, 0.05, 1.5) / maxA;

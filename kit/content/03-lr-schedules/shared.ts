/**
 * What lesson 03's topics share: how a graded case is written, the seeded draws of random
 * cases, and a figure's series.
 *
 * @module
 */

import { integer, logUniform, type Random, seededRandom, uniform } from "../../lib/random.ts";
import type { Series } from "../../lib/plot.ts";

/** A per-epoch schedule's graded case. */
export interface Point<C> {
  config: C;
  epoch: number;
  expected: number;
}

/** A per-step schedule's graded case. */
export interface StepPoint<C> {
  config: C;
  step: number;
  expected: number;
}

/**
 * `from`, `from + step`, … up to `to` (inclusive), rounded to 6 decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { range } from "./shared.ts";
 * assert.deepEqual(range(0, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
 * ```
 */
export function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Number((from + i * step).toFixed(6)));
  return out;
}

/**
 * Rounds a random draw to 4 significant digits, so inputs read well in failure messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { round4 } from "./shared.ts";
 * assert.equal(round4(0.123456), 0.1235);
 * ```
 */
export function round4(x: number): number {
  return Number(x.toPrecision(4));
}

/**
 * The schedule at each of `epochs`, as graded cases.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { points } from "./shared.ts";
 * const halving = (c: { lr0: number }, e: number) => c.lr0 / 2 ** e;
 * assert.deepEqual(points(halving, { lr0: 1 }, [0, 2]), [
 *   { config: { lr0: 1 }, epoch: 0, expected: 1 },
 *   { config: { lr0: 1 }, epoch: 2, expected: 0.25 },
 * ]);
 * ```
 */
export function points<C>(f: (c: C, e: number) => number, config: C, epochs: number[]): Point<C>[] {
  return epochs.map((epoch) => ({ config, epoch, expected: f(config, epoch) }));
}

/**
 * The schedule at each of `steps`, as graded cases.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepPoints } from "./shared.ts";
 * const linear = (c: { slope: number }, s: number) => c.slope * s;
 * assert.deepEqual(stepPoints(linear, { slope: 2 }, [3]), [
 *   { config: { slope: 2 }, step: 3, expected: 6 },
 * ]);
 * ```
 */
export function stepPoints<C>(
  f: (c: C, s: number) => number,
  config: C,
  steps: number[],
): StepPoint<C>[] {
  return steps.map((step) => ({ config, step, expected: f(config, step) }));
}

/**
 * `count` graded cases at configurations and epochs drawn from the seeded `draw`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomPoints } from "./shared.ts";
 * const draw = (random: () => number) => ({ config: { lr0: random() }, epoch: 1 });
 * const cases = randomPoints("demo", 3, (c: { lr0: number }, e) => c.lr0 * e, draw);
 * assert.equal(cases.length, 3);
 * for (const c of cases) assert.equal(c.expected, c.config.lr0);
 * assert.deepEqual(cases, randomPoints("demo", 3, (c: { lr0: number }, e) => c.lr0 * e, draw));
 * ```
 */
export function randomPoints<C>(
  seed: string,
  count: number,
  f: (c: C, e: number) => number,
  draw: (random: Random) => { config: C; epoch: number },
): Point<C>[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const { config, epoch } = draw(random);
    return { config, epoch, expected: f(config, epoch) };
  });
}

/**
 * `count` graded cases at configurations and steps drawn from the seeded `draw`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomStepPoints } from "./shared.ts";
 * const draw = (random: () => number) => ({ config: { lr0: random() }, step: 2 });
 * const cases = randomStepPoints("demo", 2, (c: { lr0: number }, s) => c.lr0 * s, draw);
 * assert.equal(cases.length, 2);
 * for (const c of cases) assert.equal(c.expected, 2 * c.config.lr0);
 * ```
 */
export function randomStepPoints<C>(
  seed: string,
  count: number,
  f: (c: C, s: number) => number,
  draw: (random: Random) => { config: C; step: number },
): StepPoint<C>[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const { config, step } = draw(random);
    return { config, step, expected: f(config, step) };
  });
}

/**
 * One of `items`, drawn uniformly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { pick } from "./shared.ts";
 * const random = seededRandom("demo");
 * const drawn = Array.from({ length: 20 }, () => pick(random, ["a", "b"]));
 * assert.ok(drawn.every((x) => x === "a" || x === "b"));
 * assert.ok(drawn.includes("a") && drawn.includes("b"));
 * ```
 */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[integer(random, 0, items.length - 1)];

/**
 * A learning rate, log-uniform in [1e-4, 1].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { lrDraw } from "./shared.ts";
 * const random = seededRandom("demo");
 * for (let i = 0; i < 50; i++) {
 *   const lr = lrDraw(random);
 *   assert.ok(lr >= 1e-4 && lr <= 1, String(lr));
 * }
 * ```
 */
export const lrDraw = (random: Random): number => round4(logUniform(random, 1e-4, 1));

/**
 * An epoch: usually an integer, sometimes a fraction (a per-batch call).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { epochDraw } from "./shared.ts";
 * const random = seededRandom("demo");
 * const epochs = Array.from({ length: 100 }, () => epochDraw(random, 30));
 * assert.ok(epochs.every((e) => e >= 0 && e <= 30));
 * assert.ok(epochs.some((e) => !Number.isInteger(e)));
 * ```
 */
export const epochDraw = (random: Random, max: number): number =>
  random() < 0.75 ? integer(random, 0, max) : round4(uniform(random, 0, max));

/**
 * A figure's series: `f` at each of `xs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { series } from "./shared.ts";
 * assert.deepEqual(series("square", [1, 2, 3], (x) => x * x, { dashed: true }), {
 *   name: "square",
 *   x: [1, 2, 3],
 *   y: [1, 4, 9],
 *   dashed: true,
 * });
 * ```
 */
export function series(
  name: string,
  xs: number[],
  f: (x: number) => number,
  extra: Partial<Series> = {},
): Series {
  return { name, x: xs, y: xs.map(f), ...extra };
}

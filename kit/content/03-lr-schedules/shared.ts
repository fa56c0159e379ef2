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

/** The schedule at each of `epochs`, as graded cases. */
export function points<C>(f: (c: C, e: number) => number, config: C, epochs: number[]): Point<C>[] {
  return epochs.map((epoch) => ({ config, epoch, expected: f(config, epoch) }));
}

/** The schedule at each of `steps`, as graded cases. */
export function stepPoints<C>(
  f: (c: C, s: number) => number,
  config: C,
  steps: number[],
): StepPoint<C>[] {
  return steps.map((step) => ({ config, step, expected: f(config, step) }));
}

/** `count` graded cases at configurations and epochs drawn from the seeded `draw`. */
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

/** `count` graded cases at configurations and steps drawn from the seeded `draw`. */
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

/** One of `items`, drawn uniformly. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[integer(random, 0, items.length - 1)];

/** A learning rate, log-uniform in [1e-4, 1]. */
export const lrDraw = (random: Random): number => round4(logUniform(random, 1e-4, 1));

/** An epoch: usually an integer, sometimes a fraction (a per-batch call). */
export const epochDraw = (random: Random, max: number): number =>
  random() < 0.75 ? integer(random, 0, max) : round4(uniform(random, 0, max));

/** A figure's series: `f` at each of `xs`. */
export function series(
  name: string,
  xs: number[],
  f: (x: number) => number,
  extra: Partial<Series> = {},
): Series {
  return { name, x: xs, y: xs.map(f), ...extra };
}

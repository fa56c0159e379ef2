/**
 * What lesson 02's topics share: the lesson function and its start, the number style of the
 * tables, and the random quadratics of the graded cases.
 *
 * @module
 */

import type { NumberStyle } from "../format.ts";
import { integer, logUniform, type Random } from "../../lib/random.ts";
import type { Series } from "../../lib/plot.ts";
import { type FunctionSpec, objectiveOf } from "../../../solutions/02-learning-rate/functions.ts";

/** The lesson function, ½x² + 2·log cosh(x − 1). */
export const LESSON: FunctionSpec = { name: "lesson" };
/** Where the lesson's runs start. */
export const X0 = [4];
/** How many steps the lesson's runs take. */
export const STEPS = 30;

/** Exponents as HTML superscripts, as the lesson's tables print them. */
export const SUP: NumberStyle = { exponent: "sup" };

/**
 * The loss at every point of a path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lossesOf } from "./shared.ts";
 * const bowl = { name: "quadratic" as const, curvatures: [2] };
 * assert.deepEqual(lossesOf(bowl, [[1], [0]]), [1, 0]);
 * ```
 */
export const lossesOf = (spec: FunctionSpec, path: number[][]): number[] =>
  path.map((p) => objectiveOf(spec).f(p));

/**
 * A quadratic of 1 to 3 dimensions with log-uniform curvatures in [0.1, 20].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { randomQuadratic } from "./shared.ts";
 * const q = randomQuadratic(seededRandom("demo"));
 * assert.equal(q.name, "quadratic");
 * assert.ok(q.curvatures.length >= 1 && q.curvatures.length <= 3);
 * assert.ok(q.curvatures.every((h) => h >= 0.1 && h <= 20));
 * ```
 */
export function randomQuadratic(r: Random): { name: "quadratic"; curvatures: number[] } {
  const n = integer(r, 1, 3);
  return { name: "quadratic", curvatures: Array.from({ length: n }, () => logUniform(r, 0.1, 20)) };
}

/**
 * A range test's figure series: the loss at each rate of the sweep, and a dashed vertical line at
 * the suggested rate, spanning the losses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepSeries } from "./shared.ts";
 * const [loss, line] = sweepSeries({ lrs: [0.01, 0.1, 1], losses: [3, 1, 9], suggestedLr: 0.01 });
 * assert.deepEqual(loss.y, [3, 1, 9]);
 * assert.deepEqual(line.x, [0.01, 0.01]);
 * assert.deepEqual(line.y, [1, 9]);
 * assert.equal(line.dashed, true);
 * ```
 */
export function sweepSeries(
  sweep: { lrs: number[]; losses: number[]; suggestedLr: number },
): Series[] {
  return [{ name: "loss", x: sweep.lrs, y: sweep.losses }, {
    name: "suggested lr (lowest-loss lr / 10)",
    x: [sweep.suggestedLr, sweep.suggestedLr],
    y: [Math.min(...sweep.losses), Math.max(...sweep.losses)],
    dashed: true,
  }];
}

/**
 * The functions lesson 02 runs gradient descent on. Given, not an exercise: the graded tests and
 * the lesson's examples name them.
 *
 * @module
 */

/** A function to minimise with its gradient. */
export interface Objective {
  /** The loss at a point. */
  f: (x: readonly number[]) => number;
  /** ∇f at a point (same length). */
  grad: (x: readonly number[]) => number[];
}

/** log(cosh(u)) without overflow for large |u|. */
function logCosh(u: number): number {
  const a = Math.abs(u);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/**
 * The lesson's function f(x) = ½x² + 2·log cosh(x − 1): smooth and convex, with a curvature
 * f''(x) = 1 + 2/cosh²(x − 1) between 1 (far out) and 3 (at x = 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessonFunction } from "./functions.ts";
 * assert.equal(lessonFunction.f([1]), 0.5);
 * assert.deepEqual(lessonFunction.grad([1]), [1]);
 * ```
 */
export const lessonFunction: Objective = {
  f: (x) => 0.5 * x[0] * x[0] + 2 * logCosh(x[0] - 1),
  grad: (x) => [x[0] + 2 * Math.tanh(x[0] - 1)],
};

/**
 * The quadratic f(x) = ½ Σ hᵢ·xᵢ², whose curvature along axis i is hᵢ.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quadratic } from "./functions.ts";
 * const q = quadratic([1, 100]);
 * assert.equal(q.f([1, 1]), 50.5);
 * assert.deepEqual(q.grad([1, 1]), [1, 100]);
 * ```
 */
export function quadratic(curvatures: readonly number[]): Objective {
  const h = [...curvatures];
  return {
    f: (x) => 0.5 * h.reduce((sum, hi, i) => sum + hi * x[i] * x[i], 0),
    grad: (x) => h.map((hi, i) => hi * x[i]),
  };
}

/** How a graded case names its function: the lesson function or a quadratic. */
export type FunctionSpec = { name: "lesson" } | { name: "quadratic"; curvatures: number[] };

/**
 * The function a spec names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { objectiveOf } from "./functions.ts";
 * assert.equal(objectiveOf({ name: "quadratic", curvatures: [2] }).f([3]), 9);
 * ```
 */
export function objectiveOf(spec: FunctionSpec): Objective {
  return spec.name === "lesson" ? lessonFunction : quadratic(spec.curvatures);
}

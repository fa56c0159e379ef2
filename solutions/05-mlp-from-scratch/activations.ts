/**
 * Element-wise activations and their derivatives.
 *
 * | name      | f(z)               | f'(z), written with a = f(z)        |
 * | --------- | ------------------ | ----------------------------------- |
 * | `relu`    | max(0, z)          | 1 if z > 0, else 0 (0 at z = 0)     |
 * | `tanh`    | tanh(z)            | 1 − a²                              |
 * | `sigmoid` | 1 / (1 + e^(−z))   | a · (1 − a)                         |
 *
 * ReLU has no derivative at exactly 0; like PyTorch, the kit uses 0 there.
 *
 * @module
 */

/** The activations of the course's MLP. */
export type Activation = "relu" | "tanh" | "sigmoid";

/**
 * Applies `kind` to every element of `z`, writing into `a` (allocated when omitted).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { activate } from "./activations.ts";
 * assert.deepEqual(Array.from(activate("relu", new Float64Array([-1, 0, 2]))), [0, 0, 2]);
 * ```
 */
export function activate(
  kind: Activation,
  z: Float64Array,
  a: Float64Array = new Float64Array(z.length),
): Float64Array {
  // BEGIN SOLUTION "TODO: apply relu, tanh or sigmoid element by element"
  const n = z.length;
  if (kind === "relu") {
    for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
  } else if (kind === "tanh") {
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
  } else if (kind === "sigmoid") {
    for (let i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-z[i]));
  } else {
    throw new Error(`unknown activation: ${kind}`);
  }
  return a;
  // END SOLUTION
}

/**
 * Backward pass of an activation: `dz = da · f'(z)`, element by element, written into `dz`
 * (allocated when omitted). `a` must hold `f(z)`: tanh and sigmoid read their derivative from
 * it; ReLU reads `z` (derivative 0 at z = 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { activationBackward } from "./activations.ts";
 * const z = new Float64Array([-1, 0, 2]);
 * const a = new Float64Array([0, 0, 2]);
 * const da = new Float64Array([5, 5, 5]);
 * assert.deepEqual(Array.from(activationBackward("relu", z, a, da)), [0, 0, 5]);
 * ```
 */
export function activationBackward(
  kind: Activation,
  z: Float64Array,
  a: Float64Array,
  da: Float64Array,
  dz: Float64Array = new Float64Array(z.length),
): Float64Array {
  // BEGIN SOLUTION "TODO: dz = da · derivative of f at z (the ReLU derivative is 0 at z = 0)"
  const n = z.length;
  if (kind === "relu") {
    for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  } else if (kind === "tanh") {
    for (let i = 0; i < n; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
  } else if (kind === "sigmoid") {
    for (let i = 0; i < n; i++) dz[i] = da[i] * a[i] * (1 - a[i]);
  } else {
    throw new Error(`unknown activation: ${kind}`);
  }
  return dz;
  // END SOLUTION
}

// deno-lint-ignore-file no-unused-vars
/**
 * A dense (fully connected) layer on flat, row-major `Float64Array`s.
 *
 * Shapes, with `B` the batch size, `I` the layer's inputs and `O` its outputs:
 *
 * ```text
 * x  : B × I     one example per row
 * W  : I × O     row k holds the weights leaving input k
 * b  : O
 * y  : B × O     y = x·W + b
 * ```
 *
 * @module
 */

/**
 * Forward pass of a dense layer: `y = x·W + b`, written into `y` (allocated when omitted).
 *
 * `y[i, j] = b[j] + Σ_k x[i, k] · W[k, j]`, with `W[k, j]` at index `k * outSize + j`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseForward } from "./dense.ts";
 * // one example with 2 inputs, a layer with 3 outputs
 * const x = new Float64Array([1, 2]);
 * const w = new Float64Array([1, 0, -1, 0, 1, 1]); // 2 × 3
 * const b = new Float64Array([0, 0, 0.5]);
 * assert.deepEqual(Array.from(denseForward(x, w, b, 1, 2, 3)), [1, 2, 1.5]);
 * ```
 */
export function denseForward(
  x: Float64Array,
  w: Float64Array,
  b: Float64Array,
  batch: number,
  inSize: number,
  outSize: number,
  y: Float64Array = new Float64Array(batch * outSize),
): Float64Array {
  throw new Error("TODO: compute y = x·W + b (lesson 05, 'The dense layer')");
}

/**
 * Backward pass of a dense layer. Given `dy = ∂L/∂y` (B × O), writes
 *
 * ```text
 * dW = xᵀ·dy      (I × O)   summed over the batch
 * db = Σ_i dy[i]  (O)       summed over the batch
 * dx = dy·Wᵀ      (B × I)   only when `dx` is not null (the first layer does not need it)
 * ```
 *
 * `dw` and `db` are overwritten, not accumulated into.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseBackward } from "./dense.ts";
 * const x = new Float64Array([1, 2, 3, 4]); // 2 examples × 2 inputs
 * const w = new Float64Array([1, 2]); // 2 inputs × 1 output
 * const dy = new Float64Array([1, -1]);
 * const dw = new Float64Array(2), db = new Float64Array(1), dx = new Float64Array(4);
 * denseBackward(x, w, dy, 2, 2, 1, dw, db, dx);
 * assert.deepEqual(Array.from(dw), [-2, -2]);
 * assert.deepEqual(Array.from(db), [0]);
 * assert.deepEqual(Array.from(dx), [1, 2, -1, -2]);
 * ```
 */
export function denseBackward(
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  batch: number,
  inSize: number,
  outSize: number,
  dw: Float64Array,
  db: Float64Array,
  dx: Float64Array | null,
): void {
  throw new Error("TODO: compute dW = xᵀ·dy, db = Σ dy, dx = dy·Wᵀ (lesson 05, 'Backpropagation')");
}

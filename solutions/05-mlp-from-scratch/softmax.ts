/**
 * Softmax and the softmax cross-entropy loss, computed stably.
 *
 * For one row of logits z and its label y:
 *
 * ```text
 * softmax(z)_j = e^(z_j − m) / Σ_c e^(z_c − m),   m = max_c z_c   (same value, no overflow)
 * loss         = log Σ_c e^(z_c − m) + m − z_y                    (= −log softmax(z)_y)
 * ∂loss/∂z_j   = softmax(z)_j − [j = y]
 * ```
 *
 * Over a batch the loss is the **mean** over its B rows (as PyTorch's `CrossEntropyLoss` with
 * `reduction="mean"`), so every gradient row is divided by B.
 *
 * @module
 */

/**
 * Softmax of each row of `logits` (B × C), written into `out` (allocated when omitted).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmax } from "./softmax.ts";
 * const p = softmax(new Float64Array([1000, 1000]), 1, 2);
 * assert.deepEqual(Array.from(p), [0.5, 0.5]);
 * ```
 */
export function softmax(
  logits: Float64Array,
  batch: number,
  classes: number,
  out: Float64Array = new Float64Array(batch * classes),
): Float64Array {
  // BEGIN SOLUTION "TODO: subtract each row's max, exponentiate, divide by the row sum"
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    let m = -Infinity;
    for (let j = 0; j < classes; j++) if (logits[row + j] > m) m = logits[row + j];
    let sum = 0;
    for (let j = 0; j < classes; j++) {
      const e = Math.exp(logits[row + j] - m);
      out[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < classes; j++) out[row + j] /= sum;
  }
  return out;
  // END SOLUTION
}

/**
 * Mean softmax cross-entropy of `logits` (B × C) against integer `labels` (B values in
 * `[0, C)`). When `grad` is given, writes `∂loss/∂logits = (softmax − onehot) / B` into it.
 * Throws a `RangeError` when a label is not an integer in `[0, C)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmaxCrossEntropy } from "./softmax.ts";
 * const grad = new Float64Array(2);
 * const loss = softmaxCrossEntropy(new Float64Array([0, 0]), [1], 1, 2, grad);
 * assert.equal(loss.toFixed(4), "0.6931");
 * assert.deepEqual(Array.from(grad), [0.5, -0.5]);
 * ```
 */
export function softmaxCrossEntropy(
  logits: Float64Array,
  labels: ArrayLike<number>,
  batch: number,
  classes: number,
  grad?: Float64Array,
): number {
  // BEGIN SOLUTION "TODO: mean of log Σ e^(z − m) + m − z_y, and grad = (softmax − onehot) / B"
  let total = 0;
  const scale = 1 / batch;
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    const y = labels[i];
    if (!(y >= 0 && y < classes && y === Math.floor(y))) {
      throw new RangeError(`label ${y} of row ${i} is not a class in [0, ${classes})`);
    }
    let m = -Infinity;
    for (let j = 0; j < classes; j++) if (logits[row + j] > m) m = logits[row + j];
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(logits[row + j] - m);
    const logSum = Math.log(sum);
    total += logSum + m - logits[row + y];
    if (grad) {
      for (let j = 0; j < classes; j++) {
        grad[row + j] = Math.exp(logits[row + j] - m - logSum) * scale;
      }
      grad[row + y] -= scale;
    }
  }
  return total * scale;
  // END SOLUTION
}

// deno-lint-ignore-file no-unused-vars
/**
 * A multilayer perceptron: dense layers, one activation between them, softmax cross-entropy on
 * top, and backpropagation through all of it.
 *
 * All parameters live in **one** `Float64Array` (`params`) and all gradients in another of the
 * same length (`grads`); each layer's `w`, `b`, `dw`, `db` are views (`subarray`) into them.
 * An optimizer therefore updates the whole network with one `step(params, grads)` call.
 *
 * Layout of `params` (and `grads`), layer after layer: `W₁` (I₁ × O₁, row-major), `b₁` (O₁),
 * `W₂`, `b₂`, …
 *
 * @module
 */

import { normal, type Random, seededRandom, uniform } from "../../kit/lib/random.ts";
import { activate, type Activation, activationBackward } from "./activations.ts";
import { denseBackward, denseForward } from "./dense.ts";
import { softmaxCrossEntropy } from "./softmax.ts";

export type { Activation } from "./activations.ts";

/** Weight initialisation schemes. */
export type Init = "he" | "xavier";

/** How to build an MLP. */
export interface MlpConfig {
  /** Layer sizes from input to output, e.g. `[64, 64, 10]` (at least two). */
  sizes: number[];
  /** Activation of every hidden layer (default `"relu"`). */
  activation?: Activation;
  /** Weight initialisation (default `"he"`). */
  init?: Init;
  /** Seed of the initial weights (default 0). */
  seed?: number | string;
}

/** One dense layer: views into the network's `params` and `grads`. */
export interface Layer {
  /** Inputs of the layer. */
  inSize: number;
  /** Outputs of the layer. */
  outSize: number;
  /** Weights, inSize × outSize, row-major. */
  w: Float64Array;
  /** Biases, outSize. */
  b: Float64Array;
  /** Gradient of the weights (same shape as `w`). */
  dw: Float64Array;
  /** Gradient of the biases. */
  db: Float64Array;
}

/** A multilayer perceptron. */
export interface Mlp {
  /** Layer sizes from input to output. */
  sizes: number[];
  /** Activation of the hidden layers. */
  activation: Activation;
  /** Every parameter, layer after layer (W then b). */
  params: Float64Array;
  /** The gradient of the last {@link lossAndGradient} call, laid out as `params`. */
  grads: Float64Array;
  /** The layers, whose arrays are views into `params` and `grads`. */
  layers: Layer[];
}

/** Options of {@link lossAndGradient}. */
export interface LossOptions {
  /** L2 penalty λ: adds (λ/2)·Σ W² over the weights (not the biases) to the loss. Default 0. */
  l2?: number;
  /** Dropout probability p of the hidden activations (inverted dropout). Default 0. */
  dropout?: number;
  /** Source of the dropout masks; required when `dropout > 0`. */
  random?: Random;
}

/**
 * Builds an MLP and initialises it from `seed`. Biases start at 0. Weights are drawn layer by
 * layer, each `W` in row-major order, from one `seededRandom(seed)`:
 *
 * - `"he"` (He et al., 2015): `normal(random) · √(2 / fanIn)`, suited to ReLU;
 * - `"xavier"` (Glorot & Bengio, 2010, uniform form): `uniform(random, −r, r)` with
 *   `r = √(6 / (fanIn + fanOut))`, suited to tanh and sigmoid.
 *
 * Throws a `RangeError` unless `sizes` holds at least two positive integers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp } from "./mlp.ts";
 * const net = createMlp({ sizes: [4, 8, 3], activation: "tanh", init: "xavier", seed: 1 });
 * assert.equal(net.params.length, 67);
 * assert.equal(net.layers[1].w.length, 24);
 * ```
 */
export function createMlp(config: MlpConfig): Mlp {
  throw new Error("TODO: allocate params and grads, make the layer views, draw the weights");
}

/**
 * The network's logits for `batch` examples (rows of `x`, B × sizes[0]), without dropout.
 * Returns a new array, B × (last size).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, forward } from "./mlp.ts";
 * const net = createMlp({ sizes: [2, 3, 2], seed: 7 });
 * assert.equal(forward(net, new Float64Array([1, -1, 0, 2]), 2).length, 4);
 * ```
 */
export function forward(model: Mlp, x: Float64Array, batch: number): Float64Array {
  throw new Error("TODO: dense, activation, dense, …: return the logits");
}

/**
 * Mean softmax cross-entropy of the batch (plus the L2 penalty), and backpropagation: fills
 * `model.grads` (overwriting it) with the gradient of that loss with respect to `model.params`.
 * Throws when `dropout` is outside [0, 1), or positive without `random`.
 *
 * With dropout, one mask value is drawn per hidden activation, layer by layer, row-major:
 * dropped when `random() < p`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, lossAndGradient } from "./mlp.ts";
 * const net = createMlp({ sizes: [2, 4, 3], seed: 3 });
 * const loss = lossAndGradient(net, new Float64Array([0.5, -1]), [2], 1, { l2: 1e-3 });
 * assert.ok(loss > 0);
 * assert.ok(net.grads.some((g) => g !== 0));
 * ```
 */
export function lossAndGradient(
  model: Mlp,
  x: Float64Array,
  labels: ArrayLike<number>,
  batch: number,
  options: LossOptions = {},
): number {
  throw new Error("TODO: forward pass, softmax cross-entropy, then backward layer by layer");
}

/**
 * The predicted class (argmax of the logits) of each of the `rows` examples of `x`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, predict } from "./mlp.ts";
 * const net = createMlp({ sizes: [2, 3, 4], seed: 1 });
 * const p = predict(net, new Float64Array([1, 2, 3, 4]), 2);
 * assert.equal(p.length, 2);
 * assert.ok(p.every((c) => c >= 0 && c < 4));
 * ```
 */
export function predict(model: Mlp, x: Float64Array, rows: number): Int32Array {
  throw new Error("TODO: argmax of each row of the logits");
}

/**
 * The fraction of the `rows` examples of `x` whose predicted class equals their label.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { accuracy, createMlp } from "./mlp.ts";
 * const net = createMlp({ sizes: [1, 2], seed: 1 });
 * const acc = accuracy(net, new Float64Array([1, -1]), [0, 1], 2);
 * assert.ok(acc >= 0 && acc <= 1);
 * ```
 */
export function accuracy(
  model: Mlp,
  x: Float64Array,
  labels: ArrayLike<number>,
  rows: number,
): number {
  throw new Error("TODO: the fraction of predictions equal to the labels");
}

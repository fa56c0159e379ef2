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
  // BEGIN SOLUTION "TODO: allocate params and grads, make the layer views, draw the weights"
  const { sizes, activation = "relu", init = "he", seed = 0 } = config;
  if (sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new RangeError(`sizes must be at least two positive integers, got [${sizes}]`);
  }
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1] + sizes[l + 1];
  const params = new Float64Array(total);
  const grads = new Float64Array(total);
  const layers: Layer[] = [];
  const random = seededRandom(seed);
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inSize = sizes[l], outSize = sizes[l + 1];
    const nw = inSize * outSize;
    const layer: Layer = {
      inSize,
      outSize,
      w: params.subarray(offset, offset + nw),
      b: params.subarray(offset + nw, offset + nw + outSize),
      dw: grads.subarray(offset, offset + nw),
      db: grads.subarray(offset + nw, offset + nw + outSize),
    };
    offset += nw + outSize;
    if (init === "he") {
      const std = Math.sqrt(2 / inSize);
      for (let i = 0; i < nw; i++) layer.w[i] = normal(random) * std;
    } else if (init === "xavier") {
      const r = Math.sqrt(6 / (inSize + outSize));
      for (let i = 0; i < nw; i++) layer.w[i] = uniform(random, -r, r);
    } else {
      throw new Error(`unknown init: ${init}`);
    }
    layers.push(layer);
  }
  return { sizes: [...sizes], activation, params, grads, layers };
}

/** Buffers for one batch size, so that training allocates nothing after the first batch. */
interface Workspace {
  /** Pre-activations z of each layer (the last one holds the logits). */
  z: Float64Array[];
  /** Activations f(z) of each hidden layer. */
  h: Float64Array[];
  /** Inputs of each layer after dropout (equal to `h` without dropout); [0] is unused. */
  a: Float64Array[];
  /** Dropout multipliers of each hidden layer (0 or 1/(1−p)). */
  mask: Float64Array[];
  /** Gradient with respect to each layer's input. */
  da: Float64Array[];
  /** Gradient with respect to each layer's pre-activation z. */
  dz: Float64Array[];
}

const workspaces = new WeakMap<Mlp, Map<number, Workspace>>();

function workspace(model: Mlp, batch: number): Workspace {
  let byBatch = workspaces.get(model);
  if (!byBatch) workspaces.set(model, byBatch = new Map());
  let ws = byBatch.get(batch);
  if (!ws) {
    // One array per layer, sized by the layer's outputs (O) or inputs (I).
    const perLayer = (size: "inSize" | "outSize") =>
      model.layers.map((layer) => new Float64Array(batch * layer[size]));
    ws = {
      z: perLayer("outSize"),
      h: perLayer("outSize"),
      a: perLayer("inSize"),
      mask: perLayer("inSize"),
      da: perLayer("inSize"),
      dz: perLayer("outSize"),
    };
    byBatch.set(batch, ws);
  }
  return ws;
}

/** The forward pass; returns the workspace, whose last `z` holds the logits until the next call. */
function run(model: Mlp, x: Float64Array, batch: number, dropout: number, random?: Random) {
  const ws = workspace(model, batch);
  const last = model.layers.length - 1;
  let input = x;
  for (let l = 0; l <= last; l++) {
    const layer = model.layers[l];
    denseForward(input, layer.w, layer.b, batch, layer.inSize, layer.outSize, ws.z[l]);
    if (l === last) break;
    activate(model.activation, ws.z[l], ws.h[l]);
    input = ws.h[l];
    if (dropout > 0) {
      // Inverted dropout: keep with probability 1 − p and scale by 1/(1 − p), so the expected
      // activation is unchanged and nothing needs rescaling at test time.
      const next = ws.a[l + 1], mask = ws.mask[l + 1], h = ws.h[l];
      const keep = 1 / (1 - dropout);
      for (let i = 0; i < next.length; i++) {
        mask[i] = random!() < dropout ? 0 : keep;
        next[i] = h[i] * mask[i];
      }
      input = next;
    }
  }
  return ws;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: dense, activation, dense, …: return the logits"
  const ws = run(model, x, batch, 0);
  return ws.z[model.layers.length - 1].slice();
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: forward pass, softmax cross-entropy, then backward layer by layer"
  const { l2 = 0, dropout = 0, random } = options;
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`dropout must be in [0, 1): ${dropout}`);
  if (dropout > 0 && !random) throw new Error("dropout needs options.random");
  const ws = run(model, x, batch, dropout, random);
  const layers = model.layers;
  const last = layers.length - 1;
  const classes = layers[last].outSize;
  let loss = softmaxCrossEntropy(ws.z[last], labels, batch, classes, ws.dz[last]);
  for (let l = last; l >= 0; l--) {
    const layer = layers[l];
    const input = l === 0 ? x : dropout > 0 ? ws.a[l] : ws.h[l - 1];
    const dInput = l === 0 ? null : ws.da[l];
    denseBackward(
      input,
      layer.w,
      ws.dz[l],
      batch,
      layer.inSize,
      layer.outSize,
      layer.dw,
      layer.db,
      dInput,
    );
    if (l2 > 0) {
      const w = layer.w, dw = layer.dw;
      let sq = 0;
      for (let i = 0; i < w.length; i++) {
        sq += w[i] * w[i];
        dw[i] += l2 * w[i];
      }
      loss += 0.5 * l2 * sq;
    }
    if (dInput === null) break;
    if (dropout > 0) {
      const mask = ws.mask[l];
      for (let i = 0; i < dInput.length; i++) dInput[i] *= mask[i];
    }
    activationBackward(model.activation, ws.z[l - 1], ws.h[l - 1], dInput, ws.dz[l - 1]);
  }
  return loss;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: argmax of each row of the logits"
  const classes = model.sizes[model.sizes.length - 1];
  const inSize = model.sizes[0];
  const out = new Int32Array(rows);
  const chunk = 256;
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const logits = run(model, x.subarray(start * inSize, (start + n) * inSize), n, 0)
      .z[model.layers.length - 1];
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < classes; j++) {
        if (logits[i * classes + j] > logits[i * classes + best]) best = j;
      }
      out[start + i] = best;
    }
  }
  return out;
  // END SOLUTION
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
  // BEGIN SOLUTION "TODO: the fraction of predictions equal to the labels"
  const predicted = predict(model, x, rows);
  let hits = 0;
  for (let i = 0; i < rows; i++) if (predicted[i] === labels[i]) hits++;
  return hits / rows;
  // END SOLUTION
}

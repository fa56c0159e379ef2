/**
 * The WebAssembly backend: lesson 05's MLP interface, with the arithmetic in the SIMD kernels
 * of `wasm/kernels.ts` and the control flow here, in the reference's order of events.
 *
 * An MLP stays an ordinary {@link Mlp} (its arrays are plain `Float64Array`s, so an MLP built by
 * the TypeScript reference trains here and the other way round). Each call copies the
 * parameters into the module's memory and back; `train` does so once per call, not per batch,
 * keeps the data, the optimizer's state and every buffer there, and returns to JavaScript only
 * for what must stay in JavaScript: the seeded shuffles and dropout draws (the same `Random`
 * as the reference, called in the same order), the label checks and the schedule.
 *
 * @module
 */

import { type Random, seededRandom, shuffle } from "../lib/random.ts";
import { buildMlp } from "./model.ts";
import {
  adamOptimizer,
  adamwOptimizer,
  residentOptimizer,
  rmspropOptimizer,
  sgdOptimizer,
} from "./optimizers.ts";
import type { Engine, Examples, LossOptions, Mlp, TrainHistory, TrainOptions } from "./types.ts";
import { instantiateKernels, type Kernels } from "./wasm/instance.ts";
import { PANEL_COLUMNS } from "./wasm/kernels_wasm.ts";

/** An MLP placed in the module's memory for a batch of up to `capacity` rows (byte addresses). */
interface Placed {
  model: Mlp;
  capacity: number;
  params: number;
  grads: number;
  /** Per layer: weights, biases and their gradients. */
  w: number[];
  b: number[];
  dw: number[];
  db: number[];
  /** Per layer, as the reference's workspace: z, f(z), dropped inputs, masks, dInput, dz. */
  z: number[];
  h: number[];
  a: number[];
  mask: number[];
  da: number[];
  dz: number[];
  /** Scratch for a transposed weight matrix. */
  wT: number;
  /** Scratch for the matrix products' panels of B (see wasm/kernels.ts). */
  panel: number;
  /** A gathered batch: features and i32 labels. */
  x: number;
  y: number;
}

/** Throws the reference's error for a label that is not a class. */
function checkLabel(y: number, row: number, classes: number): void {
  if (!(y >= 0 && y < classes && y === Math.floor(y))) {
    throw new RangeError(`label ${y} of row ${row} is not a class in [0, ${classes})`);
  }
}

/** Throws the reference's errors for bad dropout options. */
function checkDropout(dropout: number, random: Random | undefined): void {
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`dropout must be in [0, 1): ${dropout}`);
  if (dropout > 0 && !random) throw new Error("dropout needs options.random");
}

/** Allocates an MLP's arrays and workspace in the current frame, sharing `params` if given. */
function place(kernels: Kernels, model: Mlp, capacity: number, params?: number): Placed {
  const size = model.params.length;
  const p = params ?? kernels.put(model.params);
  const placed: Placed = {
    model,
    capacity,
    params: p,
    grads: kernels.alloc(size),
    w: [],
    b: [],
    dw: [],
    db: [],
    z: [],
    h: [],
    a: [],
    mask: [],
    da: [],
    dz: [],
    wT: 0,
    panel: 0,
    x: kernels.alloc(capacity * model.sizes[0]),
    y: kernels.alloc(capacity, 4),
  };
  let offset = 0, largest = 0;
  for (const { inSize, outSize } of model.layers) {
    placed.w.push(p + 8 * offset);
    placed.b.push(p + 8 * (offset + inSize * outSize));
    placed.dw.push(placed.grads + 8 * offset);
    placed.db.push(placed.grads + 8 * (offset + inSize * outSize));
    offset += inSize * outSize + outSize;
    largest = Math.max(largest, inSize * outSize);
    for (const [list, width] of [["z", outSize], ["h", outSize], ["dz", outSize]] as const) {
      placed[list].push(kernels.alloc(capacity * width));
    }
    for (const list of ["a", "mask", "da"] as const) {
      placed[list].push(kernels.alloc(capacity * inSize));
    }
  }
  placed.wT = kernels.alloc(largest);
  // A panel holds p rows of one band of columns; p is a layer's input or output size, or the batch.
  placed.panel = kernels.alloc(PANEL_COLUMNS * Math.max(capacity, ...model.sizes));
  return placed;
}

function activate(kernels: Kernels, net: Placed, l: number, count: number): void {
  const { k } = kernels;
  const kind = net.model.activation;
  if (kind === "relu") k.relu(net.z[l], net.h[l], count);
  else if (kind === "tanh") k.tanh(net.z[l], net.h[l], count);
  else if (kind === "sigmoid") k.sigmoid(net.z[l], net.h[l], count);
  else throw new Error(`unknown activation: ${kind}`);
}

function activationBackward(
  kernels: Kernels,
  net: Placed,
  l: number,
  da: number,
  count: number,
): void {
  const { k } = kernels;
  const kind = net.model.activation;
  if (kind === "relu") k.reluBackward(net.z[l], da, net.dz[l], count);
  else if (kind === "tanh") k.tanhBackward(net.h[l], da, net.dz[l], count);
  else if (kind === "sigmoid") k.sigmoidBackward(net.h[l], da, net.dz[l], count);
  else throw new Error(`unknown activation: ${kind}`);
}

/** Draws the dropout masks of one batch, layer by layer, row-major, as the reference does. */
function drawMasks(
  kernels: Kernels,
  net: Placed,
  n: number,
  dropout: number,
  random: Random,
): void {
  const keep = 1 / (1 - dropout);
  for (let l = 0; l + 1 < net.model.layers.length; l++) {
    const mask = kernels.f64(net.mask[l + 1], n * net.model.layers[l].outSize);
    for (let i = 0; i < mask.length; i++) mask[i] = random() < dropout ? 0 : keep;
  }
}

/** The forward pass of `n` rows at `x`; the logits end in the last `z`. */
function forwardPlaced(kernels: Kernels, net: Placed, x: number, n: number, dropout: number): void {
  const { k } = kernels;
  const layers = net.model.layers, last = layers.length - 1;
  const relu = net.model.activation === "relu";
  let input = x;
  for (let l = 0; l <= last; l++) {
    const { inSize, outSize } = layers[l];
    // z = input·W + b; for a ReLU layer the same kernel writes h = relu(z) too.
    const product = l < last && relu ? k.matmulBiasRelu : k.matmulBias;
    product(
      n,
      outSize,
      inSize,
      input,
      8 * inSize,
      8,
      net.w[l],
      net.z[l],
      net.b[l],
      net.panel,
      net.h[l],
    );
    if (l === last) break;
    if (!relu) activate(kernels, net, l, n * outSize);
    input = net.h[l];
    if (dropout > 0) {
      k.multiply(net.h[l], net.mask[l + 1], net.a[l + 1], n * outSize);
      input = net.a[l + 1];
    }
  }
}

/** Loss of the batch at `x` / `net.y` after {@link forwardPlaced}; fills the gradients. */
function backwardPlaced(
  kernels: Kernels,
  net: Placed,
  x: number,
  n: number,
  l2: number,
  dropout: number,
): number {
  const { k } = kernels;
  const layers = net.model.layers, last = layers.length - 1;
  const relu = net.model.activation === "relu";
  let loss = k.softmaxCrossEntropy(
    net.z[last],
    net.y,
    n,
    layers[last].outSize,
    net.dz[last],
    1 / n,
  );
  for (let l = last; l >= 0; l--) {
    const { inSize, outSize } = layers[l];
    const input = l === 0 ? x : dropout > 0 ? net.a[l] : net.h[l - 1];
    // dW = inputᵀ·dz, with db = the column sums of dz computed on the way.
    k.matmulColumnSums(
      inSize,
      outSize,
      n,
      input,
      8,
      8 * inSize,
      net.dz[l],
      net.dw[l],
      0,
      net.panel,
      net.db[l],
    );
    // The input's gradient dz·Wᵀ (Wᵀ copied to rows first); for a ReLU layer without dropout,
    // the same kernel applies relu′ and writes the previous layer's dz directly.
    const fused = relu && dropout === 0;
    if (l > 0) {
      k.transpose(net.w[l], inSize, outSize, net.wT);
      const [product, target] = fused
        ? [k.matmulReluBackward, net.dz[l - 1]]
        : [k.matmul, net.da[l]];
      product(
        n,
        inSize,
        outSize,
        net.dz[l],
        8 * outSize,
        8,
        net.wT,
        target,
        0,
        net.panel,
        net.z[l - 1],
      );
    }
    if (l2 > 0) loss += 0.5 * l2 * k.l2Penalty(net.w[l], net.dw[l], inSize * outSize, l2);
    if (l === 0 || fused) continue;
    if (dropout > 0) k.multiply(net.da[l], net.mask[l], net.da[l], n * inSize);
    activationBackward(kernels, net, l - 1, net.da[l], n * inSize);
  }
  return loss;
}

/** Argmax of each row's logits for `rows` rows at `x`, in chunks of the net's capacity. */
function predictPlaced(kernels: Kernels, net: Placed, x: number, rows: number): Int32Array {
  const layers = net.model.layers;
  const classes = layers[layers.length - 1].outSize, inSize = net.model.sizes[0];
  const out = new Int32Array(rows);
  for (let start = 0; start < rows; start += net.capacity) {
    const n = Math.min(net.capacity, rows - start);
    forwardPlaced(kernels, net, x + 8 * start * inSize, n, 0);
    const logits = kernels.f64(net.z[layers.length - 1], n * classes);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < classes; j++) {
        if (logits[i * classes + j] > logits[i * classes + best]) best = j;
      }
      out[start + i] = best;
    }
  }
  return out;
}

function countHits(predicted: Int32Array, labels: ArrayLike<number>, rows: number): number {
  let hits = 0;
  for (let i = 0; i < rows; i++) if (predicted[i] === labels[i]) hits++;
  return hits / rows;
}

function predict(kernels: Kernels, model: Mlp, x: Float64Array, rows: number): Int32Array {
  return kernels.withFrame(() => {
    const net = place(kernels, model, Math.max(1, Math.min(256, rows)));
    return predictPlaced(kernels, net, kernels.put(x.subarray(0, rows * model.sizes[0])), rows);
  });
}

function lossAndGradient(
  kernels: Kernels,
  model: Mlp,
  x: Float64Array,
  labels: ArrayLike<number>,
  batch: number,
  options: LossOptions = {},
): number {
  const { l2 = 0, dropout = 0, random } = options;
  checkDropout(dropout, random);
  return kernels.withFrame(() => {
    const net = place(kernels, model, batch);
    const xa = kernels.put(x.subarray(0, batch * model.sizes[0]));
    if (dropout > 0) drawMasks(kernels, net, batch, dropout, random!);
    const classes = model.sizes[model.sizes.length - 1];
    for (let i = 0; i < batch; i++) checkLabel(labels[i], i, classes);
    kernels.i32(net.y, batch).set(Array.from({ length: batch }, (_, i) => labels[i]));
    forwardPlaced(kernels, net, xa, batch, dropout);
    const loss = backwardPlaced(kernels, net, xa, batch, l2, dropout);
    model.grads.set(kernels.f64(net.grads, model.grads.length));
    return loss;
  });
}

function train(kernels: Kernels, model: Mlp, data: Examples, options: TrainOptions): TrainHistory {
  const { k } = kernels;
  const { epochs, batchSize, optimizer, schedule, l2 = 0, dropout = 0, seed = 0 } = options;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const inSize = model.sizes[0], rows = data.rows, size = model.params.length;
  if (data.features.length !== rows * inSize) {
    throw new RangeError(`features hold ${data.features.length} values, not ${rows} × ${inSize}`);
  }
  const classes = model.sizes[model.sizes.length - 1];
  const random: Random = seededRandom(seed);
  const order = Array.from({ length: rows }, (_, i) => i);
  const history: TrainHistory = { loss: [], lr: [], validationAccuracy: [] };
  return kernels.withFrame(() => {
    const net = place(kernels, model, batchSize);
    const features = kernels.put(data.features);
    const labels = kernels.alloc(rows, 4);
    kernels.i32(labels, rows).set(Array.from({ length: rows }, (_, i) => data.labels[i] | 0));
    const orderAddress = kernels.alloc(rows, 4);
    const v = options.validation;
    const check = v && place(kernels, model, Math.max(1, Math.min(256, v.rows)), net.params);
    const validation = v && kernels.put(v.features);
    const step = residentOptimizer(optimizer, kernels, net.params, net.grads, size);
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        if (schedule) optimizer.lr = schedule(epoch);
        shuffle(order, random);
        kernels.i32(orderAddress, rows).set(order);
        let total = 0;
        for (let start = 0; start < rows; start += batchSize) {
          const n = Math.min(batchSize, rows - start);
          checkDropout(dropout, random);
          if (dropout > 0) drawMasks(kernels, net, n, dropout, random);
          for (let i = 0; i < n; i++) checkLabel(data.labels[order[start + i]], i, classes);
          k.gather(features, labels, orderAddress + 4 * start, n, inSize, net.x, net.y);
          forwardPlaced(kernels, net, net.x, n, dropout);
          total += n * backwardPlaced(kernels, net, net.x, n, l2, dropout);
          step.step();
        }
        history.loss.push(total / rows);
        history.lr.push(optimizer.lr);
        if (v && check && validation) {
          history.validationAccuracy.push(
            countHits(predictPlaced(kernels, check, validation, v.rows), v.labels, v.rows),
          );
        }
      }
    } finally {
      model.params.set(kernels.f64(net.params, size));
      model.grads.set(kernels.f64(net.grads, size));
      step.finish();
    }
    return history;
  });
}

/**
 * The WebAssembly engine over a compiled kernel module (`name` says which build it is).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmEngine } from "./wasm_backend.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const engine = wasmEngine(new WebAssembly.Module(kernelModule({ fma: false })), "wasm");
 * const net = engine.createMlp({ sizes: [2, 4, 2], seed: 1 });
 * assert.equal(engine.forward(net, new Float64Array([1, 2]), 1).length, 2);
 * ```
 */
export function wasmEngine(module: WebAssembly.Module, name: "wasm" | "wasm-fma"): Engine {
  const kernels: Kernels = instantiateKernels(module);
  return {
    name,
    createMlp: buildMlp,
    forward(model, x, batch) {
      return kernels.withFrame(() => {
        const net = place(kernels, model, batch);
        forwardPlaced(kernels, net, kernels.put(x.subarray(0, batch * model.sizes[0])), batch, 0);
        return kernels.f64(
          net.z[model.layers.length - 1],
          batch * model.sizes[model.sizes.length - 1],
        ).slice();
      });
    },
    lossAndGradient: (...args) => lossAndGradient(kernels, ...args),
    predict: (model, x, rows) => predict(kernels, model, x, rows),
    accuracy: (model, x, labels, rows) => countHits(predict(kernels, model, x, rows), labels, rows),
    train: (model, data, options) => train(kernels, model, data, options),
    sgd: (options) => sgdOptimizer(kernels, options),
    adam: (options) => adamOptimizer(kernels, options),
    adamw: (options) => adamwOptimizer(kernels, options),
    rmsprop: (options) => rmspropOptimizer(kernels, options),
  };
}

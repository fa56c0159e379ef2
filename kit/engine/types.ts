/**
 * The types of the engine's interface. They are the lesson 05 reference's types (and lesson
 * 04's `Optimizer`), restated here so that the engine type-checks in the student edition, which
 * has no `solutions/`; an MLP built by either side can be trained by the other.
 *
 * @module
 */

import type { Random } from "../lib/random.ts";

/** The activations of the course's MLP. */
export type Activation = "relu" | "tanh" | "sigmoid";

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

/** A multilayer perceptron; `params` holds W₁, b₁, W₂, b₂, … and `grads` the same layout. */
export interface Mlp {
  /** Layer sizes from input to output. */
  sizes: number[];
  /** Activation of the hidden layers. */
  activation: Activation;
  /** Every parameter, layer after layer (W then b). */
  params: Float64Array;
  /** The gradient of the last `lossAndGradient` call (or training batch), laid out as `params`. */
  grads: Float64Array;
  /** The layers, whose arrays are views into `params` and `grads`. */
  layers: Layer[];
}

/** Options of `lossAndGradient`. */
export interface LossOptions {
  /** L2 penalty λ: adds (λ/2)·Σ W² over the weights (not the biases) to the loss. Default 0. */
  l2?: number;
  /** Dropout probability p of the hidden activations (inverted dropout). Default 0. */
  dropout?: number;
  /** Source of the dropout masks; required when `dropout > 0`. */
  random?: Random;
}

/** One optimizer: updates parameters in place from their gradients, keeping its own state. */
export interface Optimizer {
  /** The learning rate used by the next `step`; a schedule may change it at any time. */
  lr: number;
  /** Applies one update to `params` (in place) from `grads` (same length, not modified). */
  step(params: Float64Array, grads: Float64Array): void;
}

/** Examples to train or evaluate on: row-major features (rows × inputs) and integer labels. */
export interface Examples {
  /** Features, row-major. */
  features: Float64Array;
  /** Class of each row. */
  labels: ArrayLike<number>;
  /** Number of rows. */
  rows: number;
}

/** Options of `train`. */
export interface TrainOptions {
  /** Passes over the training data. */
  epochs: number;
  /** Examples per mini-batch; the last batch of an epoch may be smaller. */
  batchSize: number;
  /** Updates the parameters after each batch. */
  optimizer: Optimizer;
  /** Learning rate of each epoch (counted from 0). Default: keep `optimizer.lr`. */
  schedule?: (epoch: number) => number;
  /** L2 penalty λ. Default 0. */
  l2?: number;
  /** Dropout probability of the hidden activations. Default 0. */
  dropout?: number;
  /** Seed of the shuffles and dropout masks (default 0). */
  seed?: number | string;
  /** When given, the accuracy on these examples is recorded after every epoch. */
  validation?: Examples;
}

/** What happened in each epoch. */
export interface TrainHistory {
  /** Mean training loss of each epoch (batch losses weighted by batch size, before each step). */
  loss: number[];
  /** Learning rate used in each epoch. */
  lr: number[];
  /** Accuracy on `validation` after each epoch (empty without `validation`). */
  validationAccuracy: number[];
}

/** Options of `sgd`, with the defaults of `torch.optim.SGD`. */
export interface SgdOptions {
  /** Learning rate (required; ≥ 0). */
  lr: number;
  /** Momentum factor μ (default 0: plain SGD). */
  momentum?: number;
  /** Dampening of the momentum buffer's update (default 0). */
  dampening?: number;
  /** Coupled L2 penalty: λ·θ is added to the gradient (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
}

/** Options of `rmsprop`, with the defaults of `torch.optim.RMSprop`. */
export interface RmspropOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Decay α of the running average of squared gradients (default 0.99). */
  alpha?: number;
  /** Added after the square root (default 1e-8). */
  eps?: number;
  /** Coupled L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Momentum μ applied to the normalised step (default 0). */
  momentum?: number;
  /** Divide by an estimate of the variance instead of the raw second moment (default false). */
  centered?: boolean;
}

/** Options of `adam` and `adamw`, with the defaults of `torch.optim.Adam`/`AdamW`. */
export interface AdamOptions {
  /** Learning rate (default 0.001). */
  lr?: number;
  /** Decay rates β₁, β₂ of the moment averages (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added after the square root of the bias-corrected second moment (default 1e-8). */
  eps?: number;
  /** Weight decay λ: coupled L2 for `adam` (default 0), decoupled for `adamw` (default 0.01). */
  weightDecay?: number;
  /** AMSGrad: divide by the running maximum of the second moment (default false). */
  amsgrad?: boolean;
}

/** The names of the engine's backends. */
export type BackendName = "wasm" | "wasm-fma" | "typescript";

/** One backend: the whole training interface. */
export interface Engine {
  /** Which backend this is. */
  name: BackendName;
  /** Builds an MLP and initialises it from its seed (lesson 05's `createMlp`). */
  createMlp(config: MlpConfig): Mlp;
  /** The logits of `batch` rows of `x`, without dropout. */
  forward(model: Mlp, x: Float64Array, batch: number): Float64Array;
  /** Mean loss of the batch (plus L2); fills `model.grads`. */
  lossAndGradient(
    model: Mlp,
    x: Float64Array,
    labels: ArrayLike<number>,
    batch: number,
    options?: LossOptions,
  ): number;
  /** The predicted class of each of `rows` rows of `x`. */
  predict(model: Mlp, x: Float64Array, rows: number): Int32Array;
  /** The fraction of rows whose predicted class equals their label. */
  accuracy(model: Mlp, x: Float64Array, labels: ArrayLike<number>, rows: number): number;
  /** Trains `model` in place with mini-batch gradient descent. */
  train(model: Mlp, data: Examples, options: TrainOptions): TrainHistory;
  /** SGD as `torch.optim.SGD`. */
  sgd(options: SgdOptions): Optimizer;
  /** Adam as `torch.optim.Adam`. */
  adam(options?: AdamOptions): Optimizer;
  /** AdamW as `torch.optim.AdamW`. */
  adamw(options?: AdamOptions): Optimizer;
  /** RMSprop as `torch.optim.RMSprop`. */
  rmsprop(options?: RmspropOptions): Optimizer;
}

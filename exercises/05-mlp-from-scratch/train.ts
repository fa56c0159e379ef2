// deno-lint-ignore-file no-unused-vars
/**
 * The training loop: epochs of shuffled mini-batches, one optimizer step per batch.
 *
 * @module
 */

import { type Random, seededRandom, shuffle } from "../../kit/lib/random.ts";
import { accuracy, lossAndGradient, type Mlp } from "./mlp.ts";

/**
 * What the loop needs of an optimizer. It is the shape of lesson 04's `Optimizer`, so every
 * optimizer of lesson 04 (`optimizers.ts`) fits, and so does a plain object:
 * `{ lr: 0.1, step(p, g) { for (let i = 0; i < p.length; i++) p[i] -= this.lr * g[i]; } }`.
 */
export interface Optimizer {
  /** Learning rate of the next step; the loop sets it from `schedule` at each epoch. */
  lr: number;
  /** Updates `params` in place from `grads`. */
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

/** Options of {@link train}. */
export interface TrainOptions {
  /** Passes over the training data. */
  epochs: number;
  /** Examples per mini-batch; the last batch of an epoch may be smaller. */
  batchSize: number;
  /** Updates the parameters after each batch. */
  optimizer: Optimizer;
  /** Learning rate of each epoch (counted from 0), e.g. a lesson 03 schedule. Default: keep `optimizer.lr`. */
  schedule?: (epoch: number) => number;
  /** L2 penalty λ (see `lossAndGradient`). Default 0. */
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
  /** Mean training loss of each epoch: batch losses weighted by batch size, as computed before each step. */
  loss: number[];
  /** Learning rate used in each epoch. */
  lr: number[];
  /** Accuracy on `validation` after each epoch (empty without `validation`). */
  validationAccuracy: number[];
}

/**
 * Trains `model` in place with mini-batch gradient descent and returns the history.
 *
 * The order of events, which makes a run reproducible from `seed`: one `random =
 * seededRandom(seed)`; before each epoch, `optimizer.lr = schedule(epoch)` (when given) and the
 * row order `[0, 1, …, rows − 1]` — kept from epoch to epoch — is shuffled with
 * `shuffle(order, random)`; then consecutive slices of `batchSize` rows are gathered in that
 * order, `lossAndGradient` runs on them (drawing dropout masks from the same `random`), and
 * `optimizer.step(model.params, model.grads)` follows.
 *
 * Throws a `RangeError` when `batchSize` is not a positive integer, or when `features` does not
 * hold `rows × sizes[0]` values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp } from "./mlp.ts";
 * import { train } from "./train.ts";
 * const net = createMlp({ sizes: [2, 8, 2], seed: 1 });
 * const data = { features: new Float64Array([0, 0, 1, 1, 0, 1, 1, 0]), labels: [0, 0, 1, 1], rows: 4 };
 * // Plain SGD as an object: any optimizer of lesson 04 fits here too.
 * const optimizer = {
 *   lr: 0.1,
 *   step(p: Float64Array, g: Float64Array) {
 *     for (let i = 0; i < p.length; i++) p[i] -= this.lr * g[i];
 *   },
 * };
 * const history = train(net, data, { epochs: 50, batchSize: 2, optimizer });
 * assert.equal(history.loss.length, 50);
 * assert.ok(history.loss[49] < history.loss[0]);
 * ```
 */
export function train(model: Mlp, data: Examples, options: TrainOptions): TrainHistory {
  throw new Error(
    "TODO: shuffle, slice into batches, lossAndGradient, optimizer.step; record the history",
  );
}

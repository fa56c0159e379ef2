/**
 * The kit's own training engine: what `deno task sync`, the searches of lessons 06–09, the
 * capstone and the benchmarks train with. Lessons 06 and later import training only from here,
 * never from `solutions/` or the learner's lesson-05 files, so their grading does not depend on
 * lesson 05 being solved and the engine can be swapped for a faster backend in one place.
 *
 * For now this re-exports the readable TypeScript reference of lesson 05 (and lesson 04's
 * optimizers); a WebAssembly SIMD backend with the same interface is planned behind it.
 *
 * @example
 * ```ts
 * import { accuracy, createMlp, sgd, train } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const net = createMlp({ sizes: [2, 8, 2], seed: 1 });
 * const data = { features: new Float64Array([0, 0, 1, 1, 0, 1, 1, 0]), labels: [0, 0, 1, 1], rows: 4 };
 * const history = train(net, data, { epochs: 50, batchSize: 2, optimizer: sgd({ lr: 0.1, momentum: 0.9 }) });
 * assert.equal(history.loss.length, 50);
 * assert.ok(accuracy(net, data.features, data.labels, data.rows) >= 0.5);
 * ```
 *
 * @module
 */

export {
  accuracy,
  createMlp,
  forward,
  lossAndGradient,
  type Mlp,
  type MlpConfig,
  predict,
} from "../../solutions/05-mlp-from-scratch/mlp.ts";
export {
  type Examples,
  train,
  type TrainHistory,
  type TrainOptions,
} from "../../solutions/05-mlp-from-scratch/train.ts";
export {
  adam,
  adamw,
  type Optimizer,
  rmsprop,
  sgd,
} from "../../solutions/04-optimizers/optimizers.ts";

/**
 * The kit's own training engine: what `deno task sync`, the searches of lessons 06–11, the
 * capstone and the benchmarks train with. Lessons 06 and later import training only from here,
 * never from `solutions/` or the learner's lesson-05 files, so their grading does not depend on
 * lesson 05 being solved, and training is fast.
 *
 * The interface is lesson 05's reference (`createMlp`, `forward`, `lossAndGradient`, `predict`,
 * `accuracy`, `train`) and lesson 04's optimizers (`sgd`, `adam`, `adamw`, `rmsprop`), with the
 * same semantics: the same seeded initialisation, shuffles and dropout draws, in the same order.
 * Three backends implement it:
 *
 * | backend        | what                                                                   |
 * | -------------- | ---------------------------------------------------------------------- |
 * | `"wasm"`       | WebAssembly SIMD kernels; bit for bit the TypeScript reference (default) |
 * | `"wasm-fma"`   | the same with fused multiply-adds in the matrix products: faster, and within rounding of the reference (relaxed SIMD) |
 * | `"typescript"` | the readable reference in `solutions/05-mlp-from-scratch/` itself        |
 *
 * The functions exported here use `"wasm"`, or `"typescript"` where the runtime lacks
 * WebAssembly SIMD ({@link backend} says which). `"wasm"` is the default rather than
 * `"wasm-fma"` because its results do not depend on the machine: `deno task sync` writes them
 * into the lessons and the suite checks them. {@link loadEngine} gives any backend by name.
 *
 * The WebAssembly backends need nothing from `solutions/`, so they work in the student edition
 * (`deno task release --student`). The `"typescript"` backend loads the reference from
 * `solutions/` on demand (with read permission); in the student edition, which has no
 * `solutions/`, loading it fails with an error that says so.
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

import type {
  AdamOptions,
  BackendName,
  Engine,
  Examples,
  LossOptions,
  Mlp,
  MlpConfig,
  Optimizer,
  RmspropOptions,
  SgdOptions,
  TrainHistory,
  TrainOptions,
} from "./types.ts";
import { decodeBase64 } from "./wasm/base64.ts";
import { KERNELS_EXACT, KERNELS_FMA } from "./wasm/kernels_wasm.ts";
import { wasmEngine } from "./wasm_backend.ts";

export type * from "./types.ts";

const modules = {
  wasm: decodeBase64(KERNELS_EXACT),
  "wasm-fma": decodeBase64(KERNELS_FMA),
};

/**
 * Whether this runtime can run a backend: `"wasm"` needs WebAssembly SIMD, `"wasm-fma"` relaxed
 * SIMD too (checked by validating the very modules); `"typescript"` always runs in a copy of the
 * kit that has `solutions/`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backendAvailable } from "./mod.ts";
 * assert.equal(backendAvailable("wasm"), true); // on Deno 2.9
 * ```
 */
export function backendAvailable(name: BackendName): boolean {
  return name === "typescript" || WebAssembly.validate(modules[name]);
}

/** Loads the reference from `solutions/` by computed URLs, so the student edition still type-checks. */
async function typescriptEngine(): Promise<Engine> {
  const url = (path: string) => new URL(`../../solutions/${path}`, import.meta.url).href;
  try {
    const [mlp, loop, optimizers] = await Promise.all([
      import(url("05-mlp-from-scratch/mlp.ts")),
      import(url("05-mlp-from-scratch/train.ts")),
      import(url("04-optimizers/optimizers.ts")),
    ]);
    const { createMlp, forward, lossAndGradient, predict, accuracy } = mlp;
    const { sgd, adam, adamw, rmsprop } = optimizers;
    return {
      name: "typescript",
      createMlp,
      forward,
      lossAndGradient,
      predict,
      accuracy,
      train: loop.train,
      sgd,
      adam,
      adamw,
      rmsprop,
    };
  } catch (error) {
    throw new Error(
      "the TypeScript backend of kit/engine needs the reference solutions in solutions/ " +
        "(the student edition leaves them out) and permission to read them",
      { cause: error },
    );
  }
}

const engines = new Map<BackendName, Promise<Engine>>();

/**
 * The backend `name`, loaded once. Rejects when this runtime cannot run it (see
 * {@link backendAvailable}) or, for `"typescript"`, when `solutions/` cannot be loaded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadEngine } from "./mod.ts";
 * const reference = await loadEngine("typescript");
 * const fast = await loadEngine("wasm");
 * const a = reference.createMlp({ sizes: [3, 5, 2], seed: 4 });
 * const b = fast.createMlp({ sizes: [3, 5, 2], seed: 4 });
 * const x = new Float64Array([0.1, -0.2, 0.3]);
 * assert.deepEqual(fast.forward(b, x, 1), reference.forward(a, x, 1));
 * ```
 */
export function loadEngine(name: BackendName): Promise<Engine> {
  let engine = engines.get(name);
  if (!engine) {
    if (name === "typescript") engine = typescriptEngine();
    else if (!(name in modules)) engine = Promise.reject(new Error(`unknown backend: ${name}`));
    else if (!backendAvailable(name)) {
      const feature = name === "wasm" ? "WebAssembly SIMD" : "WebAssembly relaxed SIMD";
      engine = Promise.reject(
        new Error(`backend ${name} needs ${feature}, which this runtime lacks`),
      );
    } else {
      engine = WebAssembly.compile(modules[name]).then((m) => wasmEngine(m, name));
    }
    engines.set(name, engine);
  }
  return engine;
}

/** What every call uses when the chosen backend could not load: its error, at each call. */
function failingEngine(error: Error): Engine {
  const fail = (): never => {
    throw error;
  };
  return {
    name: "typescript",
    createMlp: fail,
    forward: fail,
    lossAndGradient: fail,
    predict: fail,
    accuracy: fail,
    train: fail,
    sgd: fail,
    adam: fail,
    adamw: fail,
    rmsprop: fail,
  };
}

const current: Engine = backendAvailable("wasm")
  ? await loadEngine("wasm")
  : await loadEngine("typescript").catch((error) => failingEngine(error));

/**
 * The backend the functions of this module use: `"wasm"`, or `"typescript"` where the runtime
 * lacks WebAssembly SIMD.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backend } from "./mod.ts";
 * assert.equal(backend, "wasm");
 * ```
 */
export const backend: BackendName = current.name;

/**
 * Builds an MLP and initialises it from `config.seed` (lesson 05's `createMlp`): biases 0,
 * weights He or Xavier, drawn layer by layer, row-major.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp } from "./mod.ts";
 * const net = createMlp({ sizes: [4, 8, 3], activation: "tanh", init: "xavier", seed: 1 });
 * assert.deepEqual([net.params.length, net.layers[1].w.length], [67, 24]);
 * ```
 */
export function createMlp(config: MlpConfig): Mlp {
  return current.createMlp(config);
}

/**
 * The logits of `batch` rows of `x` (B × sizes[0]), without dropout: a new B × classes array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, forward } from "./mod.ts";
 * const net = createMlp({ sizes: [2, 3, 2], seed: 7 });
 * assert.equal(forward(net, new Float64Array([1, -1, 0, 2]), 2).length, 4);
 * ```
 */
export function forward(model: Mlp, x: Float64Array, batch: number): Float64Array {
  return current.forward(model, x, batch);
}

/**
 * Mean softmax cross-entropy of the batch (plus the L2 penalty); fills `model.grads` with its
 * gradient. With dropout, one mask value per hidden activation is drawn from `options.random`,
 * layer by layer, row-major.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, lossAndGradient } from "./mod.ts";
 * const net = createMlp({ sizes: [2, 4, 3], seed: 3 });
 * const loss = lossAndGradient(net, new Float64Array([0.5, -1]), [2], 1, { l2: 1e-3 });
 * assert.ok(loss > 0 && net.grads.some((g) => g !== 0));
 * ```
 */
export function lossAndGradient(
  model: Mlp,
  x: Float64Array,
  labels: ArrayLike<number>,
  batch: number,
  options?: LossOptions,
): number {
  return current.lossAndGradient(model, x, labels, batch, options);
}

/**
 * The predicted class (argmax of the logits) of each of the `rows` rows of `x`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, predict } from "./mod.ts";
 * const p = predict(createMlp({ sizes: [2, 3, 4], seed: 1 }), new Float64Array([1, 2, 3, 4]), 2);
 * assert.ok(p.length === 2 && p.every((c) => c >= 0 && c < 4));
 * ```
 */
export function predict(model: Mlp, x: Float64Array, rows: number): Int32Array {
  return current.predict(model, x, rows);
}

/**
 * The fraction of the `rows` rows of `x` whose predicted class equals their label.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { accuracy, createMlp } from "./mod.ts";
 * const acc = accuracy(createMlp({ sizes: [1, 2], seed: 1 }), new Float64Array([1, -1]), [0, 1], 2);
 * assert.ok(acc >= 0 && acc <= 1);
 * ```
 */
export function accuracy(
  model: Mlp,
  x: Float64Array,
  labels: ArrayLike<number>,
  rows: number,
): number {
  return current.accuracy(model, x, labels, rows);
}

/**
 * Trains `model` in place with mini-batch gradient descent (lesson 05's `train`): one
 * `seededRandom(seed)` shuffles the rows before each epoch and draws the dropout masks; the
 * optimizer steps after each batch; `schedule` sets the learning rate before each epoch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createMlp, sgd, train } from "./mod.ts";
 * const net = createMlp({ sizes: [2, 8, 2], seed: 1 });
 * const data = { features: new Float64Array([0, 0, 1, 1, 0, 1, 1, 0]), labels: [0, 0, 1, 1], rows: 4 };
 * const history = train(net, data, { epochs: 50, batchSize: 2, optimizer: sgd({ lr: 0.1, momentum: 0.9 }) });
 * assert.ok(history.loss.length === 50 && history.loss[49] < history.loss[0]);
 * ```
 */
export function train(model: Mlp, data: Examples, options: TrainOptions): TrainHistory {
  return current.train(model, data, options);
}

/**
 * SGD as `torch.optim.SGD` (lesson 04's `sgd`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "./mod.ts";
 * const p = new Float64Array([1, 2]);
 * sgd({ lr: 0.1, momentum: 0.9 }).step(p, new Float64Array([1, 1]));
 * assert.deepEqual(Array.from(p), [0.9, 1.9]);
 * ```
 */
export function sgd(options: SgdOptions): Optimizer {
  return current.sgd(options);
}

/**
 * Adam as `torch.optim.Adam` (lesson 04's `adam`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam } from "./mod.ts";
 * const p = new Float64Array([1]);
 * adam({ lr: 0.1 }).step(p, new Float64Array([5]));
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function adam(options?: AdamOptions): Optimizer {
  return current.adam(options);
}

/**
 * AdamW as `torch.optim.AdamW` (lesson 04's `adamw`: decoupled weight decay, default 0.01).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamw } from "./mod.ts";
 * const p = new Float64Array([1]);
 * adamw({ lr: 0.1, weightDecay: 0.5 }).step(p, new Float64Array([0]));
 * assert.equal(p[0], 0.95);
 * ```
 */
export function adamw(options?: AdamOptions): Optimizer {
  return current.adamw(options);
}

/**
 * RMSprop as `torch.optim.RMSprop` (lesson 04's `rmsprop`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rmsprop } from "./mod.ts";
 * const p = new Float64Array([1]);
 * rmsprop({ lr: 0.01 }).step(p, new Float64Array([3]));
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function rmsprop(options?: RmspropOptions): Optimizer {
  return current.rmsprop(options);
}

/**
 * Lesson 04's optimizers (SGD, Adam, AdamW, RMSprop), stepping in WebAssembly.
 *
 * Each factory takes the same options, makes the same checks with the same messages, and
 * applies the same update, operation for operation, as `solutions/04-optimizers/optimizers.ts`
 * (the engine's agreement test compares them bit for bit). They are restated here because the
 * engine must work in the student edition, which has no `solutions/`.
 *
 * An optimizer from here is an ordinary {@link Optimizer}: `step(params, grads)` works on any
 * arrays (copying them through the module's memory). The WebAssembly `train` recognises it and
 * keeps its state resident in that memory for the whole run (see {@link residentOptimizer}).
 *
 * @module
 */

import type { AdamOptions, Optimizer, RmspropOptions, SgdOptions } from "./types.ts";
import type { KernelExports, Kernels } from "./wasm/instance.ts";

/** Throws unless `value` is a finite number ≥ 0 (the checks `torch.optim` makes). */
function checkNonNegative(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`Invalid ${name}: ${value} (must be a finite number >= 0)`);
  }
}

/** Throws unless `value` is in [0, 1), or [0, 1] when `closed`. */
function checkUnitInterval(name: string, value: number, closed = false): void {
  const ok = typeof value === "number" && value >= 0 && (closed ? value <= 1 : value < 1);
  if (!ok) {
    throw new RangeError(`Invalid ${name}: ${value} (must be in [0, 1${closed ? "]" : ")"})`);
  }
}

/** Throws unless the lengths agree with each other and with the length seen so far. */
function checkShapes(params: number, grads: number, size: number | null): number {
  if (params !== grads) {
    throw new RangeError(`params and grads differ in length: ${params} vs ${grads}`);
  }
  if (size !== null && size !== params) {
    throw new RangeError(
      `this optimizer was first used with ${size} parameters, now given ${params}; ` +
        `create one optimizer per parameter vector`,
    );
  }
  return params;
}

/**
 * One update on arrays in the module's memory: `state` holds the addresses of the optimizer's
 * parameter-sized buffers, zero-filled on the `first` step.
 */
type UpdateRule = (
  k: KernelExports,
  lr: number,
  params: number,
  grads: number,
  state: number[],
  size: number,
  first: boolean,
) => void;

/** What the engine keeps of each of its optimizers. */
interface Internals {
  /** How many parameter-sized buffers the rule keeps. */
  buffers: number;
  rule: UpdateRule;
  /** The buffers between runs, null before the first step. */
  saved: Float64Array[] | null;
  /** The number of parameters, fixed by the first step. */
  size: number | null;
}

const internals = new WeakMap<Optimizer, Internals>();

/** An optimizer bound to arrays in the module's memory for the length of one frame. */
export interface ResidentOptimizer {
  /** One update of the parameters at the bound address. */
  step(): void;
  /** Saves the optimizer's state out of the module's memory (call before the frame ends). */
  finish(): void;
}

/**
 * Binds `optimizer` to `size` parameters and gradients at `params` and `grads` in the memory of
 * `kernels`, inside the caller's frame. An optimizer of this module steps there with its state
 * resident; any other optimizer gets its `step` called with views of those arrays.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { residentOptimizer, sgdOptimizer } from "./optimizers.ts";
 * import { instantiateKernels } from "./wasm/instance.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const opt = sgdOptimizer(kernels, { lr: 0.5 });
 * kernels.withFrame(() => {
 *   const p = kernels.put([1]), g = kernels.put([1]);
 *   const resident = residentOptimizer(opt, kernels, p, g, 1);
 *   resident.step();
 *   resident.finish();
 *   assert.equal(kernels.f64(p, 1)[0], 0.5);
 * });
 * ```
 */
export function residentOptimizer(
  optimizer: Optimizer,
  kernels: Kernels,
  params: number,
  grads: number,
  size: number,
): ResidentOptimizer {
  const own = internals.get(optimizer);
  if (!own) {
    return {
      step: () => optimizer.step(kernels.f64(params, size), kernels.f64(grads, size)),
      finish() {},
    };
  }
  let state = own.saved?.map((buffer) => kernels.put(buffer)) ?? null;
  return {
    step() {
      own.size = checkShapes(size, size, own.size);
      checkNonNegative("learning rate", optimizer.lr);
      const first = state === null;
      if (state === null) state = Array.from({ length: own.buffers }, () => kernels.alloc(size));
      own.rule(kernels.k, optimizer.lr, params, grads, state, size, first);
    },
    finish() {
      if (state) own.saved = state.map((address) => kernels.f64(address, size).slice());
    },
  };
}

/** An optimizer whose `step` copies its arrays through the memory of `kernels`. */
function fastOptimizer(kernels: Kernels, lr: number, buffers: number, rule: UpdateRule) {
  const optimizer: Optimizer = {
    lr,
    step(params, grads) {
      checkShapes(params.length, grads.length, null);
      kernels.withFrame(() => {
        const p = kernels.put(params), g = kernels.put(grads);
        const resident = residentOptimizer(optimizer, kernels, p, g, params.length);
        try {
          resident.step();
        } finally {
          resident.finish();
        }
        params.set(kernels.f64(p, params.length));
      });
    },
  };
  internals.set(optimizer, { buffers, rule, saved: null, size: null });
  return optimizer;
}

/**
 * SGD as `torch.optim.SGD` (lesson 04's `sgd`), stepping in WebAssembly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgdOptimizer } from "./optimizers.ts";
 * import { instantiateKernels } from "./wasm/instance.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const opt = sgdOptimizer(kernels, { lr: 0.1, momentum: 0.9 });
 * const p = new Float64Array([1, 2]);
 * opt.step(p, new Float64Array([1, 1]));
 * assert.deepEqual(Array.from(p), [0.9, 1.9]);
 * ```
 */
export function sgdOptimizer(kernels: Kernels, options: SgdOptions): Optimizer {
  const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = options;
  checkNonNegative("learning rate", options.lr);
  checkNonNegative("momentum", momentum);
  checkNonNegative("dampening", dampening);
  checkNonNegative("weight decay", weightDecay);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError("Nesterov momentum requires a momentum > 0 and zero dampening");
  }
  const withMomentum = momentum !== 0;
  return fastOptimizer(kernels, options.lr, withMomentum ? 1 : 0, (k, lr, p, g, s, n, first) => {
    // Variants of the kernel: see sgdStep in wasm/kernels.ts.
    const mode = !withMomentum ? 0 : (nesterov ? 3 : 1) + (first ? 0 : 1);
    const variant = (weightDecay !== 0 ? 1 : 0) + 2 * mode;
    k.sgdStep(p, g, withMomentum ? s[0] : 0, n, variant, lr, momentum, 1 - dampening, weightDecay);
  });
}

function adamFamily(kernels: Kernels, options: AdamOptions, decoupled: boolean): Optimizer {
  const {
    lr = 1e-3,
    betas = [0.9, 0.999] as const,
    eps = 1e-8,
    weightDecay = decoupled ? 1e-2 : 0,
    amsgrad = false,
  } = options;
  const [beta1, beta2] = betas;
  checkNonNegative("learning rate", lr);
  checkUnitInterval("beta1", beta1);
  checkUnitInterval("beta2", beta2);
  checkNonNegative("epsilon", eps);
  checkNonNegative("weight decay", weightDecay);
  let t = 0;
  return fastOptimizer(kernels, lr, amsgrad ? 3 : 2, (k, stepLr, p, g, s, n) => {
    t += 1;
    const bias1 = 1 - beta1 ** t;
    const bias2Sqrt = Math.sqrt(1 - beta2 ** t);
    const stepSize = stepLr / bias1;
    const wdMode = weightDecay === 0 ? 0 : decoupled ? 2 : 1;
    k.adamStep(
      p,
      g,
      s[0],
      s[1],
      amsgrad ? s[2] : 0,
      n,
      wdMode + (amsgrad ? 3 : 0),
      beta1,
      beta2,
      1 - beta1,
      1 - beta2,
      eps,
      weightDecay,
      1 - stepLr * weightDecay,
      stepSize,
      bias2Sqrt,
    );
  });
}

/**
 * Adam as `torch.optim.Adam` (lesson 04's `adam`), stepping in WebAssembly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamOptimizer } from "./optimizers.ts";
 * import { instantiateKernels } from "./wasm/instance.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const p = new Float64Array([1]);
 * adamOptimizer(kernels, { lr: 0.1 }).step(p, new Float64Array([5]));
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function adamOptimizer(kernels: Kernels, options: AdamOptions = {}): Optimizer {
  return adamFamily(kernels, options, false);
}

/**
 * AdamW as `torch.optim.AdamW` (lesson 04's `adamw`: decoupled weight decay, default 0.01).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamwOptimizer } from "./optimizers.ts";
 * import { instantiateKernels } from "./wasm/instance.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const p = new Float64Array([1]);
 * adamwOptimizer(kernels, { lr: 0.1, weightDecay: 0.5 }).step(p, new Float64Array([0]));
 * assert.equal(p[0], 0.95); // decayed by 1 − 0.1·0.5, no gradient step
 * ```
 */
export function adamwOptimizer(kernels: Kernels, options: AdamOptions = {}): Optimizer {
  return adamFamily(kernels, options, true);
}

/**
 * RMSprop as `torch.optim.RMSprop` (lesson 04's `rmsprop`), stepping in WebAssembly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rmspropOptimizer } from "./optimizers.ts";
 * import { instantiateKernels } from "./wasm/instance.ts";
 * import { kernelModule } from "./wasm/kernels.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const p = new Float64Array([1]);
 * rmspropOptimizer(kernels, { lr: 0.01 }).step(p, new Float64Array([3]));
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function rmspropOptimizer(kernels: Kernels, options: RmspropOptions = {}): Optimizer {
  const {
    lr = 1e-2,
    alpha = 0.99,
    eps = 1e-8,
    weightDecay = 0,
    momentum = 0,
    centered = false,
  } = options;
  checkNonNegative("learning rate", lr);
  checkUnitInterval("alpha", alpha, true);
  checkNonNegative("epsilon", eps);
  checkNonNegative("weight decay", weightDecay);
  checkNonNegative("momentum", momentum);
  const withMomentum = momentum > 0;
  // Buffers: v, then gAvg when centered, then the momentum buffer.
  const buffers = 1 + (centered ? 1 : 0) + (withMomentum ? 1 : 0);
  return fastOptimizer(kernels, lr, buffers, (k, stepLr, p, g, s, n) => {
    const variant = (weightDecay !== 0 ? 1 : 0) + (centered ? 2 : 0) + (withMomentum ? 4 : 0);
    const gAvg = centered ? s[1] : 0, buf = withMomentum ? s[buffers - 1] : 0;
    k.rmspropStep(
      p,
      g,
      s[0],
      gAvg,
      buf,
      n,
      variant,
      stepLr,
      alpha,
      1 - alpha,
      eps,
      weightDecay,
      momentum,
    );
  });
}

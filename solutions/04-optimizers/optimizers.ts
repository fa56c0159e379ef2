/**
 * Optimizers with the update rules of PyTorch's `torch.optim` (defaults included).
 *
 * The exercise (lesson 04) is the six factories below. The helpers `checkNonNegative`,
 * `checkUnitInterval` and `checkShapes` are given; the interface and option types are fixed.
 *
 * Every optimizer is a factory returning an {@link Optimizer}: its state (momentum buffers,
 * accumulators, step count) lives inside, allocated on the first `step` for `params.length`
 * values. `step` updates `params` in place. `lr` is a plain mutable field so a schedule can set
 * it before each step or epoch.
 *
 * @module
 */

/** One optimizer: updates parameters in place from their gradients, keeping its own state. */
export interface Optimizer {
  /**
   * The learning rate used by the next `step`; a schedule may change it at any time. `step`
   * throws a `RangeError` when it is negative or not finite.
   */
  lr: number;
  /**
   * Applies one update to `params` (in place) from `grads` (same length, not modified).
   * The first call fixes the number of parameters; a different length later is an error.
   */
  step(params: Float64Array, grads: Float64Array): void;
}

/** Throws unless `value` is a finite number ≥ 0 (the checks `torch.optim` makes). */
function checkNonNegative(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`Invalid ${name}: ${value} (must be a finite number >= 0)`);
  }
}

/** Throws unless `value` is in [0, 1), or [0, 1] when `closed` (a decay rate such as Adam's betas). */
function checkUnitInterval(name: string, value: number, closed = false): void {
  const ok = typeof value === "number" && value >= 0 && (closed ? value <= 1 : value < 1);
  if (!ok) {
    throw new RangeError(`Invalid ${name}: ${value} (must be in [0, 1${closed ? "]" : ")"})`);
  }
}

/** Throws unless `params` and `grads` agree in length and match the length seen so far. */
function checkShapes(params: Float64Array, grads: Float64Array, size: number | null): number {
  if (params.length !== grads.length) {
    throw new RangeError(
      `params and grads differ in length: ${params.length} vs ${grads.length}`,
    );
  }
  if (size !== null && size !== params.length) {
    throw new RangeError(
      `this optimizer was first used with ${size} parameters, now given ${params.length}; ` +
        `create one optimizer per parameter vector`,
    );
  }
  return params.length;
}

/** Options of {@link sgd}, with the defaults of `torch.optim.SGD`. */
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

/**
 * Stochastic gradient descent, as `torch.optim.SGD`:
 *
 * ```text
 * g ← ∇ + λθ                       (weight decay, coupled)
 * b ← g on the first step, else b ← μb + (1 − τ)g
 * g ← g + μb if nesterov, else g ← b      (when μ ≠ 0)
 * θ ← θ − γg
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "./optimizers.ts";
 * const opt = sgd({ lr: 0.1, momentum: 0.9 });
 * const p = new Float64Array([1, 2]);
 * opt.step(p, new Float64Array([1, 1])); // first step: buffer = grad
 * assert.deepEqual(Array.from(p), [0.9, 1.9]);
 * ```
 */
export function sgd(options: SgdOptions): Optimizer {
  // BEGIN SOLUTION "TODO: sgd (lesson 04, 'SGD')"
  const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = options;
  checkNonNegative("learning rate", options.lr);
  checkNonNegative("momentum", momentum);
  checkNonNegative("dampening", dampening);
  checkNonNegative("weight decay", weightDecay);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError("Nesterov momentum requires a momentum > 0 and zero dampening");
  }
  let size: number | null = null;
  let buf: Float64Array | null = null;
  return {
    lr: options.lr,
    step(params, grads) {
      size = checkShapes(params, grads, size);
      checkNonNegative("learning rate", this.lr);
      const first = buf === null;
      if (momentum !== 0 && buf === null) buf = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        let g = grads[i];
        if (weightDecay !== 0) g += weightDecay * params[i];
        if (buf !== null) {
          buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
          g = nesterov ? g + momentum * buf[i] : buf[i];
        }
        params[i] -= this.lr * g;
      }
    },
  };
  // END SOLUTION
}

/** Options of {@link adagrad}, with the defaults of `torch.optim.Adagrad`. */
export interface AdagradOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Learning-rate decay η: step t uses lr / (1 + (t − 1)·η) (default 0). */
  lrDecay?: number;
  /** Coupled L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Starting value of the sum of squared gradients (default 0; Keras uses 0.1). */
  initialAccumulatorValue?: number;
  /** Added to the square root of the sum (default 1e-10). */
  eps?: number;
}

/**
 * AdaGrad (Duchi et al., 2011), as `torch.optim.Adagrad`:
 *
 * ```text
 * γ̃ ← γ / (1 + (t − 1)η)
 * g ← ∇ + λθ
 * s ← s + g²                     (s starts at initialAccumulatorValue)
 * θ ← θ − γ̃ · g / (√s + ε)
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adagrad } from "./optimizers.ts";
 * const opt = adagrad({ lr: 0.1 });
 * const p = new Float64Array([1]);
 * opt.step(p, new Float64Array([2])); // s = 4, step = 0.1 · 2 / (2 + 1e-10)
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function adagrad(options: AdagradOptions = {}): Optimizer {
  // BEGIN SOLUTION "TODO: adagrad (lesson 04, 'AdaGrad')"
  const {
    lr = 1e-2,
    lrDecay = 0,
    weightDecay = 0,
    initialAccumulatorValue = 0,
    eps = 1e-10,
  } = options;
  checkNonNegative("learning rate", lr);
  checkNonNegative("lr decay", lrDecay);
  checkNonNegative("weight decay", weightDecay);
  checkNonNegative("initial accumulator value", initialAccumulatorValue);
  checkNonNegative("epsilon", eps);
  let size: number | null = null;
  let sum: Float64Array | null = null;
  let t = 0;
  return {
    lr,
    step(params, grads) {
      size = checkShapes(params, grads, size);
      checkNonNegative("learning rate", this.lr);
      if (sum === null) sum = new Float64Array(size).fill(initialAccumulatorValue);
      t += 1;
      const clr = this.lr / (1 + (t - 1) * lrDecay);
      for (let i = 0; i < size; i++) {
        let g = grads[i];
        if (weightDecay !== 0) g += weightDecay * params[i];
        sum[i] += g * g;
        params[i] -= clr * (g / (Math.sqrt(sum[i]) + eps));
      }
    },
  };
  // END SOLUTION
}

/** Options of {@link adadelta}, with the defaults of `torch.optim.Adadelta`. */
export interface AdadeltaOptions {
  /** Scales the computed update (default 1.0, as in Zeiler's paper, which has no learning rate). */
  lr?: number;
  /** Decay of both running averages (default 0.9). */
  rho?: number;
  /** Added inside both square roots (default 1e-6). */
  eps?: number;
  /** Coupled L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
}

/**
 * AdaDelta (Zeiler, 2012), as `torch.optim.Adadelta`:
 *
 * ```text
 * g ← ∇ + λθ
 * v ← ρv + (1 − ρ)g²
 * Δ ← √(u + ε) / √(v + ε) · g
 * u ← ρu + (1 − ρ)Δ²
 * θ ← θ − γΔ
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adadelta } from "./optimizers.ts";
 * const opt = adadelta();
 * const p = new Float64Array([1]);
 * opt.step(p, new Float64Array([1]));
 * assert.equal(p[0].toFixed(6), "0.996838"); // the first steps are tiny (√ε / √0.1)
 * ```
 */
export function adadelta(options: AdadeltaOptions = {}): Optimizer {
  // BEGIN SOLUTION "TODO: adadelta (lesson 04, 'AdaDelta')"
  const { lr = 1.0, rho = 0.9, eps = 1e-6, weightDecay = 0 } = options;
  checkNonNegative("learning rate", lr);
  checkUnitInterval("rho", rho, true);
  checkNonNegative("epsilon", eps);
  checkNonNegative("weight decay", weightDecay);
  let size: number | null = null;
  let v: Float64Array | null = null;
  let u: Float64Array | null = null;
  return {
    lr,
    step(params, grads) {
      size = checkShapes(params, grads, size);
      checkNonNegative("learning rate", this.lr);
      if (v === null || u === null) {
        v = new Float64Array(size);
        u = new Float64Array(size);
      }
      for (let i = 0; i < size; i++) {
        let g = grads[i];
        if (weightDecay !== 0) g += weightDecay * params[i];
        v[i] = rho * v[i] + (1 - rho) * g * g;
        const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * g;
        u[i] = rho * u[i] + (1 - rho) * delta * delta;
        params[i] -= this.lr * delta;
      }
    },
  };
  // END SOLUTION
}

/** Options of {@link rmsprop}, with the defaults of `torch.optim.RMSprop`. */
export interface RmspropOptions {
  /** Learning rate (default 0.01; Keras uses 0.001). */
  lr?: number;
  /** Decay α of the running average of squared gradients (default 0.99; Keras calls it rho, 0.9). */
  alpha?: number;
  /** Added after the square root (default 1e-8; Keras adds 1e-7 inside it). */
  eps?: number;
  /** Coupled L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Momentum μ applied to the normalised step (default 0). */
  momentum?: number;
  /** Divide by an estimate of the variance instead of the raw second moment (default false). */
  centered?: boolean;
}

/**
 * RMSprop (Hinton, lecture 6e of "Neural Networks for Machine Learning", 2012), as
 * `torch.optim.RMSprop`:
 *
 * ```text
 * g ← ∇ + λθ
 * v ← αv + (1 − α)g²
 * ṽ ← v − ḡ² with ḡ ← αḡ + (1 − α)g   if centered, else ṽ ← v
 * b ← μb + g / (√ṽ + ε);  θ ← θ − γb   if μ > 0   (b starts at 0)
 * θ ← θ − γ g / (√ṽ + ε)               otherwise
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rmsprop } from "./optimizers.ts";
 * const opt = rmsprop({ lr: 0.01 });
 * const p = new Float64Array([1]);
 * opt.step(p, new Float64Array([3])); // v = 0.01 · 9, so the step is 0.01 · 3 / 0.3
 * assert.equal(p[0].toFixed(6), "0.900000");
 * ```
 */
export function rmsprop(options: RmspropOptions = {}): Optimizer {
  // BEGIN SOLUTION "TODO: rmsprop (lesson 04, 'RMSprop')"
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
  let size: number | null = null;
  let v: Float64Array | null = null;
  let gAvg: Float64Array | null = null;
  let buf: Float64Array | null = null;
  return {
    lr,
    step(params, grads) {
      size = checkShapes(params, grads, size);
      checkNonNegative("learning rate", this.lr);
      if (v === null) {
        v = new Float64Array(size);
        if (centered) gAvg = new Float64Array(size);
        if (momentum > 0) buf = new Float64Array(size);
      }
      for (let i = 0; i < size; i++) {
        let g = grads[i];
        if (weightDecay !== 0) g += weightDecay * params[i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        let vTilde = v[i];
        if (gAvg !== null) {
          gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
          vTilde -= gAvg[i] * gAvg[i];
        }
        const avg = Math.sqrt(vTilde) + eps;
        if (buf !== null) {
          buf[i] = momentum * buf[i] + g / avg;
          params[i] -= this.lr * buf[i];
        } else {
          params[i] -= this.lr * (g / avg);
        }
      }
    },
  };
  // END SOLUTION
}

/** Options of {@link adam} and {@link adamw}, with the defaults of `torch.optim.Adam`/`AdamW`. */
export interface AdamOptions {
  /** Learning rate (default 0.001). */
  lr?: number;
  /** Decay rates β₁, β₂ of the first and second moment averages (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added after the square root of the bias-corrected second moment (default 1e-8). */
  eps?: number;
  /** Weight decay λ: coupled L2 for `adam` (default 0), decoupled for `adamw` (default 0.01). */
  weightDecay?: number;
  /** AMSGrad: divide by the running maximum of the second moment (default false). */
  amsgrad?: boolean;
}

// BEGIN SOLUTION
function adamFamily(options: AdamOptions, decoupled: boolean): Optimizer {
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
  let size: number | null = null;
  let m: Float64Array | null = null;
  let v: Float64Array | null = null;
  let vMax: Float64Array | null = null;
  let t = 0;
  return {
    lr,
    step(params, grads) {
      size = checkShapes(params, grads, size);
      checkNonNegative("learning rate", this.lr);
      if (m === null || v === null) {
        m = new Float64Array(size);
        v = new Float64Array(size);
        if (amsgrad) vMax = new Float64Array(size);
      }
      t += 1;
      const bias1 = 1 - beta1 ** t;
      const bias2Sqrt = Math.sqrt(1 - beta2 ** t);
      const stepSize = this.lr / bias1;
      for (let i = 0; i < size; i++) {
        let g = grads[i];
        if (weightDecay !== 0) {
          if (decoupled) params[i] *= 1 - this.lr * weightDecay;
          else g += weightDecay * params[i];
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        let second = v[i];
        if (vMax !== null) {
          vMax[i] = Math.max(vMax[i], v[i]);
          second = vMax[i];
        }
        const denom = Math.sqrt(second) / bias2Sqrt + eps;
        params[i] -= stepSize * (m[i] / denom);
      }
    },
  };
}
// END SOLUTION

/**
 * Adam (Kingma & Ba, 2015), as `torch.optim.Adam`:
 *
 * ```text
 * g ← ∇ + λθ                          (coupled L2, default λ = 0)
 * m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
 * m̂ ← m / (1 − β₁ᵗ),     v̂ ← v / (1 − β₂ᵗ)   (AMSGrad: v̂ ← max over steps of v, then / (1 − β₂ᵗ))
 * θ ← θ − γ m̂ / (√v̂ + ε)
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam } from "./optimizers.ts";
 * const opt = adam({ lr: 0.1 });
 * const p = new Float64Array([1, 1]);
 * opt.step(p, new Float64Array([5, -0.01])); // first step: m̂/√v̂ = sign(g), up to ε
 * assert.deepEqual(Array.from(p, (x) => x.toFixed(6)), ["0.900000", "1.100000"]);
 * ```
 */
export function adam(options: AdamOptions = {}): Optimizer {
  // BEGIN SOLUTION "TODO: adam (lesson 04, 'Adam')"
  return adamFamily(options, false);
  // END SOLUTION
}

/**
 * AdamW (Loshchilov & Hutter, 2019), as `torch.optim.AdamW`: Adam whose weight decay shrinks
 * the parameters directly, θ ← θ − γλθ, before the Adam step, instead of entering the gradient
 * (default λ = 0.01).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamw } from "./optimizers.ts";
 * const opt = adamw({ lr: 0.1, weightDecay: 0.5 });
 * const p = new Float64Array([2]);
 * opt.step(p, new Float64Array([0])); // zero gradient: only the decay acts, 2 · (1 − 0.05)
 * assert.equal(p[0], 1.9);
 * ```
 */
export function adamw(options: AdamOptions = {}): Optimizer {
  // BEGIN SOLUTION "TODO: adamw (lesson 04, 'Weight decay: coupled or decoupled')"
  return adamFamily(options, true);
  // END SOLUTION
}

/**
 * Optimizers with the update rules of PyTorch's `torch.optim` (defaults included).
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
  /** The learning rate used by the next `step`; a schedule may change it at any time. */
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
 * import { sgd } from "./optimizers.ts";
 * const opt = sgd({ lr: 0.1, momentum: 0.9 });
 * const p = new Float64Array([1, 2]);
 * opt.step(p, new Float64Array([1, 1])); // first step: buffer = grad
 * console.log(Array.from(p)); // [0.9, 1.9]
 * ```
 */
export function sgd(options: SgdOptions): Optimizer {
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
}

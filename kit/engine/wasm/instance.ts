/**
 * One running copy of the kernel module, with a stack allocator over its memory.
 *
 * Arrays are placed in the module's memory for the length of one call (`withFrame`), which
 * allocates above whatever an outer call holds, so a callback (a schedule, a foreign optimizer)
 * may itself use the engine. Memory grows when needed; growing detaches every view on the old
 * buffer, so views are made fresh (`f64`, `i32`) where they are used, never kept.
 *
 * @module
 */

/**
 * The matrix product kernels (see `matmul` in kernels.ts): C (m × n) = A·B with A read through
 * byte strides ars, acs, then an epilogue that uses `bias` or `extra`; `panel` is scratch.
 */
export type MatrixProduct = (
  m: number,
  n: number,
  p: number,
  a: number,
  ars: number,
  acs: number,
  b: number,
  c: number,
  bias: number,
  panel: number,
  extra: number,
) => void;

/** The kernels' exports (see kernels.ts); addresses and strides are in bytes. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  matmul: MatrixProduct;
  matmulBias: MatrixProduct;
  matmulBiasRelu: MatrixProduct;
  matmulReluBackward: MatrixProduct;
  matmulColumnSums: MatrixProduct;
  transpose(src: number, rows: number, cols: number, dst: number): void;
  columnSums(dy: number, rows: number, cols: number, out: number): void;
  relu(z: number, out: number, n: number): void;
  reluBackward(z: number, da: number, out: number, n: number): void;
  tanh(z: number, out: number, n: number): void;
  tanhBackward(a: number, da: number, out: number, n: number): void;
  sigmoid(z: number, out: number, n: number): void;
  sigmoidBackward(a: number, da: number, out: number, n: number): void;
  multiply(x: number, y: number, out: number, n: number): void;
  softmaxCrossEntropy(
    z: number,
    labels: number,
    batch: number,
    classes: number,
    grad: number,
    scale: number,
  ): number;
  l2Penalty(w: number, dw: number, n: number, lambda: number): number;
  gather(
    features: number,
    labels: number,
    order: number,
    n: number,
    cols: number,
    x: number,
    y: number,
  ): void;
  sgdStep(
    p: number,
    g: number,
    buf: number,
    n: number,
    variant: number,
    lr: number,
    momentum: number,
    keep: number,
    weightDecay: number,
  ): void;
  adamStep(
    p: number,
    g: number,
    m: number,
    v: number,
    vMax: number,
    n: number,
    variant: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    eps: number,
    weightDecay: number,
    decay: number,
    stepSize: number,
    bias2Sqrt: number,
  ): void;
  rmspropStep(
    p: number,
    g: number,
    v: number,
    gAvg: number,
    buf: number,
    n: number,
    variant: number,
    lr: number,
    alpha: number,
    oneMinusAlpha: number,
    eps: number,
    weightDecay: number,
    momentum: number,
  ): void;
}

/** A kernel module instance and its memory. */
export interface Kernels {
  /** The exported kernels. */
  k: KernelExports;
  /** Runs `body` with a frame of memory that is released when it returns or throws. */
  withFrame<T>(body: () => T): T;
  /** Reserves `count` f64 (or i32 with `bytesEach` 4) in the current frame; zero-filled. */
  alloc(count: number, bytesEach?: 4 | 8): number;
  /** Copies `values` into a new f64 array of the frame and returns its address. */
  put(values: ArrayLike<number>): number;
  /** A fresh view of `count` f64 at `address`. */
  f64(address: number, count: number): Float64Array;
  /** A fresh view of `count` i32 at `address`. */
  i32(address: number, count: number): Int32Array;
}

/**
 * Instantiates the kernels from a compiled module, importing exp, log and tanh from `Math`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelModule } from "./kernels.ts";
 * import { instantiateKernels } from "./instance.ts";
 * const kernels = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));
 * const sum = kernels.withFrame(() => {
 *   const x = kernels.put([1, 2, 3]), out = kernels.alloc(3);
 *   kernels.k.relu(x, out, 3);
 *   return kernels.f64(out, 3).reduce((a, b) => a + b);
 * });
 * assert.equal(sum, 6);
 * ```
 */
export function instantiateKernels(module: WebAssembly.Module): Kernels {
  const instance = new WebAssembly.Instance(module, {
    env: { exp: Math.exp, log: Math.log, tanh: Math.tanh },
  });
  const k = instance.exports as unknown as KernelExports;
  // Address 0 stays unused so that it can mean "no array".
  let top = 16;
  const kernels: Kernels = {
    k,
    withFrame(body) {
      const mark = top;
      try {
        return body();
      } finally {
        top = mark;
      }
    },
    alloc(count, bytesEach = 8) {
      const address = top;
      top += Math.ceil((count * bytesEach) / 16) * 16;
      const missing = top - k.memory.buffer.byteLength;
      if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
      new Uint8Array(k.memory.buffer, address, top - address).fill(0);
      return address;
    },
    put(values) {
      const address = kernels.alloc(values.length);
      kernels.f64(address, values.length).set(values);
      return address;
    },
    f64: (address, count) => new Float64Array(k.memory.buffer, address, count),
    i32: (address, count) => new Int32Array(k.memory.buffer, address, count),
  };
  return kernels;
}

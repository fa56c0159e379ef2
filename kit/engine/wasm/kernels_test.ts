/**
 * The matrix product kernels against plain loops, on shapes that exercise every tile (full
 * bands, leftover pairs and single columns, row blocks and single rows) and every epilogue.
 * The engine's agreement test covers them through whole networks; this one says which kernel
 * and which element is wrong when one is.
 */

import assert from "node:assert/strict";
import { seededRandom } from "../../lib/random.ts";
import { instantiateKernels, type Kernels } from "./instance.ts";
import { kernelModule } from "./kernels.ts";
import { PANEL_COLUMNS } from "./kernels_wasm.ts";

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 4],
  [2, 10, 7],
  [9, 23, 6],
  [17, 12, 1],
  [8, 3, 0],
];

function randomArray(length: number, seed: string): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length }, () => random() * 2 - 1);
}

/** C = A·B (+ bias) the reference's way: each sum from 0, over t in order. */
function plainProduct(m: number, n: number, p: number, a: Float64Array, b: Float64Array) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let t = 0; t < p; t++) sum += a[i * p + t] * b[t * n + j];
      c[i * n + j] = sum;
    }
  }
  return c;
}

function run(
  kernels: Kernels,
  name: string,
  m: number,
  n: number,
  p: number,
  extraValues?: Float64Array,
) {
  const a = randomArray(m * p, `a${m}${n}${p}`), b = randomArray(p * n, `b${m}${n}${p}`);
  const bias = randomArray(n, `bias${n}`);
  return kernels.withFrame(() => {
    const at = { a: kernels.put(a), b: kernels.put(b), bias: kernels.put(bias) };
    const c = kernels.alloc(m * n), panel = kernels.alloc(PANEL_COLUMNS * p + 1);
    const extra = extraValues ? kernels.put(extraValues) : kernels.alloc(Math.max(m * n, n));
    const product = kernels.k[name as "matmul"];
    product(m, n, p, at.a, 8 * p, 8, at.b, c, at.bias, panel, extra);
    return {
      a,
      b,
      bias,
      c: kernels.f64(c, m * n).slice(),
      extra: kernels.f64(extra, Math.max(m * n, n)).slice(),
    };
  });
}

function assertSame(actual: Float64Array, expected: Float64Array, what: string) {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${what}[${i}]: ${actual[i]} ≠ ${expected[i]}`);
    }
  }
}

const exact = instantiateKernels(new WebAssembly.Module(kernelModule({ fma: false })));

Deno.test("matmul and matmulBias equal plain loops bit for bit", () => {
  for (const [m, n, p] of SHAPES) {
    const plain = run(exact, "matmul", m, n, p);
    assertSame(plain.c, plainProduct(m, n, p, plain.a, plain.b), `matmul ${m}×${n}×${p}`);
    const biased = run(exact, "matmulBias", m, n, p);
    const expected = plainProduct(m, n, p, biased.a, biased.b).map((v, i) =>
      v + biased.bias[i % n]
    );
    assertSame(biased.c, expected, `matmulBias ${m}×${n}×${p}`);
  }
});

Deno.test("matmulBiasRelu also writes the ReLU of the biased product", () => {
  for (const [m, n, p] of SHAPES) {
    const r = run(exact, "matmulBiasRelu", m, n, p);
    const z = plainProduct(m, n, p, r.a, r.b).map((v, i) => v + r.bias[i % n]);
    assertSame(r.c, z, `z ${m}×${n}×${p}`);
    assertSame(r.extra.subarray(0, m * n), z.map((v) => (v > 0 ? v : 0)), `relu ${m}×${n}×${p}`);
  }
});

Deno.test("matmulReluBackward keeps the product where the given z is positive", () => {
  for (const [m, n, p] of SHAPES) {
    const z = randomArray(m * n, `z${m}${n}${p}`);
    const r = run(exact, "matmulReluBackward", m, n, p, z);
    const expected = plainProduct(m, n, p, r.a, r.b).map((v, i) => (z[i] > 0 ? v : 0));
    assertSame(r.c, expected, `reluBackward ${m}×${n}×${p}`);
  }
});

Deno.test("matmulColumnSums also writes B's column sums, summed in order", () => {
  for (const [m, n, p] of SHAPES) {
    const r = run(exact, "matmulColumnSums", m, n, p);
    assertSame(r.c, plainProduct(m, n, p, r.a, r.b), `product ${m}×${n}×${p}`);
    const sums = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let t = 0; t < p; t++) sum += r.b[t * n + j];
      sums[j] = sum;
    }
    assertSame(r.extra.subarray(0, n), sums, `column sums ${m}×${n}×${p}`);
  }
});

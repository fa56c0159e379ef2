/**
 * The WebAssembly kernels of the fast engine, written as TypeScript that emits them
 * (`deno task build-wasm` stores the result in `kernels_wasm.ts`; a test checks it is current).
 *
 * Every kernel works on `f64` arrays in the module's memory, addressed in **bytes**, and
 * computes exactly what the TypeScript reference of lesson 05 computes, operation for operation
 * and in the same order, so that results agree bit for bit. The one exception is the `fma`
 * build, whose matrix products use `f64x2.relaxed_madd` (a fused multiply-add, rounded once
 * instead of twice): faster, and close to the reference rather than equal to it.
 *
 * How the speed is found: the products use SIMD (two f64 lanes) along the output's columns and
 * a register tile of 2 rows × 10 columns (10 accumulators); each sum still runs over its terms in
 * the reference's order, so vectorising changes no bits. The element-wise passes (activations,
 * dropout, the optimizer steps) run two lanes at a time; the reductions whose order matters
 * (softmax, the L2 sum of squares) stay scalar. Exp, log and tanh are imported from JavaScript's
 * `Math`, the very functions the reference calls.
 *
 * @module
 */

import {
  defineFunction,
  type EncodedFunction,
  encodeModule,
  type FunctionWriter,
  type Local,
} from "./encode.ts";

/** The functions the module imports from JavaScript, all `(f64) → f64`. */
export const IMPORTS = ["exp", "log", "tanh"] as const;

const imports = [...IMPORTS] as string[];

/** `while (test) body`, where `test` pushes an i32. */
function whileLoop(w: FunctionWriter, test: () => void, body: () => void): void {
  w.block((exit) =>
    w.loop((top) => {
      test();
      w.op("i32.eqz");
      w.brIf(exit);
      body();
      w.br(top);
    })
  );
}

/** `local += value` (i32). */
function addTo(w: FunctionWriter, local: Local, value: number | Local): void {
  w.get(local);
  if (typeof value === "number") w.i32(value);
  else w.get(value);
  w.op("i32.add");
  w.set(local);
}

/** `target = a + b·c` on i32 locals (addresses). */
function address(w: FunctionWriter, target: Local, a: Local, b: Local, c: Local | number): void {
  w.get(a);
  w.get(b);
  if (typeof c === "number") w.i32(c);
  else w.get(c);
  w.op("i32.mul");
  w.op("i32.add");
  w.set(target);
}

/**
 * The operations of one element (`lanes` 1, f64) or two (`lanes` 2, f64x2), so that an
 * element-wise kernel is written once for its vector body and its scalar tail; loads and
 * stores add the byte offset `base`.
 */
function lanesOf(w: FunctionWriter, lanes: 1 | 2, base = 0) {
  const t = lanes === 2 ? "f64x2" : "f64";
  return {
    type: lanes === 2 ? "v128" as const : "f64" as const,
    /** Loads at `ptr` + `base` (the unrolled copy's offset). */
    load: (ptr: Local) => (w.get(ptr), w.mem(lanes === 2 ? "v128.load" : "f64.load", base)),
    /** Stores what `value` pushes at `ptr` + `base`. */
    store: (ptr: Local, value: () => void) => {
      w.get(ptr);
      value();
      w.mem(lanes === 2 ? "v128.store" : "f64.store", base);
    },
    op: (name: "add" | "sub" | "mul" | "div" | "sqrt" | "max" | "gt") => w.op(`${t}.${name}`),
    /** A scalar f64 constant, splatted for two lanes. */
    constant: (value: number) => lanes === 2 ? w.f64x2(value, value) : w.f64(value),
  };
}

/**
 * Runs `body` over `n` elements: with `unroll`, four at a time (two bodies of two lanes, the
 * second at byte `offset` 16) while four remain; then two at a time; then the odd last one.
 * (Unrolling helps the light kernels; it slowed the optimizer steps down when measured.) Every pointer in `pointers`
 * advances past the elements done. `scalars` are f64 parameters; the body gets each as a local
 * of its lane width (splatted once before the loop for two lanes).
 */
function overElements(
  w: FunctionWriter,
  n: Local,
  pointers: Local[],
  scalars: Local[],
  body: (lanes: 1 | 2, scalar: Local[], offset: number) => void,
  unroll = false,
): void {
  const splatted = scalars.map((s) => {
    const v = w.local("v128");
    w.get(s);
    w.op("f64x2.splat");
    w.set(v);
    return v;
  });
  const advance = (count: number) => {
    for (const p of pointers) addTo(w, p, 8 * count);
    addTo(w, n, -count);
  };
  if (unroll) {
    whileLoop(w, () => (w.get(n), w.i32(4), w.op("i32.ge_s")), () => {
      body(2, splatted, 0);
      body(2, splatted, 16);
      advance(4);
    });
  }
  whileLoop(w, () => (w.get(n), w.i32(2), w.op("i32.ge_s")), () => {
    body(2, splatted, 0);
    advance(2);
  });
  w.get(n);
  w.ifElse(() => body(1, scalars, 0));
}

/**
 * Rows and column pairs of the register tile of {@link matmul}. Measured on this kit's products
 * (digits, 64-H-10): 2 × 5 pairs beat 4 × 2, 2 × 4, 3 × 3, 2 × 6 (which spills registers on x64)
 * and 1 × 8 by 10–30 %. Each step loads 2 values of A (splatted) and 5 vectors of B for 10
 * multiply-adds, and 10 independent sums keep the FMA units busy despite their latency; a band
 * of 10 columns is also exactly the 10 classes of digits.
 */
const TILE_ROWS = 2, TILE_VECTORS = 5;

/** Columns of B in one panel of {@link matmul}: the caller allocates p times this many f64. */
export const PANEL_COLUMNS: number = 2 * TILE_VECTORS;

/**
 * What a matrix product does with each result besides storing it in C, using the kernel's last
 * parameter `extra` (an address laid out like C, or like B's columns for `columnSums`).
 *
 * - `bias`: adds the row vector at `bias` (x·W + b).
 * - `biasRelu`: adds the bias, stores the sum in C and its ReLU in `extra` (z and f(z)).
 * - `reluBackward`: stores the result only where `extra` (the previous layer's z) is > 0, and 0
 *   elsewhere: dz = relu′(z) · (dy·Wᵀ) in one pass.
 * - `columnSums`: also writes the column sums of B to `extra` (Σ_t B[t, j], t in order: the
 *   bias gradient, as B is dy in xᵀ·dy), read while B is packed anyway.
 */
type Epilogue = "none" | "bias" | "biasRelu" | "reluBackward" | "columnSums";

/**
 * `C = A·B` (m × n) with A (m × p) read through byte strides (`A[i, t]` at `a + i·ars + t·acs`)
 * and B (p × n) row-major, so one kernel serves x·W, xᵀ·dy and dy·(Wᵀ); then the `epilogue`.
 * Each C[i, j] is summed over t in order, from 0, and the bias is added after the sum, as the
 * reference does, so vectorising changes no bits (unless `fma`).
 *
 * C is computed one band of 2·TILE_VECTORS columns at a time: that band of B is first copied
 * to `panel` (p × 2·TILE_VECTORS, contiguous), so the tiles of every row block read it from a
 * few consecutive cache lines instead of rows of B that are kilobytes apart (and that map to
 * the same few sets of the L1 cache). Each tile keeps TILE_ROWS × TILE_VECTORS accumulators in
 * registers and, for each t, loads the panel's row once and splats one value of A per row.
 * Columns left over (n not a multiple of the band) get one-pair and one-column tiles of up to
 * eight rows, so that they too keep several sums in flight.
 */
function matmul(name: string, epilogue: Epilogue, fma: boolean): EncodedFunction {
  const params = {
    m: "i32",
    n: "i32",
    p: "i32",
    a: "i32",
    ars: "i32",
    acs: "i32",
    b: "i32",
    c: "i32",
    bias: "i32",
    panel: "i32",
    extra: "i32",
  } as const;
  return defineFunction(name, params, null, (w) => {
    const { m, n, p, a, ars, acs, b, c, bias, panel, extra } = w.params;
    const brs = w.local("i32"); // byte stride of B's and C's rows
    const i = w.local("i32"), j = w.local("i32");
    const extraDelta = w.local("i32"); // extra − c: C's twin array in the epilogue
    w.get(n), w.i32(8), w.op("i32.mul"), w.set(brs);
    w.get(extra), w.get(c), w.op("i32.sub"), w.set(extraDelta);
    const bandBytes = 16 * TILE_VECTORS;

    /**
     * One tile: `rows` rows from i, `vectors` pairs of columns from j (0: one column), reading
     * B from the panel (`packed`) or from B itself.
     */
    const tile = (rows: number, vectors: number, packed: boolean) => {
      const scalar = vectors === 0;
      const accType = scalar ? "f64" : "v128";
      const acc = Array.from(
        { length: rows },
        () => Array.from({ length: Math.max(vectors, 1) }, () => w.local(accType)),
      );
      const bv = w.local(accType);
      const splats = acc.map(() => w.local(accType));
      const pa = Array.from({ length: rows }, () => w.local("i32"));
      const pb = w.local("i32"), k = w.local("i32"), out = w.local("i32");
      // Accumulators start at 0 (locals are zeroed on entry, but a tile runs many times).
      for (const row of acc) {
        for (const x of row) {
          if (scalar) w.f64(0);
          else w.f64x2(0, 0);
          w.set(x);
        }
      }
      pa.forEach((ptr, r) => {
        w.get(i);
        if (r > 0) w.i32(r), w.op("i32.add");
        w.get(ars), w.op("i32.mul"), w.get(a), w.op("i32.add"), w.set(ptr);
      });
      if (packed) w.get(panel), w.set(pb);
      else address(w, pb, b, j, 8);
      w.get(p), w.set(k);
      whileLoop(w, () => (w.get(k), w.i32(0), w.op("i32.gt_s")), () => {
        // Each row's value of A (splatted), then B's row one vector at a time.
        splats.forEach((x, r) => {
          w.get(pa[r]), w.mem(scalar ? "f64.load" : "v128.load64_splat"), w.set(x);
        });
        acc[0].forEach((_, v) => {
          w.get(pb), w.mem(scalar ? "f64.load" : "v128.load", 16 * v), w.set(bv);
          acc.forEach((row, r) => {
            const x = row[v];
            if (fma && !scalar) {
              w.get(splats[r]), w.get(bv), w.get(x), w.op("f64x2.relaxed_madd");
            } else {
              w.get(x), w.get(splats[r]), w.get(bv);
              w.op(scalar ? "f64.mul" : "f64x2.mul");
              w.op(scalar ? "f64.add" : "f64x2.add");
            }
            w.set(x);
          });
        });
        for (const ptr of pa) addTo(w, ptr, acs);
        addTo(w, pb, packed ? bandBytes : brs);
        addTo(w, k, -1);
      });
      const L = lanesOf(w, scalar ? 1 : 2);
      const positive = () => (L.constant(0), L.op("gt"));
      acc.forEach((row, r) => {
        // out = c + (i + r)·brs + j·8
        w.get(i);
        if (r > 0) w.i32(r), w.op("i32.add");
        w.get(brs), w.op("i32.mul"), w.get(c), w.op("i32.add");
        w.get(j), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.set(out);
        row.forEach((x, v) => {
          const offset = 16 * v;
          const twin = () => (w.get(out), w.get(extraDelta), w.op("i32.add"));
          if (epilogue === "bias" || epilogue === "biasRelu") {
            w.get(x);
            w.get(bias), w.get(j), w.i32(8), w.op("i32.mul"), w.op("i32.add");
            w.mem(scalar ? "f64.load" : "v128.load", offset);
            L.op("add");
            w.set(x);
          }
          if (epilogue === "biasRelu") {
            // f(z) = z where z > 0, else 0 (as the relu kernel).
            twin();
            if (scalar) w.get(x), w.f64(0), w.get(x), positive(), w.op("select");
            else w.get(x), w.get(x), positive(), w.op("v128.and");
            w.mem(scalar ? "f64.store" : "v128.store", offset);
          }
          if (epilogue === "reluBackward") {
            const z = () => (twin(), w.mem(scalar ? "f64.load" : "v128.load", offset));
            if (scalar) w.get(x), w.f64(0), z(), positive(), w.op("select");
            else w.get(x), z(), positive(), w.op("v128.and");
            w.set(x);
          }
          w.get(out), w.get(x), w.mem(scalar ? "f64.store" : "v128.store", offset);
        });
      });
    };

    /** Every row of C for the columns at j, in blocks of each of `blocks` rows in turn. */
    const allRows = (vectors: number, packed: boolean, blocks: number[]) => {
      w.i32(0), w.set(i);
      for (const rows of blocks) {
        const fits = () => (w.get(i), w.i32(rows), w.op("i32.add"), w.get(m), w.op("i32.le_s"));
        whileLoop(w, fits, () => (tile(rows, vectors, packed), addTo(w, i, rows)));
      }
    };

    /** Σ_t B[t, j…] over all p rows, in order, into `extra` (the columnSums epilogue). */
    const columnSumsAt = (lanes: 1 | 2, count: number, from: Local) => {
      const L = lanesOf(w, lanes);
      const sums = Array.from({ length: count }, () => w.local(L.type));
      const t = w.local("i32"), ptr = w.local("i32");
      for (const sum of sums) L.constant(0), w.set(sum); // this code runs once per band
      w.get(from), w.set(ptr);
      w.get(p), w.set(t);
      whileLoop(w, () => (w.get(t), w.i32(0), w.op("i32.gt_s")), () => {
        sums.forEach((sum, v) => {
          w.get(sum), w.get(ptr), w.mem(lanes === 2 ? "v128.load" : "f64.load", 16 * v);
          L.op("add"), w.set(sum);
        });
        addTo(w, ptr, brs), addTo(w, t, -1);
      });
      sums.forEach((sum, v) => {
        w.get(extra), w.get(j), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.get(sum);
        w.mem(lanes === 2 ? "v128.store" : "f64.store", 16 * v);
      });
    };

    /** Copies the band of B at column j (p rows × bandBytes) into the panel (and sums it). */
    const pack = () => {
      const from = w.local("i32"), to = w.local("i32"), t = w.local("i32");
      address(w, from, b, j, 8);
      if (epilogue === "columnSums") columnSumsAt(2, TILE_VECTORS, from);
      w.get(panel), w.set(to);
      w.get(p), w.set(t);
      whileLoop(w, () => (w.get(t), w.i32(0), w.op("i32.gt_s")), () => {
        for (let v = 0; v < TILE_VECTORS; v++) {
          w.get(to), w.get(from), w.mem("v128.load", 16 * v), w.mem("v128.store", 16 * v);
        }
        addTo(w, from, brs), addTo(w, to, bandBytes), addTo(w, t, -1);
      });
    };

    const band = 2 * TILE_VECTORS;
    w.i32(0), w.set(j);
    whileLoop(w, () => (w.get(j), w.i32(band), w.op("i32.add"), w.get(n), w.op("i32.le_s")), () => {
      pack();
      allRows(TILE_VECTORS, true, [TILE_ROWS, 1]); // (a band of one-row tiles when TILE_ROWS is 1)
      addTo(w, j, band);
    });
    // The columns left over: pairs, then a last single column, read from B directly.
    const leftover = (lanes: 1 | 2) => {
      if (epilogue === "columnSums") {
        const from = w.local("i32");
        address(w, from, b, j, 8);
        columnSumsAt(lanes, 1, from);
      }
      allRows(lanes === 2 ? 1 : 0, false, [8, 4, 2, 1]);
    };
    whileLoop(w, () => (w.get(j), w.i32(2), w.op("i32.add"), w.get(n), w.op("i32.le_s")), () => {
      leftover(2);
      addTo(w, j, 2);
    });
    w.get(j), w.get(n), w.op("i32.lt_s");
    w.ifElse(() => leftover(1));
  }, imports);
}

/** `dst = srcᵀ`: src is rows × cols, dst cols × rows. */
const transpose = defineFunction(
  "transpose",
  { src: "i32", rows: "i32", cols: "i32", dst: "i32" },
  null,
  (w) => {
    const { src, rows, cols, dst } = w.params;
    const r = w.local("i32"), col = w.local("i32"), from = w.local("i32"), to = w.local("i32");
    whileLoop(w, () => (w.get(r), w.get(rows), w.op("i32.lt_s")), () => {
      w.i32(0), w.set(col);
      w.get(src),
        w.get(r),
        w.get(cols),
        w.op("i32.mul"),
        w.i32(8),
        w.op("i32.mul"),
        w.op("i32.add"),
        w.set(from);
      w.get(dst), w.get(r), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.set(to);
      whileLoop(w, () => (w.get(col), w.get(cols), w.op("i32.lt_s")), () => {
        w.get(to), w.get(from), w.mem("f64.load"), w.mem("f64.store");
        addTo(w, from, 8);
        w.get(to), w.get(rows), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.set(to);
        addTo(w, col, 1);
      });
      addTo(w, r, 1);
    });
  },
  imports,
);

/** `out[j] = Σ_r dy[r, j]`, r in order from 0 (the bias gradient). */
const columnSums = defineFunction(
  "columnSums",
  { dy: "i32", rows: "i32", cols: "i32", out: "i32" },
  null,
  (w) => {
    const { dy, rows, cols, out } = w.params;
    const stride = w.local("i32"), r = w.local("i32"), ptr = w.local("i32");
    w.get(cols), w.i32(8), w.op("i32.mul"), w.set(stride);
    const remaining = w.local("i32");
    w.get(cols), w.set(remaining);
    overElements(w, remaining, [dy, out], [], (lanes, _, offset) => {
      const L = lanesOf(w, lanes, offset);
      const sum = w.local(L.type);
      L.constant(0), w.set(sum);
      w.get(dy), w.set(ptr);
      w.i32(0), w.set(r);
      whileLoop(w, () => (w.get(r), w.get(rows), w.op("i32.lt_s")), () => {
        w.get(sum), L.load(ptr), L.op("add"), w.set(sum);
        addTo(w, ptr, stride);
        addTo(w, r, 1);
      });
      L.store(out, () => w.get(sum));
    }, true);
  },
  imports,
);

/** An element-wise kernel `out = f(inputs…)` over n elements, vectorised. */
function elementwise(
  name: string,
  inputs: string[],
  scalarParams: string[],
  value: (w: FunctionWriter, lanes: 1 | 2, load: (input: number) => void, s: Local[]) => void,
): EncodedFunction {
  const params: Record<string, "i32" | "f64"> = {};
  for (const input of inputs) params[input] = "i32";
  params.out = "i32";
  params.n = "i32";
  for (const s of scalarParams) params[s] = "f64";
  return defineFunction(name, params, null, (w) => {
    const ptrs = inputs.map((input) => w.params[input]);
    const scalars = scalarParams.map((s) => w.params[s]);
    overElements(w, w.params.n, [...ptrs, w.params.out], scalars, (lanes, s, offset) => {
      const L = lanesOf(w, lanes, offset);
      L.store(w.params.out, () => value(w, lanes, (k) => L.load(ptrs[k]), s));
    }, true);
  }, imports);
}

/** `z > 0 ? x : 0`, lane-wise: the comparison's all-ones mask keeps x, also for x = −0 or NaN. */
function keepWherePositive(w: FunctionWriter, lanes: 1 | 2, z: () => void, x: () => void) {
  if (lanes === 2) {
    x(), z(), w.f64x2(0, 0), w.op("f64x2.gt"), w.op("v128.and");
  } else {
    x(), w.f64(0), z(), w.f64(0), w.op("f64.gt"), w.op("select");
  }
}

const relu = elementwise("relu", ["z"], [], (w, lanes, load) => {
  keepWherePositive(w, lanes, () => load(0), () => load(0));
});

const reluBackward = elementwise("reluBackward", ["z", "da"], [], (w, lanes, load) => {
  keepWherePositive(w, lanes, () => load(0), () => load(1));
});

/** tanh′ from a = tanh(z): da · (1 − a·a). */
const tanhBackward = elementwise("tanhBackward", ["a", "da"], [], (w, lanes, load) => {
  const L = lanesOf(w, lanes);
  load(1), L.constant(1), load(0), load(0), L.op("mul"), L.op("sub"), L.op("mul");
});

/** sigmoid′ from a = σ(z): da · a · (1 − a), multiplied left to right. */
const sigmoidBackward = elementwise("sigmoidBackward", ["a", "da"], [], (w, lanes, load) => {
  const L = lanesOf(w, lanes);
  load(1), load(0), L.op("mul"), L.constant(1), load(0), L.op("sub"), L.op("mul");
});

/** `out = x · y` (dropout: applying a mask forward and backward). */
const multiply = elementwise("multiply", ["x", "y"], [], (w, lanes, load) => {
  load(0), load(1), lanesOf(w, lanes).op("mul");
});

/** A scalar element-wise kernel calling an imported function (tanh, and σ through exp). */
function scalarMap(name: string, value: (w: FunctionWriter, z: Local) => void): EncodedFunction {
  return defineFunction(name, { z: "i32", out: "i32", n: "i32" }, null, (w) => {
    const { z, out, n } = w.params;
    const x = w.local("f64");
    whileLoop(w, () => (w.get(n), w.i32(0), w.op("i32.gt_s")), () => {
      w.get(z), w.mem("f64.load"), w.set(x);
      w.get(out), value(w, x), w.mem("f64.store");
      addTo(w, z, 8), addTo(w, out, 8), addTo(w, n, -1);
    });
  }, imports);
}

const tanh = scalarMap("tanh", (w, x) => (w.get(x), w.call("tanh")));

/** σ(z) = 1 / (1 + e^(−z)). */
const sigmoid = scalarMap("sigmoid", (w, x) => {
  w.f64(1), w.f64(1), w.get(x), w.op("f64.neg"), w.call("exp"), w.op("f64.add"), w.op("f64.div");
});

/**
 * Softmax cross-entropy of `batch` rows of logits (as the reference, scalar and in order):
 * returns Σ_i (log Σ_c e^(z_c − m) + m − z_y) · scale and writes the gradient
 * `e^(z_j − m − logSum) · scale − [j = y]·scale`. Labels are i32, already checked.
 */
const softmaxCrossEntropy = defineFunction(
  "softmaxCrossEntropy",
  { z: "i32", labels: "i32", batch: "i32", classes: "i32", grad: "i32", scale: "f64" },
  "f64",
  (w) => {
    const { z, labels, batch, classes, grad, scale } = w.params;
    const total = w.local("f64"), m = w.local("f64"), sum = w.local("f64"), v = w.local("f64");
    const logSum = w.local("f64");
    const j = w.local("i32"), ptr = w.local("i32"), g = w.local("i32"), y = w.local("i32");
    const rowBytes = w.local("i32");
    w.get(classes), w.i32(8), w.op("i32.mul"), w.set(rowBytes);
    const eachClass = (body: () => void) => {
      w.i32(0), w.set(j);
      w.get(z), w.set(ptr);
      whileLoop(w, () => (w.get(j), w.get(classes), w.op("i32.lt_s")), () => {
        body();
        addTo(w, ptr, 8), addTo(w, j, 1);
      });
    };
    whileLoop(w, () => (w.get(batch), w.i32(0), w.op("i32.gt_s")), () => {
      w.f64(-Infinity), w.set(m);
      eachClass(() => {
        w.get(ptr), w.mem("f64.load"), w.tee(v);
        w.get(m), w.get(v), w.get(m), w.op("f64.gt"), w.op("select"), w.set(m);
      });
      w.f64(0), w.set(sum);
      eachClass(() => {
        w.get(sum), w.get(ptr), w.mem("f64.load"), w.get(m), w.op("f64.sub"), w.call("exp");
        w.op("f64.add"), w.set(sum);
      });
      w.get(sum), w.call("log"), w.set(logSum);
      w.get(labels), w.mem("i32.load"), w.set(y);
      // total += logSum + m − z[y]
      w.get(total), w.get(logSum), w.get(m), w.op("f64.add");
      w.get(z), w.get(y), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.mem("f64.load");
      w.op("f64.sub"), w.op("f64.add"), w.set(total);
      w.get(grad), w.set(g);
      eachClass(() => {
        w.get(g);
        w.get(ptr), w.mem("f64.load"), w.get(m), w.op("f64.sub"), w.get(logSum), w.op("f64.sub");
        w.call("exp"), w.get(scale), w.op("f64.mul");
        w.mem("f64.store");
        addTo(w, g, 8);
      });
      // grad[y] −= scale
      w.get(grad), w.get(y), w.i32(8), w.op("i32.mul"), w.op("i32.add"), w.set(g);
      w.get(g), w.get(g), w.mem("f64.load"), w.get(scale), w.op("f64.sub"), w.mem("f64.store");
      addTo(w, z, rowBytes), addTo(w, grad, rowBytes), addTo(w, labels, 4), addTo(w, batch, -1);
    });
    w.get(total), w.get(scale), w.op("f64.mul");
  },
  imports,
);

/** L2 penalty of one layer: `dw += λ·w` element-wise; returns Σ w² summed in order. */
const l2Penalty = defineFunction(
  "l2Penalty",
  { w: "i32", dw: "i32", n: "i32", lambda: "f64" },
  "f64",
  (w) => {
    const { w: weights, dw, n, lambda } = w.params;
    const sq = w.local("f64"), x = w.local("f64");
    whileLoop(w, () => (w.get(n), w.i32(0), w.op("i32.gt_s")), () => {
      w.get(weights), w.mem("f64.load"), w.tee(x);
      w.get(x), w.op("f64.mul"), w.get(sq), w.op("f64.add"), w.set(sq);
      w.get(dw), w.get(dw), w.mem("f64.load"), w.get(lambda), w.get(x), w.op("f64.mul");
      w.op("f64.add"), w.mem("f64.store");
      addTo(w, weights, 8), addTo(w, dw, 8), addTo(w, n, -1);
    });
    w.get(sq);
  },
  imports,
);

/**
 * Copies the rows `order[start … start + n)` of `features` (cols values each) and their i32
 * labels into a batch.
 */
const gather = defineFunction(
  "gather",
  {
    features: "i32",
    labels: "i32",
    order: "i32",
    n: "i32",
    cols: "i32",
    x: "i32",
    y: "i32",
  },
  null,
  (w) => {
    const { features, labels, order, n, cols, x, y } = w.params;
    const row = w.local("i32"), bytes = w.local("i32");
    w.get(cols), w.i32(8), w.op("i32.mul"), w.set(bytes);
    whileLoop(w, () => (w.get(n), w.i32(0), w.op("i32.gt_s")), () => {
      w.get(order), w.mem("i32.load"), w.set(row);
      w.get(x), w.get(features), w.get(row), w.get(bytes), w.op("i32.mul"), w.op("i32.add");
      w.get(bytes), w.op("memory.copy");
      w.get(y), w.get(labels), w.get(row), w.i32(4), w.op("i32.mul"), w.op("i32.add");
      w.mem("i32.load"), w.mem("i32.store");
      addTo(w, order, 4), addTo(w, x, bytes), addTo(w, y, 4), addTo(w, n, -1);
    });
  },
  imports,
);

/**
 * Emits one loop per variant, chosen at run time by the i32 parameter `variant`, so that the
 * options of an optimizer cost no branch per element.
 */
function variants(w: FunctionWriter, count: number, loop: (variant: number) => void): void {
  for (let k = 0; k < count; k++) {
    w.get(w.params.variant), w.i32(k), w.op("i32.eq");
    w.ifElse(() => loop(k));
  }
}

/**
 * SGD as `torch.optim.SGD` (lesson 04). variant = wd (1) + 2 · mode, mode 0: no momentum,
 * 1: first momentum step (buf = g), 2: momentum, 3: first Nesterov step, 4: Nesterov.
 */
const sgdStep = defineFunction(
  "sgdStep",
  {
    p: "i32",
    g: "i32",
    buf: "i32",
    n: "i32",
    variant: "i32",
    lr: "f64",
    momentum: "f64",
    keep: "f64",
    weightDecay: "f64",
  },
  null,
  (w) => {
    const { p, g, buf, n, lr, momentum, keep, weightDecay } = w.params;
    variants(w, 10, (variant) => {
      const wd = variant % 2 === 1, mode = variant >> 1;
      overElements(w, n, [p, g, buf], [lr, momentum, keep, weightDecay], (lanes, s, offset) => {
        const L = lanesOf(w, lanes, offset);
        const [sLr, sMomentum, sKeep, sWd] = s;
        const grad = w.local(L.type), b = w.local(L.type);
        L.load(g), w.set(grad);
        if (wd) w.get(grad), w.get(sWd), L.load(p), L.op("mul"), L.op("add"), w.set(grad);
        if (mode > 0) {
          const first = mode === 1 || mode === 3;
          if (first) w.get(grad);
          else {
            w.get(sMomentum), L.load(buf), L.op("mul"), w.get(sKeep), w.get(grad), L.op("mul");
            L.op("add");
          }
          w.set(b);
          L.store(buf, () => w.get(b));
          if (mode >= 3) w.get(grad), w.get(sMomentum), w.get(b), L.op("mul"), L.op("add");
          else w.get(b);
          w.set(grad);
        }
        L.store(p, () => (L.load(p), w.get(sLr), w.get(grad), L.op("mul"), L.op("sub")));
      });
    });
  },
  imports,
);

/**
 * Adam and AdamW as `torch.optim` (lesson 04). variant = weight decay (0 none, 1 coupled,
 * 2 decoupled) + 3 · amsgrad. `decay` = 1 − lr·λ, `stepSize` = lr / (1 − β₁ᵗ).
 */
const adamStep = defineFunction(
  "adamStep",
  {
    p: "i32",
    g: "i32",
    m: "i32",
    v: "i32",
    vMax: "i32",
    n: "i32",
    variant: "i32",
    beta1: "f64",
    beta2: "f64",
    oneMinusBeta1: "f64",
    oneMinusBeta2: "f64",
    eps: "f64",
    weightDecay: "f64",
    decay: "f64",
    stepSize: "f64",
    bias2Sqrt: "f64",
  },
  null,
  (w) => {
    const P = w.params;
    const scalars = [
      P.beta1,
      P.beta2,
      P.oneMinusBeta1,
      P.oneMinusBeta2,
      P.eps,
      P.weightDecay,
      P.decay,
      P.stepSize,
      P.bias2Sqrt,
    ];
    variants(w, 6, (variant) => {
      const wdMode = variant % 3, amsgrad = variant >= 3;
      overElements(w, P.n, [P.p, P.g, P.m, P.v, P.vMax], scalars, (lanes, s, offset) => {
        const L = lanesOf(w, lanes, offset);
        const [b1, b2, omb1, omb2, eps, wd, decay, stepSize, bias2Sqrt] = s;
        const grad = w.local(L.type), m = w.local(L.type), v = w.local(L.type);
        L.load(P.g), w.set(grad);
        if (wdMode === 1) {
          w.get(grad), w.get(wd), L.load(P.p), L.op("mul"), L.op("add"), w.set(grad);
        }
        if (wdMode === 2) L.store(P.p, () => (L.load(P.p), w.get(decay), L.op("mul")));
        w.get(b1), L.load(P.m), L.op("mul"), w.get(omb1), w.get(grad), L.op("mul"), L.op("add");
        w.set(m);
        L.store(P.m, () => w.get(m));
        w.get(b2), L.load(P.v), L.op("mul");
        w.get(omb2), w.get(grad), L.op("mul"), w.get(grad), L.op("mul"), L.op("add"), w.set(v);
        L.store(P.v, () => w.get(v));
        if (amsgrad) {
          L.load(P.vMax), w.get(v), L.op("max"), w.set(v);
          L.store(P.vMax, () => w.get(v));
        }
        // p −= stepSize · (m / (√second / bias2Sqrt + eps))
        L.store(P.p, () => {
          L.load(P.p), w.get(stepSize), w.get(m);
          w.get(v), L.op("sqrt"), w.get(bias2Sqrt), L.op("div"), w.get(eps), L.op("add");
          L.op("div"), L.op("mul"), L.op("sub");
        });
      });
    });
  },
  imports,
);

/**
 * RMSprop as `torch.optim.RMSprop` (lesson 04). variant = wd (1) + 2 · centered + 4 · momentum.
 */
const rmspropStep = defineFunction(
  "rmspropStep",
  {
    p: "i32",
    g: "i32",
    v: "i32",
    gAvg: "i32",
    buf: "i32",
    n: "i32",
    variant: "i32",
    lr: "f64",
    alpha: "f64",
    oneMinusAlpha: "f64",
    eps: "f64",
    weightDecay: "f64",
    momentum: "f64",
  },
  null,
  (w) => {
    const P = w.params;
    const scalars = [P.lr, P.alpha, P.oneMinusAlpha, P.eps, P.weightDecay, P.momentum];
    variants(w, 8, (variant) => {
      const wd = (variant & 1) !== 0,
        centered = (variant & 2) !== 0,
        momentum = (variant & 4) !== 0;
      overElements(w, P.n, [P.p, P.g, P.v, P.gAvg, P.buf], scalars, (lanes, s, offset) => {
        const L = lanesOf(w, lanes, offset);
        const [lr, alpha, oma, eps, wdS, mu] = s;
        const grad = w.local(L.type), v = w.local(L.type), avg = w.local(L.type);
        const ga = w.local(L.type), b = w.local(L.type);
        L.load(P.g), w.set(grad);
        if (wd) w.get(grad), w.get(wdS), L.load(P.p), L.op("mul"), L.op("add"), w.set(grad);
        w.get(alpha), L.load(P.v), L.op("mul");
        w.get(oma), w.get(grad), L.op("mul"), w.get(grad), L.op("mul"), L.op("add"), w.set(v);
        L.store(P.v, () => w.get(v));
        if (centered) {
          w.get(alpha), L.load(P.gAvg), L.op("mul"), w.get(oma), w.get(grad), L.op("mul");
          L.op("add"), w.set(ga);
          L.store(P.gAvg, () => w.get(ga));
          w.get(v), w.get(ga), w.get(ga), L.op("mul"), L.op("sub"), w.set(v);
        }
        w.get(v), L.op("sqrt"), w.get(eps), L.op("add"), w.set(avg);
        if (momentum) {
          w.get(mu), L.load(P.buf), L.op("mul"), w.get(grad), w.get(avg), L.op("div"), L.op("add");
          w.set(b);
          L.store(P.buf, () => w.get(b));
          L.store(P.p, () => (L.load(P.p), w.get(lr), w.get(b), L.op("mul"), L.op("sub")));
        } else {
          L.store(P.p, () => {
            L.load(P.p), w.get(lr), w.get(grad), w.get(avg), L.op("div"), L.op("mul"), L.op("sub");
          });
        }
      });
    });
  },
  imports,
);

/**
 * The kernel module's bytes. `fma`: the matrix products use fused multiply-adds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelModule } from "./kernels.ts";
 * assert.ok(WebAssembly.validate(kernelModule({ fma: false })));
 * ```
 */
export function kernelModule(options: { fma: boolean }): Uint8Array<ArrayBuffer> {
  return encodeModule([
    matmul("matmul", "none", options.fma),
    matmul("matmulBias", "bias", options.fma),
    matmul("matmulBiasRelu", "biasRelu", options.fma),
    matmul("matmulReluBackward", "reluBackward", options.fma),
    matmul("matmulColumnSums", "columnSums", options.fma),
    transpose,
    columnSums,
    relu,
    reluBackward,
    tanh,
    tanhBackward,
    sigmoid,
    sigmoidBackward,
    multiply,
    softmaxCrossEntropy,
    l2Penalty,
    gather,
    sgdStep,
    adamStep,
    rmspropStep,
  ], imports);
}

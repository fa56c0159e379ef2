import { expectNumbers, graded } from "../../kit/testkit/graded.ts";
import { expectEachNumbers } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { denseBackward, denseForward } from "./dense.ts";

// Each output is a sum of a few products of O(1) numbers: 1e-12 relative (or absolute, for a
// sum that cancels to near zero) allows any summation order and nothing else.
const TOL = { rel: 1e-12, abs: 1e-12 };
const F = (a: number[]) => Float64Array.from(a);
const shape = (c: { batch: number; inSize: number; outSize: number }) =>
  `batch ${c.batch}, inSize ${c.inSize}, outSize ${c.outSize}`;

graded({
  name: "denseForward: y = x·W + b on 7 seeded shapes (W is inSize × outSize)",
  points: 3,
  hint: "y[i, j] = b[j] + Σ_k x[i, k]·W[k, j], with W[k, j] at index k·outSize + j (row k = the " +
    "weights leaving input k). Lesson 05, 'The dense layer'.",
}, () => {
  expectEachNumbers(cases.dense, {
    input: (c) => `denseForward(x, w, b, ${c.batch}, ${c.inSize}, ${c.outSize}) (${shape(c)})`,
    actual: (c) => denseForward(F(c.x), F(c.w), F(c.b), c.batch, c.inSize, c.outSize),
    expected: (c) => c.y,
    ...TOL,
  });
});

graded({
  name: "denseForward: writes into the given output array and returns it",
  points: 1,
  hint: "When y is passed, fill it (overwrite, do not add to what is there) and return that same " +
    "array: the MLP reuses one buffer per layer. Lesson 05, 'The dense layer'.",
}, () => {
  const c = cases.dense[3];
  const y = new Float64Array(c.batch * c.outSize).fill(99);
  expectNumbers({
    input: `denseForward(x, w, b, ${c.batch}, ${c.inSize}, ${c.outSize}, y filled with 99)`,
    actual: () => {
      const out = denseForward(F(c.x), F(c.w), F(c.b), c.batch, c.inSize, c.outSize, y);
      if (out !== y) throw new Error("returned a different array than the y it was given");
      return y;
    },
    expected: c.y,
    ...TOL,
  });
});

graded({
  name: "denseBackward: dW = xᵀ·dy and db summed over the batch",
  points: 3,
  hint: "dW[k, j] = Σ_i x[i, k]·dy[i, j] and db[j] = Σ_i dy[i, j]: every example of the batch " +
    "adds to the same weights, so sum over i (the 1/B is already inside dy). Overwrite dw and " +
    "db. Lesson 05, 'Backpropagation'.",
}, () => {
  for (const c of cases.dense) {
    const dw = new Float64Array(c.inSize * c.outSize).fill(7);
    const db = new Float64Array(c.outSize).fill(7);
    const call = () =>
      denseBackward(F(c.x), F(c.w), F(c.dy), c.batch, c.inSize, c.outSize, dw, db, null);
    expectNumbers({
      input: `denseBackward(x, w, dy, ${c.batch}, ${c.inSize}, ${c.outSize}, dw, db, null) → dw`,
      actual: () => (call(), dw),
      expected: c.dw,
      ...TOL,
    });
    expectNumbers({
      input: `denseBackward(x, w, dy, ${c.batch}, ${c.inSize}, ${c.outSize}, dw, db, null) → db`,
      actual: () => (call(), db),
      expected: c.db,
      ...TOL,
    });
  }
});

graded({
  name: "denseBackward: dx = dy·Wᵀ",
  points: 3,
  hint: "dx[i, k] = Σ_j dy[i, j]·W[k, j]: multiply by W transposed, which is the same array read " +
    "along its rows. dx has the shape of x (batch × inSize). Lesson 05, 'Backpropagation'.",
}, () => {
  expectEachNumbers(cases.dense, {
    input: (c) => `denseBackward(x, w, dy, ${c.batch}, ${c.inSize}, ${c.outSize}, dw, db, dx) → dx`,
    actual: (c) => {
      const dw = new Float64Array(c.inSize * c.outSize), db = new Float64Array(c.outSize);
      const dx = new Float64Array(c.batch * c.inSize);
      denseBackward(F(c.x), F(c.w), F(c.dy), c.batch, c.inSize, c.outSize, dw, db, dx);
      return dx;
    },
    expected: (c) => c.dx,
    ...TOL,
  });
});

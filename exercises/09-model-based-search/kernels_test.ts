import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { type Kernel, kernelMatrix, kernelValue } from "./kernels.ts";

// One exp and a few products: 1e-12 relative is rounding only.
const REL = 1e-12;
const c = cases.kernels;
const SYMMETRY = "A non-symmetric kernel: k must depend on the distance ‖a − b‖ only (the sum of " +
  "SQUARED differences), so k(a, b) = k(b, a). Lesson 09, 'The kernel'.";

/** The symmetry hint when the learner's k(a, b) and k(b, a) differ, else `otherwise`. */
function hintFor(kernel: Kernel, a: number[], b: number[], otherwise: string): string {
  try {
    const ab = kernelValue(kernel, a, b), ba = kernelValue(kernel, b, a);
    return Math.abs(ab - ba) > 1e-12 * Math.max(Math.abs(ab), Math.abs(ba)) ? SYMMETRY : otherwise;
  } catch {
    return otherwise;
  }
}

function checkPairs(list: typeof c.squaredExponential, formula: string): void {
  for (const t of list) {
    const kernel = t.kernel as Kernel;
    const hint = hintFor(kernel, t.a, t.b, formula);
    for (const [a, b] of [[t.a, t.b], [t.b, t.a]]) {
      expectNumber({
        input: `kernelValue(${JSON.stringify(kernel)}, ${JSON.stringify(a)}, ${JSON.stringify(b)})`,
        actual: () => kernelValue(kernel, a, b),
        expected: t.expected,
        rel: REL,
        hint,
      });
    }
  }
}

graded({
  name: "kernelValue: squared exponential, both orders of the points",
  points: 2,
  hint: "variance · exp(−r²/2), r = ‖a − b‖ / lengthscale.",
}, () => {
  checkPairs(c.squaredExponential, "variance · exp(−r²/2), r = ‖a − b‖ / lengthscale.");
});

graded({
  name: "kernelValue: Matérn 5/2, both orders of the points",
  points: 2,
  hint: "variance · (1 + √5 r + 5r²/3) · exp(−√5 r), r = ‖a − b‖ / lengthscale.",
}, () => {
  checkPairs(c.matern52, "variance · (1 + √5 r + 5r²/3) · exp(−√5 r), r = ‖a − b‖ / lengthscale.");
});

graded({
  name: "kernelMatrix: K[i][j] = k(rows[i], columns[j]), symmetric on one list",
  points: 2,
  hint: `One row per point of rows, one column per point of columns. ${SYMMETRY}`,
}, () => {
  for (const t of c.matrices) {
    const kernel = t.kernel as Kernel;
    const input = `kernelMatrix(${JSON.stringify(kernel)}, ${JSON.stringify(t.rows)}, ` +
      `${JSON.stringify(t.columns)})`;
    expectEqual({
      input: `shape of ${input}`,
      actual: () => {
        const k = kernelMatrix(kernel, t.rows, t.columns);
        return [k.length, k[0]?.length];
      },
      expected: [t.expected.length, t.expected[0].length],
    });
    expectNumbers({
      input,
      actual: () => kernelMatrix(kernel, t.rows, t.columns).flat(),
      expected: t.expected.flat(),
      rel: REL,
      hint: hintFor(
        kernel,
        t.rows[0],
        t.columns[t.columns.length - 1],
        "One row per point " +
          "of rows, one column per point of columns: K[i][j] = kernelValue(kernel, rows[i], columns[j]).",
      ),
      nameIndex: (i) => `K[${Math.floor(i / t.columns.length)}][${i % t.columns.length}]`,
    });
  }
});

graded({
  name: "kernelValue: refuses a lengthscale or variance <= 0 and points of different dimensions",
  points: 1,
  hint: "Throw a RangeError for lengthscale <= 0, variance <= 0 (or not finite) and for two " +
    "points of different lengths.",
}, () => {
  const t = c.matern52[0];
  const kernel = t.kernel as Kernel;
  expectNumber({
    input: `kernelValue(${JSON.stringify(kernel)}, ${JSON.stringify(t.a)}, ${JSON.stringify(t.b)})`,
    actual: () => kernelValue(kernel, t.a, t.b),
    expected: t.expected,
    rel: REL,
  });
  for (const bad of [{ ...kernel, lengthscale: 0 }, { ...kernel, variance: -1 }]) {
    expectThrows({
      input: `kernelValue(${JSON.stringify(bad)}, [0], [1])`,
      actual: () => kernelValue(bad, [0], [1]),
    });
  }
  expectThrows({
    input: `kernelValue(${JSON.stringify(kernel)}, [0, 1], [1])`,
    actual: () => kernelValue(kernel, [0, 1], [1]),
  });
});

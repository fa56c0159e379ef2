import { expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { cholesky, solveLower, solveLowerTransposed } from "./cholesky.ts";

// Matrices up to 6 × 6 with condition numbers in the hundreds: any correct order of the sums
// agrees to about 1e-13; 1e-10 leaves room and is far below any real mistake.
const TOL = { rel: 1e-10, abs: 1e-12 };
const c = cases.cholesky;

graded({
  name: "cholesky: the lower factor L with L·Lᵀ = A",
  points: 3,
  hint: "Row by row: L[i][j] = (A[i][j] − Σₖ<ⱼ L[i][k]·L[j][k]) / L[j][j] below the diagonal, " +
    "L[j][j] = √(A[j][j] − Σₖ<ⱼ L[j][k]²), zeros above. Lesson 09, 'Solving with a Cholesky " +
    "factor'.",
}, () => {
  for (const t of c.factors) {
    const n = t.a.length;
    expectNumbers({
      input: `cholesky(${JSON.stringify(t.a)})`,
      actual: () => cholesky(t.a).flat(),
      expected: t.expected.flat(),
      ...TOL,
      nameIndex: (i) => `L[${Math.floor(i / n)}][${i % n}]`,
    });
  }
});

graded({
  name: "cholesky: refuses a matrix that is not positive definite, square or symmetric",
  points: 2,
  hint: "Throw a RangeError when a pivot A[j][j] − Σ L[j][k]² is not > 0 (say 'positive " +
    "definite': the GP adds jitter to the diagonal, never cholesky itself), when a row's length " +
    "differs from the number of rows, and when A[i][j] ≠ A[j][i].",
}, () => {
  const first = c.factors[c.factors.length - 1];
  expectNumbers({
    input: `cholesky(${JSON.stringify(first.a)})`,
    actual: () => cholesky(first.a).flat(),
    expected: first.expected.flat(),
    ...TOL,
  });
  for (const a of c.indefinite) {
    expectThrows({
      input: `cholesky(${JSON.stringify(a)})`,
      actual: () => cholesky(a),
      messageIncludes: "positive definite",
    });
  }
  expectThrows({
    input: "cholesky([[1, 0], [0, 1], [0, 0]])",
    actual: () => cholesky([[1, 0], [0, 1], [0, 0]]),
  });
  expectThrows({ input: "cholesky([[2, 1], [0, 2]])", actual: () => cholesky([[2, 1], [0, 2]]) });
});

graded({
  name: "solveLower and solveLowerTransposed: forward and back substitution",
  points: 2,
  hint: "L·x = b from the first row down: x[i] = (b[i] − Σₖ<ᵢ L[i][k]·x[k]) / L[i][i]. " +
    "Lᵀ·x = b from the last row up, reading L by columns: x[i] = (b[i] − Σₖ>ᵢ L[k][i]·x[k]) / L[i][i].",
}, () => {
  for (const t of c.solves) {
    expectNumbers({
      input: `solveLower(${JSON.stringify(t.l)}, ${JSON.stringify(t.b)})`,
      actual: () => solveLower(t.l, t.b),
      expected: t.lower,
      ...TOL,
    });
    expectNumbers({
      input: `solveLowerTransposed(${JSON.stringify(t.l)}, ${JSON.stringify(t.b)})`,
      actual: () => solveLowerTransposed(t.l, t.b),
      expected: t.transposed,
      ...TOL,
    });
  }
});

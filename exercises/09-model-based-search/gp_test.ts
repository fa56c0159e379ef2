import { expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { type GpData, gpPosterior } from "./gp.ts";

// Up to 6 observations kept apart (noise-free) or with noise: the matrix is well conditioned,
// and correct programs agree to about 1e-12; 1e-8 leaves room for another order of operations.
const TOL = { rel: 1e-8, abs: 1e-8 };
const c = cases.gp;
type GpCase = { data: unknown; at: number[][]; expected: { mean: number[]; variance: number[] } };

function check(t: GpCase, hint: string): void {
  const data = t.data as GpData;
  const input = `gpPosterior(${JSON.stringify(t.data)}, ${JSON.stringify(t.at)})`;
  expectNumbers({
    input: `${input}.mean`,
    actual: () => gpPosterior(data, t.at).mean,
    expected: t.expected.mean,
    ...TOL,
    hint,
  });
  expectNumbers({
    input: `${input}.variance`,
    actual: () => gpPosterior(data, t.at).variance,
    expected: t.expected.variance,
    ...TOL,
    hint,
  });
}

graded({
  name: "gpPosterior: noise-free observations (mean through the points, variance 0 there)",
  points: 3,
  hint: "With K = k(X, X) + JITTER·variance·I and L its Cholesky factor: α = Lᵀ\\(L\\y), " +
    "mean = k(x, X)·α, v = L\\k(X, x), variance = k(x, x) − v·v (at least 0). Lesson 09, " +
    "'The posterior'.",
}, () => {
  for (const t of c.noiseFree) {
    check(t, "mean = k·α, variance = k(x, x) − v·v; see 'The posterior'.");
  }
});

graded({
  name: "gpPosterior: noisy observations, and the prior when there are none",
  points: 3,
  hint: "Variance without the noise term: σₙ² (noiseVariance) goes on the DIAGONAL of K before " +
    "factoring, which is what lets the mean miss a noisy point; the variance returned is the " +
    "function's, without adding σₙ² again. No observations: mean 0, variance = the kernel's.",
}, () => {
  for (const t of c.noisy) {
    check(
      t,
      "Variance without the noise term? Add noiseVariance (and the jitter) to K's " +
        "diagonal before factoring; do not add it to the variance returned.",
    );
  }
  check(
    c.prior,
    "With no observations the posterior is the prior: mean 0, variance = kernel.variance.",
  );
});

graded({
  name: "gpPosterior: refuses mismatched points and values, and a negative noise",
  points: 1,
  hint: "Throw a RangeError when points and values differ in number or noiseVariance < 0.",
}, () => {
  check(c.noisy[0], "mean = k·α, variance = k(x, x) − v·v.");
  const data = c.noisy[0].data as GpData;
  expectThrows({
    input: "gpPosterior({ …, values: one fewer than points }, at)",
    actual: () => gpPosterior({ ...data, values: data.values.slice(1) }, c.noisy[0].at),
  });
  expectThrows({
    input: "gpPosterior({ …, noiseVariance: -0.1 }, at)",
    actual: () => gpPosterior({ ...data, noiseVariance: -0.1 }, c.noisy[0].at),
  });
});

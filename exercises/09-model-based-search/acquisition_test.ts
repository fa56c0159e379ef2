import { expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import {
  expectedImprovement,
  probabilityOfImprovement,
  upperConfidenceBound,
} from "./acquisition.ts";

// EI and PI go through Φ, which the lesson asks for to 1e-7: 2e-7 absolute covers a Φ (and φ)
// that accurate; a sign or a missing term changes them by far more.
const ABS = 2e-7;
const c = cases.acquisition;
const SIGN = "EI with the improvement's sign flipped? The kit MAXIMISES scores: d = μ − best − ξ " +
  "(not best − μ), EI = d·Φ(d/σ) + σ·φ(d/σ). Lesson 09, 'Acquisition functions'.";

graded({
  name: "expectedImprovement: closed form, maximising, with margin ξ",
  points: 3,
  hint: SIGN,
}, () => {
  for (const t of c.random) {
    expectNumber({
      input: `expectedImprovement(${t.mean}, ${t.sd}, ${t.best}, ${t.xi})`,
      actual: () => expectedImprovement(t.mean, t.sd, t.best, t.xi),
      expected: t.ei,
      abs: ABS,
      rel: 1e-6,
    });
  }
});

graded({
  name: "expectedImprovement and probabilityOfImprovement: σ = 0",
  points: 1,
  hint: "With σ = 0 there is no uncertainty left: EI = max(μ − best − ξ, 0) and PI is 1 if " +
    "μ > best + ξ, else 0 (d/σ would divide by zero).",
}, () => {
  for (const t of c.sdZero) {
    expectNumber({
      input: `expectedImprovement(${t.mean}, 0, ${t.best}, ${t.xi})`,
      actual: () => expectedImprovement(t.mean, 0, t.best, t.xi),
      expected: t.ei,
      rel: 1e-12,
      abs: 1e-15,
    });
    expectNumber({
      input: `probabilityOfImprovement(${t.mean}, 0, ${t.best}, ${t.xi})`,
      actual: () => probabilityOfImprovement(t.mean, 0, t.best, t.xi),
      expected: t.pi,
      abs: 0,
    });
  }
});

graded({
  name: "probabilityOfImprovement: Φ((μ − best − ξ)/σ)",
  points: 2,
  hint: "P(f > best + ξ) for f ~ N(μ, σ²) is Φ((μ − best − ξ)/σ); flipping the sign gives the " +
    "probability of getting worse.",
}, () => {
  for (const t of c.random) {
    expectNumber({
      input: `probabilityOfImprovement(${t.mean}, ${t.sd}, ${t.best}, ${t.xi})`,
      actual: () => probabilityOfImprovement(t.mean, t.sd, t.best, t.xi),
      expected: t.pi,
      abs: ABS,
    });
  }
});

graded({
  name: "upperConfidenceBound: μ + κσ",
  points: 1,
  hint: "μ + κ·σ with σ the standard deviation (not the variance).",
}, () => {
  for (const t of c.random) {
    expectNumber({
      input: `upperConfidenceBound(${t.mean}, ${t.sd}, ${t.kappa})`,
      actual: () => upperConfidenceBound(t.mean, t.sd, t.kappa),
      expected: t.ucb,
      rel: 1e-12,
      abs: 1e-15,
    });
  }
});

graded({
  name: "expectedImprovement: refuses a negative σ",
  points: 1,
  hint: "Throw a RangeError for σ < 0 (a standard deviation) or a NaN mean; κ < 0 for UCB.",
}, () => {
  const t = c.random[0];
  expectNumber({
    input: `expectedImprovement(${t.mean}, ${t.sd}, ${t.best}, ${t.xi})`,
    actual: () => expectedImprovement(t.mean, t.sd, t.best, t.xi),
    expected: t.ei,
    abs: ABS,
    rel: 1e-6,
  });
  expectThrows({
    input: "expectedImprovement(0.5, -0.1, 0.4)",
    actual: () => expectedImprovement(0.5, -0.1, 0.4),
  });
  expectThrows({
    input: "expectedImprovement(NaN, 0.1, 0.4)",
    actual: () => expectedImprovement(NaN, 0.1, 0.4),
  });
  expectThrows({
    input: "upperConfidenceBound(0.5, 0.1, -1)",
    actual: () => upperConfidenceBound(0.5, 0.1, -1),
  });
});

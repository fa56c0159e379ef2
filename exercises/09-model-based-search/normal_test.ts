import { expectNumber, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { erf, normalCdf, normalPdf } from "./normal.ts";

// The lesson asks for erf and Φ to 1e-7 (absolute): enough for expected improvement, and within
// reach of a classic rational approximation as well as of a series.
const ABS = 1e-7;
const c = cases.normal;

graded({
  name: "erf: to 1e-7 on [−6, 6] and beyond, odd",
  points: 3,
  hint: "JavaScript has no Math.erf: sum the series (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) " +
    "for small |x| and use 1 − erfc (continued fraction) or 1 for large |x|; erf(−x) = −erf(x). " +
    "Lesson 09, 'The normal distribution function'.",
}, () => {
  for (const t of c.erf) {
    expectNumber({ input: `erf(${t.x})`, actual: () => erf(t.x), expected: t.expected, abs: ABS });
  }
});

graded({
  name: "normalCdf: Φ(z) to 1e-7, tails included",
  points: 2,
  hint: "Φ(z) = (1 + erf(z/√2)) / 2: note the √2. Far in the tails Φ is 0 or 1 to 1e-7.",
}, () => {
  for (const t of c.cdf) {
    expectNumber({
      input: `normalCdf(${t.z})`,
      actual: () => normalCdf(t.z),
      expected: t.expected,
      abs: ABS,
    });
  }
});

graded({
  name: "normalPdf: φ(z) = exp(−z²/2)/√(2π)",
  points: 1,
  hint: "exp(−z²/2) / √(2π): the square root of 2π, not 2π.",
}, () => {
  for (const t of c.pdf) {
    expectNumber({
      input: `normalPdf(${t.z})`,
      actual: () => normalPdf(t.z),
      expected: t.expected,
      rel: 1e-12,
      abs: 1e-300,
    });
  }
});

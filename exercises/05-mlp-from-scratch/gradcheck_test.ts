import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { maxRelativeError, numericalGradient } from "./gradcheck.ts";

/** A smooth test function with a known gradient: f(p) = Σ_i sin(p_i)·p_{i+1} + p_0³ + e^(p_n/2). */
function testFunction(p: Float64Array): { f: () => number; gradient: number[] } {
  const n = p.length;
  const f = () => {
    let s = p[0] ** 3 + Math.exp(p[n - 1] / 2);
    for (let i = 0; i + 1 < n; i++) s += Math.sin(p[i]) * p[i + 1];
    return s;
  };
  const gradient = Array.from(p, () => 0);
  gradient[0] += 3 * p[0] ** 2;
  gradient[n - 1] += Math.exp(p[n - 1] / 2) / 2;
  for (let i = 0; i + 1 < n; i++) {
    gradient[i] += Math.cos(p[i]) * p[i + 1];
    gradient[i + 1] += Math.sin(p[i]);
  }
  return { f, gradient };
}

// The lesson's points, then seeded random ones (the grade of record draws those afresh).
const POINTS = [
  [0.5, -1.25, 2],
  [1, 2, 3, 4, 5],
  [-0.3, 0.7, -1.1, 0.2, 1.9, -2.4],
  ...cases.gradientPoints,
];

graded({
  name: "numericalGradient: central differences match a known gradient to 1e-8",
  points: 3,
  hint: "g_i = (f(θ + h·e_i) − f(θ − h·e_i)) / 2h with h = eps (default 1e-5). A one-sided " +
    "difference (f(θ + h) − f(θ)) / h is off by about h·f''/2 ≈ 1e-5: too coarse to check a " +
    "gradient. Lesson 05, 'The gradient check'.",
}, () => {
  // Central differences with h = 1e-5 err by about h²·f'''/6 ≈ 1e-10 plus rounding ≈ 1e-11.
  for (const point of POINTS) {
    const p = Float64Array.from(point);
    const { f, gradient } = testFunction(p);
    expectNumbers({
      input: `numericalGradient(f, [${
        point.join(", ")
      }]) for f = Σ sin(p_i)·p_(i+1) + p_0³ + e^(p_last/2)`,
      actual: () => numericalGradient(f, p),
      expected: gradient,
      rel: 1e-8,
      abs: 1e-8,
    });
  }
});

graded({
  name: "numericalGradient: leaves the parameters exactly as they were",
  points: 1,
  hint:
    "Save θ_i, evaluate at θ_i + h and θ_i − h, then put the saved value back (θ_i + h − h is " +
    "not always θ_i in floating point). Lesson 05, 'The gradient check'.",
}, () => {
  // A seeded random point first (the grade of record holds it out), then one where
  // θ_i + h − h is not θ_i in floating point.
  const seeded = Float64Array.from(cases.gradientPoints[0]);
  expectNumbers({
    input: `numericalGradient(f, [${cases.gradientPoints[0].join(", ")}])`,
    actual: () => numericalGradient(testFunction(seeded).f, seeded),
    expected: testFunction(seeded).gradient,
    rel: 1e-8,
    abs: 1e-8,
  });
  const point = [0.1, 0.7, 1e-3, 123.456, -9.87654321];
  const p = Float64Array.from(point);
  const { f, gradient } = testFunction(p);
  // A function that does nothing leaves p alone too: only a right answer earns this.
  expectNumbers({
    input: `numericalGradient(f, p = [${point.join(", ")}])`,
    actual: () => numericalGradient(f, p),
    expected: gradient,
    rel: 1e-8,
    abs: 1e-8,
  });
  expectEqual({
    input: `numericalGradient(f, p = [${point.join(", ")}]), then p`,
    actual: () => (numericalGradient(f, p), Array.from(p)),
    expected: point,
  });
});

graded({
  name: "numericalGradient: eps is the step it is given",
  points: 1,
  hint: "Use the eps argument as h. For f(p) = p³ at p = 1, central differences give " +
    "3 + h² exactly: with h = 0.1 that is 3.01. Lesson 05, 'The gradient check'.",
}, () => {
  // At a seeded random x (the grade of record holds it out) central differences of x³ give
  // 3x² + h².
  const x = cases.gradientPoints[0][0];
  const q = Float64Array.from([x]);
  expectNumber({
    input: `numericalGradient(() => p[0] ** 3, [${x}], 0.1)`,
    actual: () => numericalGradient(() => q[0] ** 3, q, 0.1)[0],
    expected: 3 * x * x + 0.01,
    rel: 1e-9,
    abs: 1e-12,
  });
  const p = Float64Array.from([1]);
  expectNumber({
    input: "numericalGradient(() => p[0] ** 3, [1], 0.1)",
    actual: () => numericalGradient(() => p[0] ** 3, p, 0.1)[0],
    expected: 3.01,
    rel: 1e-9,
  });
});

graded({
  name: "maxRelativeError: worst entry, relative to the larger magnitude or the floor",
  points: 2,
  hint: "max over i of |a_i − b_i| / max(|a_i|, |b_i|, floor). Lesson 05, 'The gradient check'.",
}, () => {
  for (const c of cases.gradcheck) {
    expectNumber({
      input: `maxRelativeError([${c.a.join(", ")}], [${c.b.join(", ")}], ${c.floor})`,
      actual: () => maxRelativeError(c.a, c.b, c.floor),
      expected: c.expected,
      rel: 1e-12,
    });
  }
});

graded({
  name: "maxRelativeError: the default floor, NaN entries and different lengths",
  points: 1,
  hint:
    "The floor defaults to 1e-4 (entries below it are compared in absolute terms); a NaN difference must make the result NaN, never 0; gradients of different lengths throw. Lesson 05, 'The gradient check'.",
}, () => {
  // A seeded random case first (the grade of record holds it out), then the edge cases.
  const seeded = cases.gradcheck[cases.gradcheck.length - 1];
  expectNumber({
    input: `maxRelativeError([${seeded.a.join(", ")}], [${seeded.b.join(", ")}], ${seeded.floor})`,
    actual: () => maxRelativeError(seeded.a, seeded.b, seeded.floor),
    expected: seeded.expected,
    rel: 1e-12,
  });
  // |1e-6 − 3e-6| / max(1e-6, 3e-6, 1e-4) = 0.02 with the default floor.
  expectNumber({
    input: "maxRelativeError([1, 1e-6], [1, 3e-6])",
    actual: () => maxRelativeError([1, 1e-6], [1, 3e-6]),
    expected: 0.02,
    rel: 1e-12,
  });
  for (const [a, b] of [[[NaN, 1], [0, 1]], [[1, 2], [1, NaN]], [[0.5, NaN], [0.5, NaN]]]) {
    expectEqual({
      input: `Number.isNaN(maxRelativeError([${a}], [${b}]))`,
      actual: () => Number.isNaN(maxRelativeError(a, b)),
      expected: true,
    });
  }
  expectThrows({
    input: "maxRelativeError([1, 2], [1, 2, 3])",
    actual: () => maxRelativeError([1, 2], [1, 2, 3]),
  });
});

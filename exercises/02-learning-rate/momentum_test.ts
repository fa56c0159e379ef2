import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectTrajectory } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { type FunctionSpec, objectiveOf } from "./functions.ts";
import { momentumDescent } from "./momentum.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Compared point by point at relative 1e-10 (absolute 1e-12 near zero).

interface MomentumCase {
  fn: FunctionSpec;
  x0: number[];
  lr: number;
  beta: number;
  steps: number;
  path: number[][];
}

function checkPaths(list: MomentumCase[]): void {
  for (const c of list) {
    expectTrajectory({
      input: `momentumDescent(grad of ${JSON.stringify(c.fn)}, ${
        JSON.stringify(c.x0)
      }, ${c.lr}, ${c.beta}, ${c.steps})`,
      actual: () => momentumDescent(objectiveOf(c.fn).grad, c.x0, c.lr, c.beta, c.steps),
      expected: c.path,
      rel: 1e-10,
      abs: 1e-12,
    });
  }
}

graded(
  {
    name: "momentumDescent: the lesson's runs",
    points: 2,
    hint:
      "v starts at 0; each step v ← β·v + ∇f(x), then x ← x − lr·v. See 'Momentum' in lesson 02.",
  },
  () =>
    checkPaths([...cases.momentum.lesson, ...cases.momentum.random.slice(0, 3)] as MomentumCase[]),
);

graded({
  name: "momentumDescent: random quadratics, β from 0 to 0.99",
  points: 2,
  hint:
    "One velocity per coordinate, kept across steps; with β = 0 it is plain gradient descent. See 'Momentum' in lesson 02.",
}, () => checkPaths(cases.momentum.random as MomentumCase[]));

graded({
  name: "momentumDescent: invalid input",
  points: 1,
  hint:
    "Throw on a negative or non-finite lr, β outside [0, 1) (NaN included), a fractional step count, an empty x0 or a gradient of the wrong length; 0 steps returns [a copy of x0]; x0 is never changed. See 'Momentum' in lesson 02.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkPaths(cases.momentum.random.slice(0, 3) as MomentumCase[]);
  const grad = (x: readonly number[]) => x.map((xi) => 2 * xi);
  expectEqual({
    input: "momentumDescent(x ↦ 2x, [2], 0.1, 0.9, 0)",
    actual: () => momentumDescent(grad, [2], 0.1, 0.9, 0),
    expected: [[2]],
  });
  const x0 = [1];
  expectEqual({
    input: "momentumDescent(x ↦ 2x, x0, 0.25, 0.9, 2) leaves x0 unchanged",
    actual: () => {
      momentumDescent(grad, x0, 0.25, 0.9, 2);
      return x0;
    },
    expected: [1],
  });
  expectEqual({
    input:
      "momentumDescent(x ↦ 2x, x0, 0.1, 0.9, 0): changing the returned point leaves x0 unchanged",
    actual: () => {
      momentumDescent(grad, x0, 0.1, 0.9, 0)[0][0] = 99;
      return x0;
    },
    expected: [1],
  });
  expectEqual({
    input: "momentumDescent(x ↦ 2x, [3, -1], 0, 0.9, 2)",
    actual: () => momentumDescent(grad, [3, -1], 0, 0.9, 2),
    expected: [[3, -1], [3, -1], [3, -1]],
  });
  for (const [lr, beta] of [[NaN, 0.9], [Infinity, 0.9], [0.1, NaN]]) {
    expectThrows({
      input: `momentumDescent(x ↦ 2x, [1], ${lr}, ${beta}, 5)`,
      actual: () => momentumDescent(grad, [1], lr, beta, 5),
    });
  }
  expectThrows({
    input:
      "momentumDescent(x ↦ [2x, 0], [1], 0.1, 0.9, 3) (the gradient has 2 values, the point 1)",
    actual: () => momentumDescent((x) => [2 * x[0], 0], [1], 0.1, 0.9, 3),
  });
  expectThrows({
    input: "momentumDescent(x ↦ 2x, [1], -0.1, 0.9, 5)",
    actual: () => momentumDescent(grad, [1], -0.1, 0.9, 5),
  });
  expectThrows({
    input: "momentumDescent(x ↦ 2x, [1], 0.1, 1, 5)",
    actual: () => momentumDescent(grad, [1], 0.1, 1, 5),
  });
  expectThrows({
    input: "momentumDescent(x ↦ 2x, [1], 0.1, -0.5, 5)",
    actual: () => momentumDescent(grad, [1], 0.1, -0.5, 5),
  });
  expectThrows({
    input: "momentumDescent(x ↦ 2x, [1], 0.1, 0.9, 1.5)",
    actual: () => momentumDescent(grad, [1], 0.1, 0.9, 1.5),
  });
  expectThrows({
    input: "momentumDescent(x ↦ 2x, [], 0.1, 0.9, 3)",
    actual: () => momentumDescent(grad, [], 0.1, 0.9, 3),
  });
});

import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectTrajectory } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { type FunctionSpec, objectiveOf } from "./functions.ts";
import { gradientDescent } from "./gradient_descent.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Trajectories are compared point by point at relative 1e-10 (absolute 1e-12 near zero): the
// loop is the same arithmetic as the reference, so only a different formula can differ.

interface PathCase {
  fn: FunctionSpec;
  x0: number[];
  lr: number;
  steps: number;
  path: number[][];
}

function checkPaths(list: PathCase[]): void {
  for (const c of list) {
    expectTrajectory({
      input: `gradientDescent(grad of ${JSON.stringify(c.fn)}, ${
        JSON.stringify(c.x0)
      }, ${c.lr}, ${c.steps})`,
      actual: () => gradientDescent(objectiveOf(c.fn).grad, c.x0, c.lr, c.steps),
      expected: c.path,
      rel: 1e-10,
      abs: 1e-12,
    });
  }
}

graded(
  {
    name: "gradientDescent: the lesson's four runs",
    points: 2,
    hint:
      "Start the path with a copy of x0, then push x ← x − lr·∇f(x) after each step; see 'Gradient descent' in lesson 02.",
  },
  () =>
    checkPaths(
      [...cases.gradientDescent.lesson, ...cases.gradientDescent.random.slice(0, 3)] as PathCase[],
    ),
);

graded({
  name: "gradientDescent: random quadratics and starting points",
  points: 2,
  hint:
    "Every coordinate moves against its own gradient component; return steps + 1 points. See 'Gradient descent' in lesson 02.",
}, () => checkPaths(cases.gradientDescent.random as PathCase[]));

graded({
  name: "gradientDescent: edge cases and invalid input",
  points: 1,
  hint:
    "0 steps returns [a copy of x0]; lr = 0 is allowed; a negative or non-finite lr, a fractional or negative step count, an empty x0 and a gradient of the wrong length throw; x0 is never changed. See 'Gradient descent' in lesson 02.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkPaths(cases.gradientDescent.random.slice(0, 3) as PathCase[]);
  const grad = (x: readonly number[]) => x.map((xi) => 2 * xi);
  expectEqual({
    input: "gradientDescent(x ↦ 2x, [3, -1], 0.1, 0)",
    actual: () => gradientDescent(grad, [3, -1], 0.1, 0),
    expected: [[3, -1]],
  });
  const x0 = [1];
  expectEqual({
    input: "gradientDescent(x ↦ 2x, x0, 0.25, 1) leaves x0 unchanged",
    actual: () => {
      gradientDescent(grad, x0, 0.25, 1);
      return x0;
    },
    expected: [1],
  });
  expectEqual({
    input: "gradientDescent(x ↦ 2x, x0, 0.1, 0): changing the returned point leaves x0 unchanged",
    actual: () => {
      gradientDescent(grad, x0, 0.1, 0)[0][0] = 99;
      return x0;
    },
    expected: [1],
  });
  expectEqual({
    input: "gradientDescent(x ↦ 2x, [3, -1], 0, 2)",
    actual: () => gradientDescent(grad, [3, -1], 0, 2),
    expected: [[3, -1], [3, -1], [3, -1]],
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [1], Infinity, 5)",
    actual: () => gradientDescent(grad, [1], Infinity, 5),
  });
  expectThrows({
    input: "gradientDescent(x ↦ [2x, 0], [1], 0.1, 3) (the gradient has 2 values, the point 1)",
    actual: () => gradientDescent((x) => [2 * x[0], 0], [1], 0.1, 3),
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [1], -0.1, 5)",
    actual: () => gradientDescent(grad, [1], -0.1, 5),
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [1], NaN, 5)",
    actual: () => gradientDescent(grad, [1], NaN, 5),
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [1], 0.1, 2.5)",
    actual: () => gradientDescent(grad, [1], 0.1, 2.5),
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [1], 0.1, -1)",
    actual: () => gradientDescent(grad, [1], 0.1, -1),
  });
  expectThrows({
    input: "gradientDescent(x ↦ 2x, [], 0.1, 3)",
    actual: () => gradientDescent(grad, [], 0.1, 3),
  });
});

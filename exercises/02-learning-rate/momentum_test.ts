import { expectEqual, expectNumbers, expectThrows, graded } from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/02-learning-rate.json" with { type: "json" };
import { type FunctionSpec, objectiveOf } from "./functions.ts";
import { momentumDescent } from "./momentum.ts";

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
    const input = `momentumDescent(grad of ${JSON.stringify(c.fn)}, ${
      JSON.stringify(c.x0)
    }, ${c.lr}, ${c.beta}, ${c.steps})`;
    let path: number[][] | undefined;
    expectEqual({
      input: `${input}.length`,
      actual: () => {
        path = momentumDescent(objectiveOf(c.fn).grad, c.x0, c.lr, c.beta, c.steps);
        return path.length;
      },
      expected: c.path.length,
    });
    for (let k = 0; k < c.path.length; k++) {
      expectNumbers({
        input: `${input}[${k}]`,
        actual: () => path![k],
        expected: c.path[k],
        rel: 1e-10,
        abs: 1e-12,
      });
    }
  }
}

graded({
  name: "momentumDescent: the lesson's runs",
  points: 2,
  hint: "v starts at 0; each step v ← β·v + ∇f(x), then x ← x − lr·v. See 'Momentum' in lesson 02.",
}, () => checkPaths(cases.momentum.lesson as MomentumCase[]));

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
    "Throw on a negative lr, β outside [0, 1), a fractional step count or an empty x0; 0 steps returns [x0]. See 'Momentum' in lesson 02.",
}, () => {
  const grad = (x: readonly number[]) => x.map((xi) => 2 * xi);
  expectEqual({
    input: "momentumDescent(x ↦ 2x, [2], 0.1, 0.9, 0)",
    actual: () => momentumDescent(grad, [2], 0.1, 0.9, 0),
    expected: [[2]],
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

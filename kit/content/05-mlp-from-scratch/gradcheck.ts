/**
 * Lesson 05, gradient checking (`solutions/05-mlp-from-scratch/gradcheck.ts`): the relative
 * error's cases, and the lesson's table of backprop against central differences.
 *
 * @module
 */

import type { Json, LessonContent } from "../types.ts";
import { normal, seededRandom } from "../../lib/random.ts";
import { ACTIVATIONS, draw, list, r4 } from "./shared.ts";
import {
  maxRelativeError,
  numericalGradient,
} from "../../../solutions/05-mlp-from-scratch/gradcheck.ts";
import { createMlp, lossAndGradient } from "../../../solutions/05-mlp-from-scratch/mlp.ts";

/** Seeded random points for numericalGradient's tests (the test function is in the test file). */
function gradientPoints(): number[][] {
  const random = seededRandom("05/gradcheck-points");
  return Array.from(
    { length: 3 },
    () => Array.from({ length: 2 + Math.floor(5 * random()) }, () => r4(4 * random() - 2)),
  );
}

function gradcheckCases() {
  const random = seededRandom("05/gradcheck");
  const cases: Json[] = [
    {
      a: [1, 2, 0],
      b: [1, 2.002, 0],
      floor: 1e-8,
      expected: maxRelativeError([1, 2, 0], [1, 2.002, 0], 1e-8),
    },
    {
      a: [1e-12, 0],
      b: [-1e-12, 0],
      floor: 1e-8,
      expected: maxRelativeError([1e-12, 0], [-1e-12, 0], 1e-8),
    },
    {
      a: [0.5, -3],
      b: [0.5, 3],
      floor: 1e-8,
      expected: maxRelativeError([0.5, -3], [0.5, 3], 1e-8),
    },
    {
      a: [1e-6, 2],
      b: [2e-6, 2],
      floor: 1e-3,
      expected: maxRelativeError([1e-6, 2], [2e-6, 2], 1e-3),
    },
  ];
  for (let k = 0; k < 6; k++) {
    const a = list(draw(random, 8));
    const b = a.map((v) => r4(v * (1 + 1e-3 * normal(random))));
    cases.push({ a, b, floor: 1e-8, expected: maxRelativeError(a, b, 1e-8) });
  }
  return cases;
}

/** Max relative error between backprop and central differences, per activation and L2. */
function gradcheckTable(): string {
  const rows = [
    "| activation | L2 λ | dropout | parameters | max relative error |",
    "| --- | --- | --- | --- | --- |",
  ];
  const random = seededRandom("05/lesson-gradcheck");
  for (const activation of ACTIVATIONS) {
    for (const [l2, dropout] of [[0, 0], [0.1, 0], [0.1, 0.3]]) {
      const net = createMlp({ sizes: [5, 7, 6, 4], activation, seed: 3 });
      net.params.forEach((v, i) => net.params[i] = v === 0 ? 0.1 * normal(random) : v);
      const x = Float64Array.from({ length: 6 * 5 }, () => normal(random));
      const labels = [0, 1, 2, 3, 1, 2];
      // A fresh generator with the same seed: the same dropout mask at every call.
      const f = () => lossAndGradient(net, x, labels, 6, { l2, dropout, random: seededRandom(7) });
      f();
      const analytic = net.grads.slice();
      const error = maxRelativeError(analytic, numericalGradient(f, net.params));
      rows.push(
        `| ${activation} | ${l2} | ${dropout} | ${net.params.length} | ${error.toExponential(1)} |`,
      );
    }
  }
  return rows.join("\n");
}

/** Gradient checking's cases and table. */
export const gradcheck: LessonContent = {
  cases: () => ({ gradcheck: gradcheckCases(), gradientPoints: gradientPoints() }),
  blocks: { "gradcheck-table": gradcheckTable },
};

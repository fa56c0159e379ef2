import { strict as assert } from "node:assert";
import {
  expectEach,
  expectEachCall,
  expectEachEqual,
  expectEachNumbers,
  expectTrajectory,
} from "./expect_each.ts";
import { GradedFailure } from "./graded.ts";

const failure = (f: () => void): string => {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof GradedFailure, `not a GradedFailure: ${error}`);
    return error.message;
  }
  throw new Error("expected a failure");
};

Deno.test("expectEach names the first case that differs, with its tolerance", () => {
  const cases = [{ x: 2, expected: 4 }, { x: 3, expected: 9 }, { x: 4, expected: 16 }];
  const message = failure(() =>
    expectEach(cases, { input: (c) => `sq(${c.x})`, actual: (c) => (c.x === 3 ? 9.1 : c.x ** 2) })
  );
  assert.match(message, /input: {4}sq\(3\)/);
  assert.match(message, /got: {6}9\.1/);
});

Deno.test("expectEach computes a tolerance per case and reads `expected` when told", () => {
  const cases = [{ lr0: 1, want: 1 }, { lr0: 1e6, want: 1e6 }];
  // Off by 0.5: inside an absolute tolerance of 1e-6·lr0 only for the second case.
  const check = { input: () => "f", actual: (c: { lr0: number }) => c.lr0 + 0.5, rel: 0 };
  assert.match(
    failure(() =>
      expectEach(cases, { ...check, abs: (c) => 1e-6 * c.lr0, expected: (c) => c.want })
    ),
    /expected: 1 \(within absolute 0.000001\)/,
  );
  expectEach(cases.slice(1), { ...check, abs: (c) => 1e-6 * c.lr0, expected: (c) => c.want });
});

Deno.test("expectEachNumbers and expectEachEqual check every case", () => {
  expectEachNumbers([{ expected: [1, 2] }], { input: () => "a", actual: () => [1, 2] });
  assert.match(
    failure(() =>
      expectEachNumbers([{ expected: [1, 2] }], { input: () => "a", actual: () => [1, 3] })
    ),
    /input: {4}a/,
  );
  expectEachEqual([{ expected: "x" }], { input: () => "b", actual: () => "x" });
  assert.match(
    failure(() => expectEachEqual([{ expected: "x" }], { input: () => "b", actual: () => "y" })),
    /got: {6}"y"/,
  );
});

Deno.test("expectTrajectory checks the length, then each point, running the code once", () => {
  let calls = 0;
  const run = (points: number[][]) => () => {
    calls++;
    return points;
  };
  expectTrajectory({ input: "t", actual: run([[1], [2]]), expected: [[1], [2]] });
  assert.equal(calls, 1);
  assert.match(
    failure(() => expectTrajectory({ input: "t", actual: run([[1]]), expected: [[1], [2]] })),
    /input: {4}t\.length/,
  );
  assert.match(
    failure(() => expectTrajectory({ input: "t", actual: run([[1], [5]]), expected: [[1], [2]] })),
    /input: {4}t\[1\]/,
  );
});

Deno.test("expectEachCall writes the input as the call, each argument as JSON", () => {
  const scale = (config: { factor: number }, x: number) => config.factor * x;
  const cases = [{ config: { factor: 2 }, x: 3, expected: 6 }, {
    config: { factor: 2 },
    x: 0.5,
    expected: 2,
  }];
  assert.match(
    failure(() =>
      expectEachCall(cases, { name: "scale", fn: scale, args: (c) => [c.config, c.x], rel: 0 })
    ),
    // Messages show inputs in one format: JSON objects as JavaScript literals (formatInput).
    /input: {4}scale\(\{ factor: 2 \}, 0\.5\)\nexpected: 2 \(exactly\)\ngot: {6}1/,
  );
});

/**
 * Checking a list of cases at once: the loops every graded test file would otherwise write,
 * built only on the public `expect*` primitives of `graded.ts`, so every case still counts as an
 * answer and fails with the call, the expected value and what came back.
 *
 * @module
 */

import { expectEqual, expectNumber, expectNumbers } from "./graded.ts";

/** A tolerance for every case alike, or one computed from the case (e.g. relative to its lr0). */
export type TolerancePer<C> = number | ((c: C) => number);

/** How to check each case of a list. */
export interface EachCheck<C, T> {
  /** The call as the learner would write it, for the failure message. */
  input: (c: C) => string;
  /** Calls the learner's code on the case. */
  actual: (c: C) => T;
  /** The reference value; by default the case's own `expected`. */
  expected?: (c: C) => T;
  /** Relative tolerance (default 1e-9, as `expectNumber`'s); ignored by {@link expectEachEqual}. */
  rel?: TolerancePer<C>;
  /** Absolute tolerance (default 0); ignored by {@link expectEachEqual}. */
  abs?: TolerancePer<C>;
  /** A hint for the case, shown instead of the test's when it fails (undefined: the test's). */
  hint?: (c: C) => string | undefined;
}

function resolve<C>(tolerance: TolerancePer<C> | undefined, c: C): number | undefined {
  return typeof tolerance === "function" ? tolerance(c) : tolerance;
}

function expectedOf<C, T>(check: EachCheck<C, T>, c: C): T {
  return check.expected ? check.expected(c) : (c as { expected: T }).expected;
}

/**
 * Expects a number close to the reference for every case, with `expectNumber`.
 *
 * @example
 * ```ts
 * import { expectEach } from "./expect_each.ts";
 * const half = (x: number) => x / 2;
 * expectEach([{ x: 3, expected: 1.5 }, { x: 1e-9, expected: 5e-10 }], {
 *   input: (c) => `half(${c.x})`,
 *   actual: (c) => half(c.x),
 *   rel: 1e-12,
 * });
 * ```
 */
export function expectEach<C>(cases: readonly C[], check: EachCheck<C, number>): void {
  for (const c of cases) {
    expectNumber({
      input: check.input(c),
      actual: () => check.actual(c),
      expected: expectedOf(check, c),
      rel: resolve(check.rel, c),
      abs: resolve(check.abs, c),
      hint: check.hint?.(c),
    });
  }
}

/**
 * Expects `name(...args)` close to the reference for every case: {@link expectEach} with the
 * input written as the call, each argument as JSON, which failure messages show as
 * `stepDecay({ lr0: 0.1, … }, 99)`.
 *
 * @example
 * ```ts
 * import { expectEachCall } from "./expect_each.ts";
 * const scale = (config: { factor: number }, x: number) => config.factor * x;
 * const cases = [{ config: { factor: 2 }, x: 3, expected: 6 }];
 * expectEachCall(cases, { name: "scale", fn: scale, args: (c) => [c.config, c.x], rel: 1e-12 });
 * ```
 */
export function expectEachCall<C, const A extends readonly unknown[]>(
  cases: readonly C[],
  check: Omit<EachCheck<C, number>, "input" | "actual"> & {
    /** The function's name, as the learner would call it. */
    name: string;
    /** The learner's function. */
    fn: (...args: A) => number;
    /** The case's arguments, in order. */
    args: (c: C) => A;
  },
): void {
  expectEach(cases, {
    ...check,
    input: (c) => `${check.name}(${check.args(c).map((a) => JSON.stringify(a)).join(", ")})`,
    actual: (c) => check.fn(...check.args(c)),
  });
}

/**
 * Expects an array of numbers close to the reference, element by element, for every case, with
 * `expectNumbers`.
 *
 * @example
 * ```ts
 * import { expectEachNumbers } from "./expect_each.ts";
 * const doubled = (xs: number[]) => xs.map((x) => 2 * x);
 * expectEachNumbers([{ xs: [1, 2], expected: [2, 4] }], {
 *   input: (c) => `doubled(${JSON.stringify(c.xs)})`,
 *   actual: (c) => doubled(c.xs),
 *   rel: 1e-12,
 * });
 * ```
 */
export function expectEachNumbers<C>(
  cases: readonly C[],
  check: EachCheck<C, ArrayLike<number>>,
): void {
  for (const c of cases) {
    expectNumbers({
      input: check.input(c),
      actual: () => check.actual(c),
      expected: expectedOf(check, c),
      rel: resolve(check.rel, c),
      abs: resolve(check.abs, c),
      hint: check.hint?.(c),
    });
  }
}

/**
 * Expects a value equal to the reference (deeply, numbers exactly) for every case, with
 * `expectEqual`.
 *
 * @example
 * ```ts
 * import { expectEachEqual } from "./expect_each.ts";
 * const sign = (x: number) => (x < 0 ? "negative" : "non-negative");
 * expectEachEqual([{ x: -2, expected: "negative" }, { x: 0, expected: "non-negative" }], {
 *   input: (c) => `sign(${c.x})`,
 *   actual: (c) => sign(c.x),
 * });
 * ```
 */
export function expectEachEqual<C, T>(cases: readonly C[], check: EachCheck<C, T>): void {
  for (const c of cases) {
    expectEqual({
      input: check.input(c),
      actual: () => check.actual(c),
      expected: expectedOf(check, c),
      hint: check.hint?.(c),
    });
  }
}

/**
 * Expects a trajectory (a list of points, e.g. the iterates of an optimizer) equal to the
 * reference point by point: first its length, exactly, then each point with `expectNumbers`,
 * named `input[k]`. The learner's code runs once.
 *
 * @example
 * ```ts
 * import { expectTrajectory } from "./expect_each.ts";
 * const halvings = (x: number, steps: number) =>
 *   Array.from({ length: steps + 1 }, (_, k) => [x / 2 ** k]);
 * expectTrajectory({
 *   input: "halvings(8, 2)",
 *   actual: () => halvings(8, 2),
 *   expected: [[8], [4], [2]],
 *   rel: 1e-12,
 * });
 * ```
 */
export function expectTrajectory(c: {
  input: string;
  actual: () => ArrayLike<ArrayLike<number>>;
  expected: readonly ArrayLike<number>[];
  rel?: number;
  abs?: number;
}): void {
  let path: ArrayLike<ArrayLike<number>> | undefined;
  expectEqual({
    input: `${c.input}.length`,
    actual: () => {
      path = c.actual();
      return path.length;
    },
    expected: c.expected.length,
  });
  for (let k = 0; k < c.expected.length; k++) {
    expectNumbers({
      input: `${c.input}[${k}]`,
      actual: () => path![k],
      expected: c.expected[k],
      rel: c.rel,
      abs: c.abs,
    });
  }
}

/**
 * Expects a list of configurations (e.g. the trials of a search) equal to the reference: first
 * the keys of each configuration, in order, then column by column (`input.map(c => c.name)`), a
 * column of numbers with `expectNumbers`, any other column exactly with `expectEqual`. Column by
 * column, a failure names the hyperparameter that went wrong instead of a whole trial. The
 * learner's code runs once per check, so a throw costs that check only.
 *
 * @example
 * ```ts
 * import { expectConfigurations } from "./expect_each.ts";
 * const trials = (n: number) =>
 *   Array.from({ length: n }, (_, i) => ({ lr: 0.1 / 2 ** i, mode: i % 2 ? "b" : "a" }));
 * expectConfigurations({
 *   input: "trials(2)",
 *   actual: () => trials(2),
 *   names: ["lr", "mode"],
 *   expected: [{ lr: 0.1, mode: "a" }, { lr: 0.05, mode: "b" }],
 *   rel: 1e-12,
 * });
 * ```
 */
export function expectConfigurations(c: {
  /** The call as the learner would write it, for the failure messages. */
  input: string;
  /** Calls the learner's code. */
  actual: () => readonly Record<string, unknown>[];
  /** The keys every configuration must have, in this order. */
  names: readonly string[];
  /** The reference configurations. */
  expected: readonly Record<string, unknown>[];
  /** Relative tolerance of the numeric columns (default 1e-9, as `expectNumbers`'s). */
  rel?: number;
  /** Absolute tolerance of the numeric columns (default 0). */
  abs?: number;
}): void {
  expectEqual({
    input: `${c.input}, the keys of each configuration`,
    actual: () => c.actual().map((config) => Object.keys(config)),
    expected: c.expected.map(() => [...c.names]),
  });
  for (const name of c.names) {
    const column = (list: readonly Record<string, unknown>[]) => list.map((config) => config[name]);
    const expected = column(c.expected);
    const input = `${c.input}.map(c => c.${name})`;
    if (expected.every((v) => typeof v === "number")) {
      expectNumbers({
        input,
        actual: () => column(c.actual()) as number[],
        expected: expected as number[],
        rel: c.rel,
        abs: c.abs,
      });
    } else {
      expectEqual({ input, actual: () => column(c.actual()), expected });
    }
  }
}

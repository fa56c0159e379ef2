/**
 * The one way a graded test is written.
 *
 * Every graded test file imports this module **first**, before the learner's code:
 *
 * ```ts ignore
 * import { expectNumber, graded } from "../../kit/grading/graded.ts";
 * import { stepDecay } from "./step_decay.ts";
 *
 * graded({
 *   name: "stepDecay: the lesson's table",
 *   points: 2,
 *   hint: "Epochs count from 0, as in PyTorch's StepLR (lesson 03, 'Step decay').",
 * }, () => {
 *   expectNumber({
 *     input: "stepDecay({ lr0: 0.001, gamma: 0.5, stepSize: 20 }, 99)",
 *     actual: () => stepDecay({ lr0: 0.001, gamma: 0.5, stepSize: 20 }, 99),
 *     expected: 6.25e-5,
 *     rel: 1e-12,
 *   });
 * });
 * ```
 *
 * Why first: ES modules evaluate in import order, so this module runs before any learner code.
 * It keeps its own references to `Deno.test` and to the built-ins it compares with, and freezes
 * the shared built-ins, so learner code cannot swap a test body for a no-op or patch `Math.abs`
 * to make a wrong answer look right. The points live in the test's name (`[2 pts]`), where the
 * runtime's own report (JUnit) carries them to the grader.
 *
 * @module
 */

import { hardenIntrinsics } from "./harden.ts";
import { describeValue } from "./describe.ts";

hardenIntrinsics();

const registerTest = Deno.test;
const abs = Math.abs;
const max = Math.max;
const isArray = Array.isArray;
const isFinite = Number.isFinite;
const isNaN = Number.isNaN;
const objectIs = Object.is;
const ErrorCtor = Error;

/** How long one graded test may run before the runtime stops it, unless the test says otherwise. */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

/** What the running graded test has checked so far: correct answers and refusals seen. */
let current: { answers: number; refusals: number } | undefined;

function countAnswer(): void {
  if (current) current.answers++;
}

/** Options of one graded test. */
export interface GradedOptions {
  /** What the test checks, starting with the function under test, e.g. `"stepDecay: the lesson's table"`. */
  name: string;
  /** Points the test is worth: a positive integer. */
  points: number;
  /** One or two sentences that point the learner at the lesson section that helps. */
  hint: string;
  /** Per-test time limit in milliseconds (default {@link DEFAULT_TEST_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** The suffix that carries a test's points inside its name, e.g. `" [2 pts]"`. */
export function pointsSuffix(points: number): string {
  return ` [${points} ${points === 1 ? "pt" : "pts"}]`;
}

/**
 * A failure found by an `expect*` helper: the input, what was expected, and what came back.
 * Its message is what the learner sees.
 */
export class GradedFailure extends ErrorCtor {
  override name = "GradedFailure";
}
// Learner code can reach this module (a loaded module can be imported again without permission):
// its class is frozen like the built-ins, so no `Symbol.hasInstance` or prototype can be added.
Object.freeze(GradedFailure.prototype);
Object.freeze(GradedFailure);

/**
 * Registers a graded test. The runtime reports it under the name `"<name> [N pts]"`.
 *
 * @example
 * ```ts ignore
 * graded({ name: "square: small integers", points: 1, hint: "Multiply x by itself." }, () => {
 *   expectNumber({ input: "square(3)", actual: () => square(3), expected: 9 });
 * });
 * ```
 */
export function graded(options: GradedOptions, fn: () => void | Promise<void>): void {
  const { name, points, hint } = options;
  if (!(points > 0 && points === Math.floor(points))) {
    throw new ErrorCtor(`graded test "${name}": points must be a positive integer, got ${points}`);
  }
  if (!hint.trim()) throw new ErrorCtor(`graded test "${name}": a hint is required`);
  registerTest({
    name: name + pointsSuffix(points),
    timeout: options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS,
    // Learner code may leave a timer behind; that is not what this test grades.
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const checks = { answers: 0, refusals: 0 };
      current = checks;
      try {
        await fn();
        if (checks.refusals > 0 && checks.answers === 0) {
          // A function that throws on every input passes every refusal check; refusing bad
          // input only earns points together with a correct answer on good input.
          throw new GradedFailure(
            "a test that expects refusals must also check at least one correct answer " +
              "(test-author error: add an expectNumber/expectNumbers/expectEqual on valid input)",
          );
        }
      } catch (error) {
        let detail: string;
        try {
          detail = error instanceof GradedFailure
            ? String(error.message)
            : `the test stopped on an unexpected error: ${describeThrown(error)}`;
        } catch {
          detail = "the test stopped on an error that could not be displayed";
        }
        throw new GradedFailure(`${detail}\nhint:     ${hint}`);
      } finally {
        current = undefined;
      }
    },
  });
}

/** Tolerance of a float comparison: passes when |got − expected| ≤ max(abs, rel·|expected|). */
export interface Tolerance {
  /** Relative tolerance (default 1e-9). */
  rel?: number;
  /** Absolute tolerance (default 0). */
  abs?: number;
}

/** One case of an `expect*` helper. */
export interface Case<T> extends Tolerance {
  /** The call as the learner would write it, e.g. `"stepDecay(0.001, 0.5, 20, 99)"`. */
  input: string;
  /** Calls the learner's code. Errors it throws are reported as what came back. */
  actual: () => T;
  /** The reference value. */
  expected: T;
}

/** Describes what learner code threw; never throws itself (getters on the error may). */
function describeThrown(error: unknown): string {
  try {
    if (error instanceof ErrorCtor) {
      const text = `${error.name}: ${error.message}`;
      return text.length > 300 ? text.slice(0, 300) + "…" : text;
    }
    return `a thrown ${describeValue(error)}`;
  } catch {
    return "an error that could not be displayed";
  }
}

function toleranceText(rel: number, absTol: number): string {
  if (rel === 0 && absTol === 0) return "exactly";
  const parts: string[] = [];
  // Three significant digits are plenty to read a tolerance: 6.0000000000000004e-18 → 6e-18.
  if (rel > 0) parts.push(`relative ${Number(rel.toPrecision(3))}`);
  if (absTol > 0) parts.push(`absolute ${Number(absTol.toPrecision(3))}`);
  return `within ${parts.join(" or ")}`;
}

function fail(input: string, expected: string, got: string, note?: string): never {
  const lines = [`input:    ${input}`, `expected: ${expected}`, `got:      ${got}`];
  if (note) lines.push(`note:     ${note}`);
  throw new GradedFailure(lines.join("\n"));
}

function call<T>(input: string, expectedText: string, actual: () => T): T {
  try {
    return actual();
  } catch (error) {
    return fail(input, expectedText, `it threw ${describeThrown(error)}`);
  }
}

function numbersClose(got: number, expected: number, rel: number, absTol: number): boolean {
  if (isNaN(expected)) return isNaN(got);
  if (!isFinite(expected)) return objectIs(got, expected);
  if (!isFinite(got)) return false;
  return abs(got - expected) <= max(absTol, rel * abs(expected));
}

/**
 * Expects the learner's code to return a number close to `expected`.
 *
 * @example
 * ```ts ignore
 * expectNumber({ input: "half(3)", actual: () => half(3), expected: 1.5, rel: 1e-12 });
 * ```
 */
export function expectNumber(c: Case<number>): void {
  const rel = c.rel ?? 1e-9;
  const absTol = c.abs ?? 0;
  const expectedText = `${describeValue(c.expected)} (${toleranceText(rel, absTol)})`;
  const got = call(c.input, expectedText, c.actual);
  if (typeof got !== "number") fail(c.input, expectedText, `${describeValue(got)}, not a number`);
  if (!numbersClose(got, c.expected, rel, absTol)) fail(c.input, expectedText, describeValue(got));
  countAnswer();
}

/**
 * Expects an array (or typed array) of numbers, element by element, naming the first index that
 * differs.
 *
 * @example
 * ```ts ignore
 * expectNumbers({ input: "halves([2, 4])", actual: () => halves([2, 4]), expected: [1, 2] });
 * ```
 */
export function expectNumbers(c: Case<ArrayLike<number>>): void {
  const rel = c.rel ?? 1e-9;
  const absTol = c.abs ?? 0;
  const tol = toleranceText(rel, absTol);
  const expectedText = `${describeValue(c.expected)} (${tol})`;
  const got: unknown = call(c.input, expectedText, c.actual);
  if (!isArray(got) && !ArrayBuffer.isView(got)) {
    fail(c.input, expectedText, `${describeValue(got)}, not an array of numbers`);
  }
  const list = got as ArrayLike<unknown>;
  // Read once: a proxy (Array.isArray sees through it) or a getter could report the expected
  // length to the comparison and 0 to the loop, which would then check nothing.
  const n = list.length;
  if (n !== c.expected.length) {
    fail(
      c.input,
      expectedText,
      `${describeValue(got)}: ${n} values, expected ${c.expected.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const value = list[i];
    const want = c.expected[i];
    if (typeof value !== "number" || !numbersClose(value, want, rel, absTol)) {
      fail(
        c.input,
        expectedText,
        describeValue(got),
        `first difference at index ${i}: expected ${describeValue(want)} (${tol}), got ${
          describeValue(value)
        }`,
      );
    }
  }
  countAnswer();
}

/**
 * Expects a value equal to `expected`: numbers exactly, strings, booleans, and arrays or plain
 * objects of them compared deeply. Use {@link expectNumber} for floats.
 *
 * @example
 * ```ts ignore
 * expectEqual({ input: "label([1, 2, 4])", actual: () => label([1, 2, 4]), expected: "diverging" });
 * ```
 */
export function expectEqual<T>(c: Case<T>): void {
  const expectedText = describeValue(c.expected);
  const got = call(c.input, expectedText, c.actual);
  const where = firstDifference(got, c.expected, "");
  if (where !== null) {
    fail(
      c.input,
      expectedText,
      describeValue(got),
      where ? `first difference at ${where}` : undefined,
    );
  }
  countAnswer();
}

/** Returns null when equal, else the path of the first difference ("" for the top level). */
function firstDifference(got: unknown, expected: unknown, path: string): string | null {
  if (typeof expected !== "object" || expected === null) {
    return objectIs(got, expected) || (got === expected) ? null : path;
  }
  if (typeof got !== "object" || got === null) return path;
  if (isArray(expected) || ArrayBuffer.isView(expected)) {
    const e = expected as ArrayLike<unknown>;
    if (!isArray(got) && !ArrayBuffer.isView(got)) return path;
    const g = got as ArrayLike<unknown>;
    if (g.length !== e.length) {
      return `${path || "the top level"} (length ${g.length}, expected ${e.length})`;
    }
    for (let i = 0; i < e.length; i++) {
      const d = firstDifference(g[i], e[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const eKeys = Object.keys(expected as object).sort();
  const gKeys = Object.keys(got as object).sort();
  if (eKeys.join("\u0000") !== gKeys.join("\u0000")) {
    return `${path || "the top level"} (keys ${JSON.stringify(gKeys)}, expected ${
      JSON.stringify(eKeys)
    })`;
  }
  for (const key of eKeys) {
    const d = firstDifference(
      (got as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (d !== null) return d;
  }
  return null;
}

/**
 * Expects the learner's code to throw, e.g. on invalid input; `messageIncludes`, when given, must
 * appear in the error's message. A test that uses it must also check at least one correct answer
 * (with {@link expectNumber}, {@link expectNumbers} or {@link expectEqual}): otherwise a function
 * that throws on every input would earn the points.
 *
 * @example
 * ```ts ignore
 * expectThrows({ input: "stepDecay({ ..., stepSize: 0 }, 3)", actual: () => stepDecay(bad, 3) });
 * ```
 */
export function expectThrows(
  c: { input: string; actual: () => unknown; messageIncludes?: string },
): void {
  const expectedText = c.messageIncludes
    ? `an error whose message mentions "${c.messageIncludes}"`
    : "an error (invalid input must be refused)";
  let got: unknown;
  try {
    got = c.actual();
  } catch (error) {
    // A string, whatever was thrown: `message` could be an object whose `includes` says yes.
    let message: string;
    try {
      message = String(error instanceof ErrorCtor ? error.message : error);
    } catch {
      message = "";
    }
    if (c.messageIncludes && !message.includes(c.messageIncludes)) {
      fail(c.input, expectedText, `it threw ${describeThrown(error)}`);
    }
    if (current) current.refusals++;
    return;
  }
  fail(c.input, expectedText, `it returned ${describeValue(got)}`);
}

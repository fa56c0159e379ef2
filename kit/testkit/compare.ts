/**
 * Judging one answer against its expected value, with no learner code in reach: the one
 * comparison that both the learner's check (inside the test process, graded.ts) and the
 * teacher's grader (in its own process, judge.ts) use, so a case passes or fails the same way
 * wherever it is judged, with the same message.
 *
 * The built-ins used are read when this module loads, which is before any learner code runs in
 * a test process (graded.ts imports it first).
 *
 * @module
 */

import { describeValue, formatInput } from "./describe.ts";

const abs = Math.abs;
const max = Math.max;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const isFinite = Number.isFinite;
const isNaN = Number.isNaN;
const objectIs = Object.is;
const keysOf = Object.keys;

/** Why a case failed: the lines the learner reads. */
export interface Failure {
  /** The call, as the test wrote it. */
  input: string;
  /** The expected value, with its tolerance. */
  expected: string;
  /** What came back. */
  got: string;
  /** Where the first difference is, when that helps. */
  note?: string;
  /** The case's own hint, when it has one. */
  hint?: string;
}

/** What a call of learner code gave: a value, or what it threw (described). */
export type Outcome = { value: unknown } | { threw: string; message: string };

/** The parts of a case that judging needs (no function: they cross processes as data). */
export interface CaseData {
  input: string;
  expected: unknown;
  rel?: number;
  abs?: number;
  hint?: string;
  /** For arrays: names of the elements (`W₂[1,0]`), where the test gave a naming function. */
  names?: string[];
  /** For `expectThrows`: text the error's message must contain. */
  messageIncludes?: string;
}

/**
 * The failure's text: input, expected, got and note, one per line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureText } from "./compare.ts";
 * assert.equal(
 *   failureText({ input: "f(1)", expected: "2", got: "3" }),
 *   "input:    f(1)\nexpected: 2\ngot:      3",
 * );
 * ```
 */
export function failureText(failure: Failure): string {
  const lines = [
    `input:    ${formatInput(failure.input)}`,
    `expected: ${failure.expected}`,
    `got:      ${failure.got}`,
  ];
  if (failure.note) lines.push(`note:     ${failure.note}`);
  return lines.join("\n");
}

/**
 * A tolerance as failure messages write it, e.g. `within relative 1e-12 or absolute 1e-15`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toleranceText } from "./compare.ts";
 * assert.equal(toleranceText(1e-12, 0), "within relative 1e-12");
 * ```
 */
export function toleranceText(rel: number, absTol: number): string {
  if (rel === 0 && absTol === 0) return "exactly";
  const parts: string[] = [];
  // Three significant digits are plenty to read a tolerance: 6.0000000000000004e-18 → 6e-18.
  if (rel > 0) parts.push(`relative ${Number(rel.toPrecision(3))}`);
  if (absTol > 0) parts.push(`absolute ${Number(absTol.toPrecision(3))}`);
  return `within ${parts.join(" or ")}`;
}

/**
 * Whether `got` is within max(abs, rel·|expected|) of `expected`; NaN matches only NaN, and an
 * infinity only itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numbersClose } from "./compare.ts";
 * assert.ok(numbersClose(1 + 1e-13, 1, 1e-12, 0));
 * ```
 */
export function numbersClose(got: number, expected: number, rel: number, absTol: number): boolean {
  if (isNaN(expected)) return isNaN(got);
  if (!isFinite(expected)) return objectIs(got, expected);
  if (!isFinite(got)) return false;
  return abs(got - expected) <= max(absTol, rel * abs(expected));
}

function threwFailure(c: CaseData, expected: string, outcome: Outcome): Failure | undefined {
  return "threw" in outcome
    ? { input: c.input, expected, got: `it threw ${outcome.threw}`, hint: c.hint }
    : undefined;
}

/**
 * Judges a number answer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNumber } from "./compare.ts";
 * assert.equal(checkNumber({ input: "h(3)", expected: 1.5 }, { value: 1.5 }), undefined);
 * ```
 */
export function checkNumber(c: CaseData, outcome: Outcome): Failure | undefined {
  const rel = c.rel ?? 1e-9;
  const absTol = c.abs ?? 0;
  const expected = `${describeValue(c.expected)} (${toleranceText(rel, absTol)})`;
  const thrown = threwFailure(c, expected, outcome);
  if (thrown) return thrown;
  const got = (outcome as { value: unknown }).value;
  const base = { input: c.input, expected, hint: c.hint };
  if (typeof got !== "number") return { ...base, got: `${describeValue(got)}, not a number` };
  if (typeof c.expected !== "number" || !numbersClose(got, c.expected, rel, absTol)) {
    return { ...base, got: describeValue(got) };
  }
  return undefined;
}

/**
 * Judges an array of numbers element by element, naming the first element that differs.
 * `onDifference` hears the index of that element (for a plot).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNumbers } from "./compare.ts";
 * assert.equal(
 *   checkNumbers({ input: "f()", expected: [1, 2] }, { value: [1, 3] })?.note,
 *   "first difference at index 1: expected 2, got 3",
 * );
 * ```
 */
export function checkNumbers(c: CaseData, outcome: Outcome): Failure | undefined {
  const rel = c.rel ?? 1e-9;
  const absTol = c.abs ?? 0;
  const want = c.expected as ArrayLike<number>;
  const expected = `${describeValue(want)} (${toleranceText(rel, absTol)})`;
  const thrown = threwFailure(c, expected, outcome);
  if (thrown) return thrown;
  const got = (outcome as { value: unknown }).value;
  const base = { input: c.input, expected, hint: c.hint };
  if (!isArray(got) && !isView(got)) {
    return { ...base, got: `${describeValue(got)}, not an array of numbers` };
  }
  const list = got as ArrayLike<unknown>;
  // Read once: a proxy (Array.isArray sees through it) or a getter could report the expected
  // length to the comparison and 0 to the loop, which would then check nothing.
  const n = list.length;
  if (n !== want.length) {
    return {
      ...base,
      got: `${describeValue(got)}: ${n} ${n === 1 ? "value" : "values"}, expected ${want.length}`,
    };
  }
  for (let i = 0; i < n; i++) {
    const value = list[i];
    if (typeof value !== "number" || !numbersClose(value, want[i], rel, absTol)) {
      const where = c.names?.[i] ?? `index ${i}`;
      return {
        ...base,
        got: describeValue(got),
        note: `first difference at ${where}: expected ${describeValue(want[i])}, got ${
          describeValue(value)
        }`,
      };
    }
  }
  return undefined;
}

/**
 * Judges a value compared deeply: numbers exactly, strings, booleans, arrays, plain objects.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkEqual } from "./compare.ts";
 * assert.equal(
 *   checkEqual({ input: "f()", expected: { a: [1] } }, { value: { a: [2] } })?.note,
 *   "first difference at .a[0]",
 * );
 * ```
 */
export function checkEqual(c: CaseData, outcome: Outcome): Failure | undefined {
  const expected = describeValue(c.expected);
  const thrown = threwFailure(c, expected, outcome);
  if (thrown) return thrown;
  const got = (outcome as { value: unknown }).value;
  const where = firstDifference(got, c.expected, "");
  if (where === null) return undefined;
  return {
    input: c.input,
    expected,
    got: describeValue(got),
    note: where ? `first difference at ${where}` : undefined,
    hint: c.hint,
  };
}

/**
 * Judges a call that should have thrown (with `messageIncludes` in its message, when given).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkThrows } from "./compare.ts";
 * const outcome = { threw: "RangeError: bad lr", message: "bad lr" };
 * assert.equal(
 *   checkThrows({ input: "f(-1)", expected: undefined, messageIncludes: "lr" }, outcome),
 *   undefined,
 * );
 * ```
 */
export function checkThrows(c: CaseData, outcome: Outcome): Failure | undefined {
  const expected = c.messageIncludes
    ? `an error whose message mentions "${c.messageIncludes}"`
    : "an error (invalid input must be refused)";
  if ("threw" in outcome) {
    if (c.messageIncludes && !outcome.message.includes(c.messageIncludes)) {
      return { input: c.input, expected, got: `it threw ${outcome.threw}`, hint: c.hint };
    }
    return undefined;
  }
  return {
    input: c.input,
    expected,
    got: `it returned ${describeValue(outcome.value)}`,
    hint: c.hint,
  };
}

/** Returns null when equal, else the path of the first difference ("" for the top level). */
function firstDifference(got: unknown, expected: unknown, path: string): string | null {
  if (typeof expected !== "object" || expected === null) {
    return objectIs(got, expected) || (got === expected) ? null : path;
  }
  if (typeof got !== "object" || got === null) return path;
  if (isArray(expected) || isView(expected)) {
    const e = expected as ArrayLike<unknown>;
    if (!isArray(got) && !isView(got)) return path;
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
  const eKeys = keysOf(expected as object).sort();
  const gKeys = keysOf(got as object).sort();
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

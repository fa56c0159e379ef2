/**
 * Judging where the student's code cannot reach.
 *
 * When the teacher grades, the expected values never enter the process that runs student code:
 *
 * 1. A reference run of the tests on the teacher's solutions, with the cases wrapped so that
 *    reads are recorded (`trackCases` in graded.ts), finds which parts of each cases file are
 *    expected values (what a test passes as `expected`) and which are inputs.
 *    The same run records, per test, each case as the test made it: kind, input, expected value
 *    and tolerance (the reference cases).
 * 2. {@link redactCases} writes, for the student's run, cases in which every expected value is
 *    replaced by {@link REDACTED}; the real values never reach the student's process.
 * 3. In the student's run (`observe`), each `expect*` call records only the kind, the input and
 *    the learner's answer as plain data (a copy, so no proxy, getter or function crosses), and
 *    the test sends them on a progress line; the runtime's JUnit report still says which
 *    graded tests ran, and a test whose answers come twice is not counted.
 * 4. {@link judgeObserved}, in the grader's process, lines the student's observations up with
 *    the reference cases (same kind, same input, in order) and judges each answer against the
 *    reference's expected value with the same comparison as the learner's check (compare.ts).
 *    An observation the student's code could forge is only an answer: it carries no expected
 *    value and no tolerance.
 *
 * Tests are written once: the same `expect*` calls do all of this.
 *
 * @module
 */

import {
  type CaseData,
  checkEqual,
  checkNumber,
  checkNumbers,
  checkThrows,
  failureText,
  type Outcome,
} from "../testkit/compare.ts";

/** What stands for an expected value in the cases a student's run gets. */
export const REDACTED = "\u0001redacted";

/** One case as the student's run observed it. */
export interface Observation {
  /** Which `expect*` made it; `error` when the test itself stopped on an error. */
  kind: "number" | "numbers" | "equal" | "throws" | "error";
  /** The call, as the test wrote it. */
  input: string;
  /** Reference cases only: the expected value, as plain data. */
  expected?: unknown;
  rel?: number;
  abs?: number;
  hint?: string;
  names?: string[];
  messageIncludes?: string;
  /** What the learner's code returned (as plain data, see graded.ts) or threw. */
  outcome?: { value: unknown } | { threw: string; message: string };
  /** For `error`: why the test stopped. */
  detail?: string;
}

/**
 * Rebuilds a value from the plain data graded.ts recorded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromPlain } from "./judge.ts";
 * assert.ok(Number.isNaN(fromPlain({ $number: "NaN" })));
 * assert.deepEqual(fromPlain({ $typed: "Float64Array", values: [1, 2] }), new Float64Array([1, 2]));
 * ```
 */
export function fromPlain(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => fromPlain(v));
  const tagged = value as Record<string, unknown>;
  if ("$number" in tagged) return tagged.$number === "-0" ? -0 : Number(tagged.$number);
  if ("$undefined" in tagged) return undefined;
  if ("$typed" in tagged && Array.isArray(tagged.values)) {
    const values = tagged.values.map((v) => fromPlain(v));
    const make = TYPED[String(tagged.$typed)];
    return make && values.every((v) => typeof v === "number") ? make(values as number[]) : values;
  }
  if ("$object" in tagged && typeof tagged.$object === "object" && tagged.$object !== null) {
    const object: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(tagged.$object)) object[key] = fromPlain(v);
    return object;
  }
  // Anything else ($function, $symbol, $error, $unreadable…) is a value that fails comparisons.
  return { unreadable: Object.keys(tagged)[0] ?? "value" };
}

const TYPED: Record<string, ((values: number[]) => ArrayLike<number>) | undefined> = {
  Float64Array: (v) => Float64Array.from(v),
  Float32Array: (v) => Float32Array.from(v),
  Int32Array: (v) => Int32Array.from(v),
  Uint32Array: (v) => Uint32Array.from(v),
  Int16Array: (v) => Int16Array.from(v),
  Uint16Array: (v) => Uint16Array.from(v),
  Int8Array: (v) => Int8Array.from(v),
  Uint8Array: (v) => Uint8Array.from(v),
  Uint8ClampedArray: (v) => Uint8ClampedArray.from(v),
};

/** What the judge decided about one test. */
export interface Verdict {
  passed: boolean;
  /** Why it failed, in the learner's check's words (input, expected, got, hint). */
  message?: string;
}

/** A failed verdict with the test's (or the case's) hint. */
function failed(text: string, hint: string): Verdict {
  return { passed: false, message: `${text}\nhint:     ${hint}` };
}

/**
 * Reads a graded test's answers as its progress line carried them, or says why it cannot.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readObserved } from "./judge.ts";
 * const report = readObserved({ name: "t", hint: "h", observations: [] });
 * assert.equal(typeof report === "string" ? report : report.hint, "h");
 * ```
 */
export function readObserved(
  data: Record<string, unknown> | undefined,
): { hint: string; observations: Observation[] } | string {
  if (!data || !Array.isArray(data.observations)) return "the test reported no answers";
  return {
    hint: typeof data.hint === "string" ? data.hint : "",
    observations: data.observations as Observation[],
  };
}

/**
 * Judges one observed test: its report message (the student's answers) against the reference
 * cases of the same test (kinds, inputs, expected values, tolerances, from the reference run).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { judgeObserved } from "./judge.ts";
 * const reference = [{ kind: "number" as const, input: "half(4)", expected: 2 }];
 * const answers = {
 *   hint: "Halve it.",
 *   observations: [{ kind: "number", input: "half(4)", outcome: { value: 2 } }],
 * };
 * assert.ok(judgeObserved(answers, reference).passed);
 * ```
 */
export function judgeObserved(
  data: Record<string, unknown> | undefined,
  reference: Observation[],
): Verdict {
  const report = readObserved(data);
  if (typeof report === "string") return { passed: false, message: report };
  const { hint, observations } = report;
  let answers = 0;
  let refusals = 0;
  for (const [i, want] of reference.entries()) {
    const seen = observations[i];
    if (seen?.kind === "error") return failed(String(seen.detail ?? "the test stopped"), hint);
    if (!seen) {
      return failed(
        `the test checked ${i} of its ${reference.length} cases before it stopped`,
        hint,
      );
    }
    if (seen.kind !== want.kind || String(seen.input) !== want.input) {
      return failed(
        `the test's cases did not run as on the reference solutions (case ${i + 1}: ` +
          `${JSON.stringify(String(seen.input)).slice(0, 120)})`,
        hint,
      );
    }
    const c: CaseData = {
      input: want.input,
      expected: fromPlain(want.expected),
      rel: want.rel,
      abs: want.abs,
      hint: want.hint,
      names: want.names,
      messageIncludes: want.messageIncludes,
    };
    const raw = seen.outcome;
    const outcome: Outcome = raw && "threw" in raw
      ? { threw: String(raw.threw), message: String(raw.message) }
      : { value: fromPlain(raw?.value) };
    const check = want.kind === "number"
      ? checkNumber
      : want.kind === "numbers"
      ? checkNumbers
      : want.kind === "equal"
      ? checkEqual
      : want.kind === "throws"
      ? checkThrows
      : undefined;
    if (!check) return failed("the reference run recorded a case of an unknown kind", hint);
    const failure = check(c, outcome);
    if (failure) return failed(failureText(failure), failure.hint ?? hint);
    if (want.kind === "throws") refusals++;
    else answers++;
  }
  if (observations.length > reference.length) {
    const extra = observations[reference.length];
    if (extra?.kind === "error") return failed(String(extra.detail ?? "the test stopped"), hint);
    return failed("the test checked more cases than on the reference solutions", hint);
  }
  if (reference.length === 0) return failed("the test checked nothing", hint);
  if (refusals > 0 && answers === 0) {
    return failed(
      "a test that expects refusals must also check at least one correct answer " +
        "(test-author error: add an expectNumber/expectNumbers/expectEqual on valid input)",
      hint,
    );
  }
  return { passed: true };
}

/**
 * Cases for a student's run: every leaf under an expected path (JSON arrays of keys, as the
 * reference run reported them) becomes {@link REDACTED}, unless the code under test also read
 * it as an input. Arrays keep their length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REDACTED, redactCases } from "./judge.ts";
 * const cases = { half: [{ x: 4, expected: 2 }] };
 * const redacted = redactCases(cases, ['["half","0","expected"]'], []);
 * assert.equal(redacted.half[0].x, 4);
 * assert.equal(redacted.half[0].expected as unknown, REDACTED);
 * ```
 */
export function redactCases<T>(
  data: T,
  expectedPaths: readonly string[],
  inputPaths: readonly string[],
): T {
  const copy = structuredClone(data);
  const inputs = new Set(inputPaths);
  for (const text of expectedPaths) {
    let path: string[];
    try {
      path = JSON.parse(text);
    } catch {
      continue;
    }
    if (!Array.isArray(path) || path.length === 0) continue;
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) {
      parent = typeof parent === "object" && parent !== null
        ? (parent as Record<string, unknown>)[key]
        : undefined;
    }
    if (typeof parent !== "object" || parent === null) continue;
    const key = path.at(-1)!;
    const replace = (value: unknown, at: string[]): unknown => {
      if (inputs.has(JSON.stringify(at))) return value;

      if (typeof value === "object" && value !== null) {
        if (Array.isArray(value)) return value.map((v, i) => replace(v, [...at, String(i)]));
        const object: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) object[k] = replace(v, [...at, k]);
        return object;
      }
      return REDACTED;
    };
    const holder = parent as Record<string, unknown>;
    if (Object.hasOwn(holder, key)) holder[key] = replace(holder[key], path);
  }
  return copy;
}

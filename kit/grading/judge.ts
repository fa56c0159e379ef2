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
import { writtenValues } from "../testkit/describe.ts";
import type { Observation } from "../testkit/protocol.ts";

export type { Observation };

/** What stands for an expected value in the cases a student's run gets. */
export const REDACTED = "\u0001redacted";

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
 * Cases for a student's run, by allowlist: a leaf (number, string, boolean, null) stays only
 * when its path (a JSON array of keys, as the reference run reported it) is kept; every other
 * leaf becomes a placeholder of its type: 0, `false`, or {@link REDACTED} for strings and null. Arrays keep their length and objects their keys, so that a
 * test still walks the same cases (and computes, harmlessly, with the handles where its
 * expected values were).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REDACTED, redactCases } from "./judge.ts";
 * const cases = { half: [{ x: 4, expected: { value: 2, note: "two" } }] };
 * const redacted = redactCases(cases, ['["half","0","x"]']);
 * assert.equal(redacted.half[0].x, 4);
 * assert.deepEqual(redacted.half[0].expected, { value: 0, note: REDACTED });
 * ```
 */
export function redactCases<T>(data: T, keptPaths: Iterable<string>): T {
  const kept = new Set(keptPaths);
  const redact = (value: unknown, at: string[]): unknown => {
    if (typeof value === "object" && value !== null) {
      if (Array.isArray(value)) return value.map((v, i) => redact(v, [...at, String(i)]));
      const object: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) object[k] = redact(v, [...at, k]);
      return object;
    }
    if (kept.has(JSON.stringify(at))) return value;
    // Of the same type, so that a test that looks at what kind of value it has (numbers or
    // not) takes the same turn in a student's run.
    return typeof value === "number" ? 0 : typeof value === "boolean" ? false : REDACTED;
  };
  return redact(data, []) as T;
}

/** Where a value the student's cases keep is, for the self-check's message. */
export interface KeptLeaf {
  file: string;
  path: string;
}

/**
 * The values a redacted cases file keeps only because a test read them to make a case (paths
 * in `made` but not in `inputs` nor `same`, values the code under test is never handed), for
 * {@link leakedExpected}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shownOnlyValues } from "./judge.ts";
 * const data = { x: 0.123456, y: 0.654321 };
 * const values = shownOnlyValues([
 *   { file: "a.json", data, inputs: new Set(['["y"]']), made: new Set(['["x"]']), same: new Set() },
 * ]);
 * assert.deepEqual([...values.keys()], [0.123456]);
 * ```
 */
export function shownOnlyValues(
  files: {
    file: string;
    data: unknown;
    inputs: Set<string>;
    made: Set<string>;
    same: Set<string>;
  }[],
): Map<unknown, KeptLeaf> {
  const at = (data: unknown, path: string) => {
    let value: unknown = data;
    for (const key of JSON.parse(path) as string[]) {
      value = typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
    }
    return value;
  };
  // A value the code under test is handed somewhere is in the student's process anyway.
  const inputValues = new Set<unknown>();
  for (const { data, inputs } of files) for (const path of inputs) inputValues.add(at(data, path));
  const kept = new Map<unknown, KeptLeaf>();
  for (const { file, data, inputs, made, same } of files) {
    for (const path of made) {
      if (inputs.has(path) || same.has(path)) continue;
      const value = at(data, path);
      if (inputValues.has(value) || !informative(value)) continue;
      if (!kept.has(value)) kept.set(value, { file, path });
    }
  }
  return kept;
}

/**
 * Whether a value, found in two places, says that one was copied from the other: a number
 * written with at least five significant digits (0.25, 1152 or a boolean coincide by chance;
 * 0.0657084 does not), or a string of four characters or more.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { informative } from "./judge.ts";
 * assert.ok(informative(0.06570841889117043) && informative(109386) && informative("diverging"));
 * assert.ok(!informative(0.25) && !informative(1152) && !informative(true) && !informative("ok"));
 * ```
 */
export function informative(value: unknown): boolean {
  if (typeof value === "string") return value.length >= 4 && value !== REDACTED;
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  const digits = Math.abs(value).toExponential().split("e")[0].replace(".", "");
  return digits.length >= 5 || Math.abs(value) >= 10_000;
}

/** Every primitive inside a (plain, as recorded) value, numbers rebuilt. */
function leaves(value: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 32) return out;
  if (typeof value !== "object" || value === null) out.push(value);
  else if (Array.isArray(value)) { for (const v of value) leaves(v, out, depth + 1); }
  else if (ArrayBuffer.isView(value)) {
    out.push(...Array.from(value as unknown as ArrayLike<number>));
  } else for (const v of Object.values(value)) leaves(v, out, depth + 1);
  return out;
}

/**
 * The grading set-up's self-check after the reference run: every informative expected value
 * (flattened) of every reference case that the student's cases still hold at a path kept only
 * for an input text, where no input text of the run shows it. The redaction keeps a value for
 * a text only when that text shows it (graded.ts), so this finds what would slip through a
 * fault of the allowlist, independently of how it is computed. Empty when no answer stays.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leakedExpected } from "./judge.ts";
 * const kept = new Map([[0.123456, { file: "a.json", path: '["note"]' }]]);
 * const reference = new Map([["t", [{ kind: "number" as const, input: "f(2)", expected: 0.123456 }]]]);
 * assert.equal(leakedExpected(reference, kept).length, 1);
 * ```
 */
export function leakedExpected(
  reference: Map<string, Observation[]>,
  kept: Map<unknown, KeptLeaf>,
): string[] {
  const leaks: string[] = [];
  if (kept.size === 0) return leaks;
  const texts = [...reference.values()].flatMap((cases) => cases.map((c) => String(c.input)));
  const written = new Set<unknown>();
  for (const text of texts) for (const value of writtenValues(text).keys()) written.add(value);
  const shownAnywhere = (value: unknown) =>
    typeof value === "string" ? texts.some((text) => text.includes(value)) : written.has(value);
  const reported = new Set<unknown>();
  for (const [name, cases] of reference) {
    for (const c of cases) {
      for (const value of leaves(fromPlain(c.expected))) {
        const where = kept.get(value);
        if (!where || reported.has(value) || shownAnywhere(value)) continue;
        reported.add(value);
        leaks.push(
          `${name}: the expected value ${JSON.stringify(value)} of ${c.input.slice(0, 120)} ` +
            `stays readable in the student's cases (${where.file} at ${where.path})`,
        );
      }
    }
  }
  return leaks;
}

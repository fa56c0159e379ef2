/**
 * The one way a graded test is written.
 *
 * Every graded test file imports this module **first**, before the learner's code:
 *
 * ```ts ignore
 * import { expectNumber, graded } from "../../kit/testkit/graded.ts";
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
import { describeValue, writtenValues } from "./describe.ts";
import {
  type CaseData,
  checkEqual,
  checkNumber,
  checkNumbers,
  checkThrows,
  failureText,
  type Outcome,
} from "./compare.ts";
import { MARKER, type Observation } from "./protocol.ts";

// The runtime's own registration, taken before hardening replaces `Deno.test` for everyone else.
const registerTest = Deno.test;
hardenIntrinsics();

const isArray = Array.isArray;
const isFinite = Number.isFinite;
const objectIs = Object.is;
const ErrorCtor = Error;

/** How long one graded test may run before the runtime stops it, unless the test says otherwise. */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

/** What the running graded test has checked so far: correct answers and refusals seen. */
let current: { answers: number; refusals: number } | undefined;

// Progress lines for the kit's runner (kit/grading/run.ts): which test file is loading, which
// test runs, and (when traced) the input of each case. They start with MARKER (protocol.ts) and
// go to the test process's output. They are for display and judging only: which tests passed
// comes from the runtime's JUnit report.
export { MARKER };
// Taken before any learner code runs, so a patched TextEncoder or stdout cannot silence them.
const markerEncoder = new TextEncoder();
const encodeMarker = markerEncoder.encode.bind(markerEncoder);
const writeMarker = Deno.stdout.writeSync.bind(Deno.stdout);
const stringify = JSON.stringify;

function mark(kind: string, data: unknown): void {
  try {
    writeMarker(encodeMarker(`${MARKER}${kind} ${stringify(data)}\n`));
  } catch {
    // Output closed: progress is a courtesy.
  }
}

/** How the kit's runner wants this process to behave; set by its generated root module. */
const runner = {
  file: "",
  traceCases: false,
  skipAfterTimeout: false,
  observe: false,
  discover: false,
  referenceAnswers: false,
};
/** The graded test running now, or one the runtime stopped at its time limit. */
let running: { file: string; name: string; input: string } | undefined;
/** Test files in which a test ran past its time limit (for `skipAfterTimeout`). */
const stalledFiles = new Map<string, { name: string; input: string }>();

/**
 * Called by the kit's runner before it imports each test file: the graded tests registered
 * from now on belong to `file`. `traceCases` reports every case's input as it starts (so an
 * interrupted run can name it); `skipAfterTimeout` fails the later tests of a file at once after
 * one of its tests ran past its time limit (an endless loop would otherwise cost every test
 * of the file its full limit).
 *
 * The example is not run: it is the runner's call, made from its generated root module around
 * each import, and it writes a progress line to the test process's output.
 *
 * @example
 * ```ts ignore
 * beginTestFile("decays_test.ts", { traceCases: true, skipAfterTimeout: true });
 * await import("./decays_test.ts");
 * ```
 */
export function beginTestFile(
  file: string,
  settings: {
    traceCases?: boolean;
    skipAfterTimeout?: boolean;
    observe?: boolean;
    discover?: boolean;
    referenceAnswers?: boolean;
  } = {},
): void {
  runner.file = String(file);
  runner.traceCases = settings.traceCases === true;
  runner.skipAfterTimeout = settings.skipAfterTimeout === true;
  // Once observing, always: learner code calling this cannot switch a graded run back to
  // judging in its own realm.
  runner.observe ||= settings.observe === true;
  runner.discover = settings.discover === true;
  runner.referenceAnswers = runner.discover && settings.referenceAnswers === true;
  mark("load", { file: runner.file });
}

/**
 * Called by the kit's runner when a test file could not be imported: registers a test named
 * `kit: load FILE` that fails with the error, so the runtime's report carries it.
 *
 * The example is not run: it registers a test, which a running test (as an example is) may not.
 *
 * @example
 * ```ts ignore
 * try { await import("./decays_test.ts"); } catch (error) { testFileFailed("decays_test.ts", error); }
 * ```
 */
export function testFileFailed(file: string, error: unknown): void {
  let message: string;
  try {
    // The stack names the file and line where loading stopped.
    message = error instanceof ErrorCtor ? String(error.stack ?? error.message) : String(error);
    if (message.length > 4000) message = message.slice(0, 4000) + "…";
  } catch {
    message = "the file could not be loaded";
  }
  registerTest({
    name: `kit: load ${file}`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () => {
      throw new ErrorCtor(message);
    },
  });
}

/**
 * Called by the kit's runner after the last import: registers a last test that reports a test
 * still running (stopped at its time limit), then marks the end of the graded tests.
 *
 * The example is not run: it registers a test, which a running test (as an example is) may not.
 *
 * @example
 * ```ts ignore
 * endOfTestFiles();
 * ```
 */
export function endOfTestFiles(): void {
  mark("loaded", {});
  registerTest({
    name: "kit: end",
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () => {
      noteStalledTest();
      if (runner.discover) reportDiscoveries();
      mark("end", {});
    },
  });
}

/**
 * A test that started and never finished was stopped by the runtime at its time limit (its
 * `finally` never ran). Tell the runner which test and which input, once.
 */
function noteStalledTest(): void {
  if (!running) return;
  const stalled = running;
  running = undefined;
  current = undefined;
  mark("timeout", stalled);
  if (!stalledFiles.has(stalled.file)) stalledFiles.set(stalled.file, stalled);
}

/** Largest array sent to the runner for a plot of the learner's values against the expected. */
const MAX_PLOT_VALUES = 2000;

/** Sends the runner both arrays of a failed array comparison, for a terminal plot (traced runs). */
function markPlot(input: string, got: ArrayLike<unknown>, expected: ArrayLike<number>): void {
  if (!runner.traceCases || !running || expected.length < 3) return;
  try {
    const n = expected.length;
    if (n > MAX_PLOT_VALUES || got.length > MAX_PLOT_VALUES) return;
    const values = (list: ArrayLike<unknown>) => {
      const out: (number | null)[] = [];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        out.push(typeof v === "number" && isFinite(v) ? v : null);
      }
      return out;
    };
    mark("plot", {
      file: running.file,
      name: running.name,
      input,
      got: values(got),
      expected: values(expected),
    });
  } catch {
    // A plot is a courtesy.
  }
}

function noteInput(input: string): void {
  if (!running) return;
  running.input = input;
  if (runner.traceCases) {
    mark("case", { input: input.length > 300 ? input.slice(0, 300) + "…" : input });
  }
}

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

/**
 * The suffix that carries a test's points inside its name, e.g. `" [2 pts]"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointsSuffix } from "./graded.ts";
 * assert.equal("stepDecay: the table" + pointsSuffix(2), "stepDecay: the table [2 pts]");
 * assert.equal(pointsSuffix(1), " [1 pt]");
 * ```
 */
export function pointsSuffix(points: number): string {
  return ` [${points} ${points === 1 ? "pt" : "pts"}]`;
}

/**
 * A failure found by an `expect*` helper: the input, what was expected, and what came back.
 * Its message is what the learner sees.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectNumber, GradedFailure } from "./graded.ts";
 * assert.throws(
 *   () => expectNumber({ input: "half(3)", actual: () => 1, expected: 1.5 }),
 *   (error) => error instanceof GradedFailure && /expected: 1\.5/.test(error.message),
 * );
 * assert.equal(new GradedFailure("input: f(1)").name, "GradedFailure");
 * ```
 */
export class GradedFailure extends ErrorCtor {
  override name = "GradedFailure";
}
// Learner code can reach this module (a loaded module can be imported again without permission):
// its class is frozen like the built-ins, so no `Symbol.hasInstance` or prototype can be added.
Object.freeze(GradedFailure.prototype);
Object.freeze(GradedFailure);

/**
 * Registers a graded test. The runtime reports it under the name `"<name> [N pts]"`:
 *
 * ```ts ignore
 * graded({ name: "square: small integers", points: 1, hint: "Multiply x by itself." }, () => {
 *   expectNumber({ input: "square(3)", actual: () => square(3), expected: 9 });
 * });
 * ```
 *
 * That block is not run: a test cannot be registered while another runs (as an example does),
 * so the example asserts what is refused before anything is registered: points that are not a
 * positive integer, and a missing hint.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { graded } from "./graded.ts";
 * const body = () => {};
 * assert.throws(
 *   () => graded({ name: "square: small integers", points: 1.5, hint: "Multiply." }, body),
 *   /graded test "square: small integers": points must be a positive integer, got 1.5/,
 * );
 * assert.throws(() => graded({ name: "sq", points: 1, hint: " " }, body), /a hint is required/);
 * ```
 */
export function graded(options: GradedOptions, fn: () => void | Promise<void>): void {
  const { name, points, hint } = options;
  if (!(points > 0 && points === Math.floor(points))) {
    throw new ErrorCtor(`graded test "${name}": points must be a positive integer, got ${points}`);
  }
  if (!hint.trim()) throw new ErrorCtor(`graded test "${name}": a hint is required`);
  const file = runner.file;
  const timeout = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const fullName = name + pointsSuffix(points);
  registerTest({
    name: fullName,
    timeout,
    // Learner code may leave a timer behind; that is not what this test grades.
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      noteStalledTest();
      const stalled = runner.skipAfterTimeout ? stalledFiles.get(file) : undefined;
      if (stalled) {
        throw new GradedFailure(
          `not run: "${stalled.name}" in the same exercise ran past its time limit` +
            (stalled.input ? ` on input ${stalled.input}` : "") +
            ` (an endless loop?). Fix that first.\nhint:     ${hint}`,
        );
      }
      const checks = { answers: 0, refusals: 0 };
      current = checks;
      caseHint = undefined;
      running = { file, name: fullName, input: "" };
      observations = [];
      referenceCases = [];
      pendingReads = [];
      mark("test", { file, name: fullName, timeoutMs: timeout });
      try {
        await fn();
        if (!runner.observe && checks.refusals > 0 && checks.answers === 0) {
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
        const shown = caseHint ?? hint;
        caseHint = undefined;
        if (!runner.observe) throw new GradedFailure(`${detail}\nhint:     ${shown}`);
        observations.push({ kind: "error", input: "", detail });
      } finally {
        current = undefined;
        running = undefined;
        if (runner.discover) mark("reference", { name: fullName, hint, cases: referenceCases });
      }
      if (runner.observe) {
        // The answers go to the grader on a progress line; it judges them (judge.ts). Only
        // answers: a line the learner's code forged could claim no more than returning them.
        const observed = observations;
        observations = [];
        mark("observed", { file, name: fullName, hint, observations: observed });
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
  /** A hint for this case, shown instead of the test's when this case fails. */
  hint?: string;
  /**
   * Names element `i` of an array answer in failure messages (`expectNumbers`), e.g. `W₂[1,0]`
   * for entry 18 of a flat gradient; default `index i`.
   */
  nameIndex?: (i: number) => string;
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

/** The hint of the case that failed, when it has its own; the test's hint otherwise. */
let caseHint: string | undefined;

/** Calls learner code once: what it returned, or what it threw (described, with its message). */
function run(c: { input: string; actual: () => unknown }): Outcome {
  noteInput(c.input);
  const wasActual = inActual;
  inActual = true;
  try {
    return { value: c.actual() };
  } catch (error) {
    let message: string;
    try {
      // A string, whatever was thrown: `message` could be an object whose `includes` says yes.
      message = String(error instanceof ErrorCtor ? error.message : error);
    } catch {
      message = "";
    }
    return { threw: describeThrown(error), message };
  } finally {
    inActual = wasActual;
  }
}

type Kind = "number" | "numbers" | "equal" | "throws";

/**
 * One case, judged here or observed for the grader: in a graded run (`observe`), what the
 * learner's code gave is recorded as plain data, and the grader's own process judges it against
 * expected values this process never holds (see judge.ts). Otherwise it is judged at once and a
 * failure stops the test.
 */
function expectCase(kind: Kind, c: CaseData & { actual: () => unknown }): void {
  if (runner.discover) noteCaseReads(String(c.input), c.expected);
  try {
    expectObserved(kind, c);
  } finally {
    // Reads made while recording the case (the expected value's elements) keep nothing.
    if (runner.discover) pendingReads = [];
  }
}

function expectObserved(kind: Kind, c: CaseData & { actual: () => unknown }): void {
  const outcome = run(c);
  if (runner.discover) {
    const answer = runner.referenceAnswers && kind !== "throws" && "value" in outcome;
    noteReference(kind, answer ? { ...c, expected: outcome.value } : c);
    // Held-out cases: the solutions' answers are the expected values; nothing to judge here,
    // unless the solution did not answer as the case needs (then the lesson keeps its public
    // cases: see trusted.ts).
    if (runner.referenceAnswers) {
      if ((kind === "throws") !== ("threw" in outcome)) {
        throw new GradedFailure(`the reference solution does not fit a held-out case: ${c.input}`);
      }
      return;
    }
  }
  if (runner.observe) {
    observe(kind, c, outcome);
    return;
  }
  const failure = kind === "number"
    ? checkNumber(c, outcome)
    : kind === "numbers"
    ? checkNumbers(c, outcome)
    : kind === "equal"
    ? checkEqual(c, outcome)
    : checkThrows(c, outcome);
  if (failure) {
    if (kind === "numbers" && "value" in outcome) {
      markPlot(c.input, outcome.value as ArrayLike<unknown>, c.expected as ArrayLike<number>);
    }
    caseHint = failure.hint;
    throw new GradedFailure(failureText(failure));
  }
  if (kind === "throws") {
    if (current) current.refusals++;
  } else countAnswer();
}

/** Names of the elements of an array answer, from the test's naming function, for the grader. */
function elementNames(c: Case<ArrayLike<number>>): string[] | undefined {
  if (!c.nameIndex) return undefined;
  const n = c.expected.length;
  if (!(n <= 100_000)) return undefined;
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push(String(c.nameIndex(i)));
  return names;
}

/**
 * Expects the learner's code to return a number close to `expected`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectNumber } from "./graded.ts";
 * const half = (x: number) => x / 2;
 * expectNumber({ input: "half(3)", actual: () => half(3), expected: 1.5, rel: 1e-12 });
 * assert.throws(
 *   () => expectNumber({ input: "half(3)", actual: () => 1.5 + 1e-9, expected: 1.5, rel: 1e-12 }),
 *   /input: +half\(3\)/,
 * );
 * ```
 */
export function expectNumber(c: Case<number>): void {
  expectCase("number", c);
}

/**
 * Expects an array (or typed array) of numbers, element by element, naming the first index that
 * differs (or the name `nameIndex` gives it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectNumbers } from "./graded.ts";
 * const halves = (xs: number[]) => xs.map((x) => x / 2);
 * expectNumbers({ input: "halves([2, 4])", actual: () => halves([2, 4]), expected: [1, 2] });
 * assert.throws(
 *   () => expectNumbers({ input: "halves([2, 4])", actual: () => [1, 3], expected: [1, 2] }),
 *   /index 1/,
 * );
 * ```
 */
export function expectNumbers(c: Case<ArrayLike<number>>): void {
  expectCase("numbers", { ...c, names: elementNames(c) });
}

/**
 * Expects a value equal to `expected`: numbers exactly, strings, booleans, and arrays or plain
 * objects of them compared deeply. Use {@link expectNumber} for floats.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectEqual } from "./graded.ts";
 * const label = (losses: number[]) => losses.at(-1)! > losses[0] ? "diverging" : "converging";
 * expectEqual({ input: "label([1, 2, 4])", actual: () => label([1, 2, 4]), expected: "diverging" });
 * const wrong = { input: "label([4, 2, 1])", actual: () => label([4, 2, 1]), expected: "diverging" };
 * assert.throws(() => expectEqual(wrong), /converging/);
 * ```
 */
export function expectEqual<T>(c: Case<T>): void {
  expectCase("equal", c);
}

/**
 * Expects the learner's code to throw, e.g. on invalid input; `messageIncludes`, when given, must
 * appear in the error's message. A test that uses it must also check at least one correct answer
 * (with {@link expectNumber}, {@link expectNumbers} or {@link expectEqual}): otherwise a function
 * that throws on every input would earn the points.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectThrows } from "./graded.ts";
 * const sqrt = (x: number) => {
 *   if (x < 0) throw new RangeError(`sqrt needs x ≥ 0, got ${x}`);
 *   return Math.sqrt(x);
 * };
 * expectThrows({ input: "sqrt(-1)", actual: () => sqrt(-1), messageIncludes: "x ≥ 0" });
 * assert.throws(() => expectThrows({ input: "sqrt(4)", actual: () => sqrt(4) }), /sqrt\(4\)/);
 * ```
 */
export function expectThrows(
  c: { input: string; actual: () => unknown; messageIncludes?: string; hint?: string },
): void {
  expectCase("throws", { ...c, expected: undefined });
}

// ---------------------------------------------------------------------------------------------
// Observing for the grader: plain data out, nothing of the expected values in.

/** The observations of the running test, in the order its cases ran. */
let observations: Observation[] = [];

/** Largest array copied into an observation. */
const MAX_OBSERVED_ITEMS = 1_000_000;
const objectKeys = Object.keys;
const isView = ArrayBuffer.isView;

/** Longest error message an observation carries to the grader. */
const MAX_OBSERVED_MESSAGE = 4000;

function cutMessage(message: string): string {
  return message.length > MAX_OBSERVED_MESSAGE
    ? message.slice(0, MAX_OBSERVED_MESSAGE) + "…"
    : message;
}

function observe(kind: Kind, c: CaseData, outcome: Outcome): void {
  // Only what the learner's code gave: expected values and tolerances come from the grader's
  // reference run, never from this process.
  observations.push({
    kind,
    input: String(c.input),
    // An error's message is the learner's to make long: only its start is the grader's to
    // check (`messageIncludes` names a setting or a bound, a few words).
    outcome: "threw" in outcome
      ? { threw: outcome.threw, message: cutMessage(outcome.message) }
      : { value: toPlain(outcome.value, 0) },
  });
}

/**
 * A copy of a value as JSON-safe data that says what it was: numbers JSON cannot hold, typed
 * arrays and plain objects are tagged, so the grader rebuilds the same value (see judge.ts).
 * Read once, through built-ins taken before learner code ran; whatever cannot be read becomes a
 * tag that fails every comparison.
 */
function toPlain(value: unknown, depth: number): unknown {
  try {
    switch (typeof value) {
      case "number":
        return isFinite(value) && !objectIs(value, -0)
          ? value
          : { $number: String(objectIs(value, -0) ? "-0" : value) };
      case "string":
      case "boolean":
        return value;
      case "undefined":
        return { $undefined: true };
      case "bigint":
        return { $bigint: String(value) };
      case "function":
        return { $function: true };
      case "symbol":
        return { $symbol: true };
    }
    if (value === null) return null;
    if (depth > 12) return { $deep: true };
    if (isView(value)) {
      const list = value as unknown as ArrayLike<unknown>;
      const n = list.length;
      if (!(n <= MAX_OBSERVED_ITEMS)) return { $large: true };
      const values: unknown[] = [];
      for (let i = 0; i < n; i++) values.push(toPlain(list[i], depth + 1));
      return {
        $typed: String((value as { constructor?: { name?: string } }).constructor?.name),
        values,
      };
    }
    if (isArray(value)) {
      const list = value as unknown[];
      const n = list.length;
      if (!(n <= MAX_OBSERVED_ITEMS)) return { $large: true };
      const values: unknown[] = [];
      for (let i = 0; i < n; i++) values.push(toPlain(list[i], depth + 1));
      return values;
    }
    if (value instanceof ErrorCtor) {
      return { $error: cutMessage(`${value.name}: ${value.message}`) };
    }
    const object: Record<string, unknown> = {};
    const keys = objectKeys(value as object);
    if (keys.length > 10_000) return { $large: true };
    for (const key of keys) {
      object[key] = toPlain((value as Record<string, unknown>)[key], depth + 1);
    }
    return { $object: object };
  } catch {
    return { $unreadable: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Discovering, on the reference solutions, which parts of the cases a student's run may keep.
//
// An allowlist: what the code under test reads (inside a case's `actual`) is an input; what the
// test reads outside it to make a case is kept unless it is (equal to a part of) that case's
// expected value and the case's input text does not show it; what nobody reads is not kept.
// Everything not kept, expected values however a test wraps them, is redacted for students
// (judge.ts), and the grader checks afterwards that no expected value stayed (trusted.ts).

/** A read of the cases outside any `actual`, for the case the test is making. */
interface PendingRead {
  path: string[];
  value: unknown;
  /** Whether it is an element of an array (elements count together, see noteCaseReads). */
  inArray: boolean;
}
/** Reads of the cases outside any `actual` since the last case: they belong to the next case. */
let pendingReads: PendingRead[] = [];
/** More reads than this before one case: the rest is not kept (so redacted for students). */
const MAX_PENDING_READS = 1 << 20;
/** Whether learner (here: reference) code is running inside a case's `actual`. */
let inActual = false;
/** Per cases file: paths read by the code under test (`inputs`), read by a test to make a
 * case (`made`), and among those, read from the case's own expected value (`same`: a test
 * whose input is its expected value, a round trip). */
const discovered = new Map<string, { inputs: Set<string>; made: Set<string>; same: Set<string> }>();
/** The running test's cases as the reference run made them. */
let referenceCases: Observation[] = [];
/** The tracked objects of the cases and their paths. */
const proxyPaths = new WeakMap<object, string[]>();

function noteRead(path: string[], value: unknown, inArray: boolean): void {
  const file = discovered.get(path[0]);
  if (!file) return;
  // Read by the code under test, or by the test file as it loads (choosing its cases by a
  // note, say): what a student's run must see the same.
  if (inActual || !running) file.inputs.add(stringify(path.slice(1)));
  else if (pendingReads.length < MAX_PENDING_READS) pendingReads.push({ path, value, inArray });
}

/** A value's primitives (numbers also as `Number()` reads them), and the tracked objects in it. */
function flatten(
  value: unknown,
  into: { leaves: Set<unknown>; tracked: string[] },
  depth = 0,
): void {
  if (typeof value !== "object" || value === null) {
    into.leaves.add(asNumber(value));
    return;
  }
  const path = proxyPaths.get(value);
  if (path) into.tracked.push(stringify(path));
  if (depth > 16) return;
  const list = isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
  for (const key of objectKeys(list)) {
    flatten((list as Record<string, unknown>)[key], into, depth + 1);
  }
}

/** A string that writes a number (cases hold NaN and ±Infinity as "NaN"…) as that number. */
function asNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const number = Number(value);
  return String(number) === value ? number : value;
}

/** Whether `path` is `prefix` or inside it (both JSON arrays of keys). */
function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.slice(0, -1) + ",");
}

/**
 * The test read `pendingReads` to make the case with this input text and expected value.
 * A read is not kept when it equals a part of the expected value (as `Number()` reads it too)
 * and the text does not show it. Each number or boolean the text writes explains one read, in
 * the order of reading (tests write their input text first), so that an expected value equal
 * to a shown input is not kept with it. The elements of one array count together: an array of
 * expected values some of which the text happens to show is not half kept.
 */
function noteCaseReads(input: string, expected: unknown): void {
  const reads = pendingReads;
  pendingReads = [];
  const parts = { leaves: new Set<unknown>(), tracked: [] as string[] };
  flatten(expected, parts);
  pendingReads = []; // what flattening read through the tracked objects
  const written = writtenValues(input);
  const take = (value: unknown) => {
    if (typeof value === "string") return value.length > 0 && input.includes(value);
    const left = written.get(value) ?? 0;
    if (left > 0) written.set(value, left - 1);
    return left > 0;
  };
  const groups = new Map<string, PendingRead[]>();
  const seen = new Set<string>();
  for (const read of reads) {
    // A value read twice (for the call, then for its text) is one read.
    const at = stringify(read.path);
    if (seen.has(at)) continue;
    seen.add(at);
    const key = read.inArray ? stringify(read.path.slice(0, -1)) : at;
    const group = groups.get(key);
    if (group) group.push(read);
    else groups.set(key, [read]);
  }
  for (const group of groups.values()) {
    let keep = true;
    for (const read of group) {
      const shown = take(read.value);
      if (!shown && (parts.leaves.has(read.value) || parts.leaves.has(asNumber(read.value)))) {
        keep = false;
      }
    }
    if (!keep) continue;
    for (const read of group) {
      const file = discovered.get(read.path[0]);
      const at = stringify(read.path.slice(1));
      file?.made.add(at);
      if (parts.tracked.some((path) => within(stringify(read.path), path))) file?.same.add(at);
    }
  }
}

function noteReference(kind: Kind, c: CaseData): void {
  referenceCases.push({
    kind,
    input: String(c.input),
    expected: toPlain(c.expected, 0),
    rel: c.rel,
    abs: c.abs,
    hint: c.hint,
    names: c.names,
    messageIncludes: c.messageIncludes,
  });
}

/**
 * Used by the grader's reference run only: wraps a cases module's data so that reads are
 * recorded, which tells what a student's run needs (what the code under test reads, and what a
 * case's input text shows) from everything else. The grader then stages, for students, cases
 * in which everything else is replaced by an opaque handle (judge.ts). A cases module writes
 * `export default trackCases("03-lr-schedules.json", data);`; what it reads stays the data:
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackCases } from "./graded.ts";
 * const data = { stepDecay: [{ epoch: 99, expected: 6.25e-5 }] };
 * const cases = trackCases("03-lr-schedules.json", data);
 * assert.equal(cases.stepDecay[0].expected, 6.25e-5);
 * assert.deepEqual(JSON.parse(JSON.stringify(cases)), data);
 * ```
 */
export function trackCases<T>(file: string, data: T): T {
  discovered.set(file, { inputs: new Set(), made: new Set(), same: new Set() });
  const wrap = (value: unknown, path: string[]): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const proxy = new Proxy(value as object, {
      get(target, key, receiver) {
        const inner = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return inner;
        const at = [...path, key];
        if (typeof inner === "object" && inner !== null) return wrap(inner, at);
        // Absent keys (JSON.stringify asks for `toJSON`) and lengths are not values of the cases.
        const own = Object.prototype.hasOwnProperty.call(target, key);
        if (own && typeof inner !== "function" && !(isArray(target) && key === "length")) {
          noteRead(at, inner, isArray(target));
        }
        return inner;
      },
    });
    proxyPaths.set(proxy, path);
    return proxy;
  };
  return wrap(data, [file]) as T;
}

/** Reports what the reference run discovered (called at the end of a discovering run). */
function reportDiscoveries(): void {
  for (const [file, found] of discovered) {
    mark("cases", {
      file,
      inputs: [...found.inputs],
      made: [...found.made],
      same: [...found.same],
    });
  }
}

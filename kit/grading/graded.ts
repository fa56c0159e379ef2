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
import { describeValue, formatInput } from "./describe.ts";

// The runtime's own registration, taken before hardening replaces `Deno.test` for everyone else.
const registerTest = Deno.test;
hardenIntrinsics();

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

/**
 * Progress lines for the kit's runner (kit/grading/lesson_run.ts): which test file is loading,
 * which test runs, and (when traced) the input of each case. They start with {@link MARKER} and
 * go to the test process's output, where the runner reads them to say what runs and for how
 * long. They are for display only: scores come from the runtime's JUnit report.
 */
export const MARKER = "\u0001kit:";
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
const runner = { file: "", traceCases: false, skipAfterTimeout: false };
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
 * @example
 * ```ts ignore
 * beginTestFile("decays_test.ts", { traceCases: true, skipAfterTimeout: true });
 * await import("./decays_test.ts");
 * ```
 */
export function beginTestFile(
  file: string,
  settings: { traceCases?: boolean; skipAfterTimeout?: boolean } = {},
): void {
  runner.file = String(file);
  runner.traceCases = settings.traceCases === true;
  runner.skipAfterTimeout = settings.skipAfterTimeout === true;
  mark("load", { file: runner.file });
}

/**
 * Called by the kit's runner when a test file could not be imported: registers a test named
 * `kit: load FILE` that fails with the error, so the runtime's report carries it.
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
      mark("test", { file, name: fullName, timeoutMs: timeout });
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
        const shown = caseHint ?? hint;
        caseHint = undefined;
        throw new GradedFailure(`${detail}\nhint:     ${shown}`);
      } finally {
        current = undefined;
        running = undefined;
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

function toleranceText(rel: number, absTol: number): string {
  if (rel === 0 && absTol === 0) return "exactly";
  const parts: string[] = [];
  // Three significant digits are plenty to read a tolerance: 6.0000000000000004e-18 → 6e-18.
  if (rel > 0) parts.push(`relative ${Number(rel.toPrecision(3))}`);
  if (absTol > 0) parts.push(`absolute ${Number(absTol.toPrecision(3))}`);
  return `within ${parts.join(" or ")}`;
}

/** The hint of the case that failed, when it has its own; the test's hint otherwise. */
let caseHint: string | undefined;

function fail(input: string, expected: string, got: string, note?: string, hint?: string): never {
  const lines = [`input:    ${formatInput(input)}`, `expected: ${expected}`, `got:      ${got}`];
  if (note) lines.push(`note:     ${note}`);
  caseHint = hint;
  throw new GradedFailure(lines.join("\n"));
}

function call<T>(c: { input: string; actual: () => T; hint?: string }, expectedText: string): T {
  noteInput(c.input);
  try {
    return c.actual();
  } catch (error) {
    return fail(c.input, expectedText, `it threw ${describeThrown(error)}`, undefined, c.hint);
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
  const got = call(c, expectedText);
  if (typeof got !== "number") {
    fail(c.input, expectedText, `${describeValue(got)}, not a number`, undefined, c.hint);
  }
  if (!numbersClose(got, c.expected, rel, absTol)) {
    fail(c.input, expectedText, describeValue(got), undefined, c.hint);
  }
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
  const got: unknown = call(c, expectedText);
  if (!isArray(got) && !ArrayBuffer.isView(got)) {
    fail(
      c.input,
      expectedText,
      `${describeValue(got)}, not an array of numbers`,
      undefined,
      c.hint,
    );
  }
  const list = got as ArrayLike<unknown>;
  // Read once: a proxy (Array.isArray sees through it) or a getter could report the expected
  // length to the comparison and 0 to the loop, which would then check nothing.
  const n = list.length;
  if (n !== c.expected.length) {
    fail(
      c.input,
      expectedText,
      `${describeValue(got)}: ${n} ${n === 1 ? "value" : "values"}, expected ${c.expected.length}`,
      undefined,
      c.hint,
    );
  }
  for (let i = 0; i < n; i++) {
    const value = list[i];
    const want = c.expected[i];
    if (typeof value !== "number" || !numbersClose(value, want, rel, absTol)) {
      const where = c.nameIndex ? c.nameIndex(i) : `index ${i}`;
      markPlot(c.input, list, c.expected);
      fail(
        c.input,
        expectedText,
        describeValue(got),
        `first difference at ${where}: expected ${describeValue(want)}, got ${
          describeValue(value)
        }`,
        c.hint,
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
  const got = call(c, expectedText);
  const where = firstDifference(got, c.expected, "");
  if (where !== null) {
    fail(
      c.input,
      expectedText,
      describeValue(got),
      where ? `first difference at ${where}` : undefined,
      c.hint,
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
  c: { input: string; actual: () => unknown; messageIncludes?: string; hint?: string },
): void {
  const expectedText = c.messageIncludes
    ? `an error whose message mentions "${c.messageIncludes}"`
    : "an error (invalid input must be refused)";
  let got: unknown;
  noteInput(c.input);
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
      fail(c.input, expectedText, `it threw ${describeThrown(error)}`, undefined, c.hint);
    }
    if (current) current.refusals++;
    return;
  }
  fail(c.input, expectedText, `it returned ${describeValue(got)}`, undefined, c.hint);
}

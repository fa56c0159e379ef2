/**
 * The hard boundary between what a student's process says and what the grader's reports hold.
 *
 * Everything a report shows about a student's run passes through {@link boundLessons} (or
 * {@link boundText}) first, inside that student's grading:
 *
 * - A failure the runtime or the watchdog reported (a file that did not load, a crash, a
 *   time-out) is reduced to a category the grader chooses ("did not load: SyntaxError",
 *   "ran out of memory") and a file:line it parses itself from the text and accepts only for
 *   a file of the lesson. Nothing else of the thrown or printed text is kept.
 * - Any other text is made one-line-safe (no control characters) and cut at
 *   {@link MAX_REPORT_TEXT} characters.
 * - With held-out cases, no text the student's process made appears at all: a failed test's
 *   message is one of the grader's own phrases (the judge's verdict keeps its `input`,
 *   `expected` and `hint` lines, which come from the reference run, and drops what the code
 *   returned); printed output, plots and names the runtime reported but the manifest does not
 *   declare are left out.
 *
 * @module
 */

import type { ExerciseResult, LessonResult, TestOutcome } from "./score.ts";

/** Longest text a report keeps of one failure, note or warning. */
export const MAX_REPORT_TEXT = 400;

/** Control characters (line breaks too, except `\n`), lone surrogates, U+2028/U+2029. */
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;

/**
 * A text cut to `max` characters (an ellipsis marks the cut), with control characters made
 * spaces. Reads at most `max` characters of a text of any length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cutText } from "./boundary.ts";
 * assert.equal(cutText("a\u0000b", 10), "a b");
 * assert.equal(cutText("x".repeat(5_000_000), 4), "xxxx…");
 * ```
 */
export function cutText(text: string, max = MAX_REPORT_TEXT): string {
  const head = text.length > max ? text.slice(0, max) : text;
  const clean = head.replace(UNSAFE, " ").replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, " ")
    .replace(/(?<![\ud800-\udbff])[\udc00-\udfff]/g, " ");
  return text.length > max ? clean + "…" : clean;
}

/** Error classes a category may name; any other name is "an error". */
const ERROR_CLASSES = [
  "SyntaxError",
  "TypeError",
  "ReferenceError",
  "RangeError",
  "EvalError",
  "URIError",
  "AggregateError",
  "Error",
];

/** The grader's categories of a run that went wrong, by what its own messages start with. */
const RUN_CATEGORIES: [RegExp, string][] = [
  [/^refused: /, ""], // made before the run, from the submission's files: kept (cut)
  [/is missing: create it again/, "a file of the exercise is missing"],
  [
    /loading it did not finish within/,
    "timed out while loading (an endless loop at the top level?)",
  ],
  [/was still running when the time ran out|did not finish within/, "timed out"],
  [/did not stop at its time limit/, "timed out: a test did not stop at its time limit"],
  [/^timed out/, "timed out"],
  [/did not end after its tests|no graded test started after loading/, "timed out"],
  [/ran out of memory/, "the test process ran out of memory"],
  [/was killed/, "the test process was killed (out of memory?)"],
  [/aborted/, "the test process aborted"],
  [/before reporting/, "the test process ended before reporting its results (Deno.exit called?)"],
  [/the test report is over/, "the test report was too large to read (huge test names?)"],
];

/**
 * A run's failure (a load error, a crash, a time-out) as a category and, when the text names
 * one of `files` with a line, where: `did not load: SyntaxError (exercises/03-x/a.ts:3:9)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runFailure } from "./boundary.ts";
 * const files = new Set(["exercises/03-x/a.ts"]);
 * assert.equal(
 *   runFailure("SyntaxError: Expected ',' 0.1234 0.5678 (exercises/03-x/a.ts:3:9)", files),
 *   "did not load: SyntaxError (exercises/03-x/a.ts:3:9)",
 * );
 * assert.equal(runFailure("MyError: 0.1234 (exercises/03-x/b.ts:1:1)", files), "did not load: an error");
 * assert.equal(runFailure("TypeError: SyntaxError: x", files), "did not load: SyntaxError");
 * assert.equal(
 *   runFailure("syntax error in exercises/03-x/a.ts:3:9: Expected ',', got 0.1234", files),
 *   "did not load: SyntaxError (exercises/03-x/a.ts:3:9)",
 * );
 * ```
 */
export function runFailure(text: string, files: ReadonlySet<string>): string {
  const head = text.slice(0, 4096);
  for (const [pattern, category] of RUN_CATEGORIES) {
    if (pattern.test(head)) return category || cutText(text);
  }
  // "TypeError: SyntaxError: …" (a failed import wraps the cause): the innermost known class.
  const chain = /^(?:error: |Uncaught |\(in promise\) )*((?:[A-Za-z]{1,40}: ){1,4})/.exec(head)
    ?.[1];
  const names = (chain ?? "").split(": ").filter((name) => ERROR_CLASSES.includes(name));
  // run.ts writes a module that does not parse as "syntax error in FILE:L:C: …" (the check's way).
  const kind = names.at(-1) ?? (/^syntax error\b/.test(head) ? "SyntaxError" : "an error");
  // The grader writes the location last (run.ts explainLoadFailure): read the end first.
  const tail = text.length > 4096 ? text.slice(-4096) : "";
  return `did not load: ${kind}${locationIn(tail, files) || locationIn(head, files)}`;
}

/** ` (exercises/NN-slug/file.ts:L:C)` when the text names a file of the lesson with a line. */
function locationIn(text: string, files: ReadonlySet<string>): string {
  for (
    const match of text.matchAll(
      /(exercises\/[\w-]{1,80}\/[\w.-]{1,80}\.ts)(?::(\d{1,6}))?(?::(\d{1,6}))?/g,
    )
  ) {
    if (!files.has(match[1])) continue;
    const line = match[2] ? `:${match[2]}${match[3] ? `:${match[3]}` : ""}` : "";
    return ` (${match[1]}${line})`;
  }
  return "";
}

/** The judge's and the scorer's own phrases: a failed test's message in the grade of record. */
const VERDICTS: RegExp[] = [
  /^failed on a held-out case/,
  /^the test checked \d+ of its \d+ cases before it stopped/,
  /^the test's cases did not run as on the reference solutions/,
  /^the test checked more cases than on the reference solutions/,
  /^the test checked nothing/,
  /^the test reported no answers/,
  /^the test's answers were reported more than once: not counted/,
  /^no reference cases for this test/,
  /^the test stopped on an unexpected error/,
  /^the test stopped on an error that could not be displayed/,
  /^the reference run recorded a case of an unknown kind/,
  /^a test that expects refusals must also check at least one correct answer/,
  /^not run/,
  /^the runtime did not report this test/,
  /^reported more than once: not counted/,
  /^timed out after \d+ ?m?s/,
];

/**
 * A failed test's message as a held-out report may show it: a verdict with an `expected:` line
 * keeps its `input:`, `expected:` and `hint:` lines (the reference run's); `failed on a
 * held-out case` keeps its hint; any other message is the grader's phrase it starts with, or
 * "failed".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heldOutMessage } from "./boundary.ts";
 * const verdict = "input:    f(1)\nexpected: 2\ngot:      0.1234 0.5678\nhint:     Halve it.";
 * assert.equal(heldOutMessage(verdict), "input:    f(1)\nexpected: 2\nhint:     Halve it.");
 * assert.equal(heldOutMessage("the test stopped on an unexpected error: 0.1234"), "the test stopped on an unexpected error");
 * assert.equal(heldOutMessage("0.1234 0.5678"), "failed");
 * ```
 */
export function heldOutMessage(message: string): string {
  const head = message.slice(0, 64 * 1024);
  const lines = message.split("\n");
  const hint = lines.find((line) => line.startsWith("hint:"));
  if (lines.some((line) => line.startsWith("expected:"))) {
    const kept = lines.filter((line) => /^(input|expected|hint):/.test(line));
    return kept.map((line) => cutText(line)).join("\n");
  }
  const phrase = VERDICTS.map((pattern) => pattern.exec(head)?.[0]).find((p) => p !== undefined);
  if (!phrase) return "failed";
  return /^failed on a held-out case/.test(phrase)
    ? cutText(lines[0]) + (hint ? `\n${cutText(hint)}` : "")
    : phrase;
}

function boundTest(test: TestOutcome, heldOut: boolean, files: ReadonlySet<string>): TestOutcome {
  if (test.message === undefined) return test;
  const message = test.status === "error" || test.status === "timeout"
    ? runFailure(test.message, files)
    : heldOut
    ? heldOutMessage(test.message)
    : cutText(test.message.split("\n").slice(0, 8).map((line) => cutText(line)).join("\n"), 1200);
  return { ...test, message };
}

function boundExercise(
  exercise: ExerciseResult,
  heldOut: boolean,
  files: ReadonlySet<string>,
): ExerciseResult {
  const bounded: ExerciseResult = {
    ...exercise,
    tests: exercise.tests.map((test) => boundTest(test, heldOut, files)),
    problem: exercise.problem === undefined ? undefined : runFailure(exercise.problem, files),
    // Names the manifest does not declare come from the student's process.
    warnings: heldOut
      ? exercise.warnings.map((w) =>
        w.startsWith('"') ? "a reported test is not in kit/manifest.json" : cutText(w)
      )
      : exercise.warnings.slice(0, 20).map((w) => cutText(w)),
    printed: heldOut || exercise.printed === undefined
      ? undefined
      : exercise.printed.slice(0, 64 * 1024),
    plots: heldOut ? undefined : exercise.plots,
  };
  if (bounded.problem === undefined) delete bounded.problem;
  return bounded;
}

/**
 * A student's lesson results with every text bounded (see the module's notes): what the
 * reports, the gradebook and the kept `NAME.json` are built from.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { boundLessons } from "./boundary.ts";
 * const lesson = { number: 1, slug: "01-demo", id: "lesson-01", title: "Demo", testFiles: ["half_test.ts"] };
 * const message = "input:    half(3)\nexpected: 1.5\ngot:      0.1234\nhint:     Halve it.";
 * const test = { name: "half: odd [1 pt]", points: 1, earned: 0, status: "fail" as const, message };
 * const exercise = { file: "half.ts", testFile: "half_test.ts", tests: [test], score: 0, maxScore: 1, warnings: [], durationMs: 5, printed: "0.1234" };
 * const [bounded] = boundLessons([{ lesson, exercises: [exercise], score: 0, maxScore: 1, durationMs: 5 }], true);
 * // Held out: the learner's answer and output are not kept.
 * assert.equal(bounded.exercises[0].tests[0].message, "input:    half(3)\nexpected: 1.5\nhint:     Halve it.");
 * assert.equal(bounded.exercises[0].printed, undefined);
 * ```
 */
export function boundLessons(lessons: LessonResult[], heldOut: boolean): LessonResult[] {
  return lessons.map((result) => {
    const files = new Set(
      result.lesson.testFiles.flatMap((testFile) => [
        `exercises/${result.lesson.slug}/${testFile}`,
        `exercises/${result.lesson.slug}/${testFile.replace(/_test\.ts$/, ".ts")}`,
      ]),
    );
    return {
      ...result,
      exercises: result.exercises.map((e) => boundExercise(e, heldOut, files)),
    };
  });
}

/**
 * Why grading one student failed (an error of the grader, whose message may quote what the
 * student's run made) as a report may show it: cut, and with held-out cases not at all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { graderErrorNote } from "./boundary.ts";
 * assert.equal(graderErrorNote(new RangeError("Invalid string length"), false), "not graded: Invalid string length");
 * assert.equal(graderErrorNote(new Error("0.1234"), true), "not graded: an error in the grader");
 * ```
 */
export function graderErrorNote(error: unknown, heldOut: boolean): string {
  if (heldOut) return "not graded: an error in the grader";
  let text: string;
  try {
    text = error instanceof Error ? String(error.message) : String(error);
  } catch {
    text = "an error that could not be displayed";
  }
  return `not graded: ${cutText(text)}`;
}

/**
 * Presenting results: the learner's text report, a progress table, JUnit XML and a JSON
 * results file in the shape of exercism's test runner (`results.json`, version 3).
 *
 * @module
 */

import type { ExerciseResult, LessonResult, TestOutcome } from "./score.ts";
import { plotSeries } from "./terminal_plot.ts";

const PASS = "✓";
const FAIL = "✗";

function indent(text: string, prefix: string): string {
  return text.split("\n").map((line) => prefix + line).join("\n");
}

function pointsText(score: number, max: number): string {
  return `${score}/${max} ${max === 1 ? "pt" : "pts"}`;
}

/**
 * The one-line score that ends a lesson's report, e.g. `"lesson-03: 12/20 points"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreLine } from "./report.ts";
 * const lesson = { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "Schedules", testFiles: ["decays_test.ts"] };
 * const result = { lesson, exercises: [], score: 12, maxScore: 20, durationMs: 5 };
 * assert.equal(scoreLine(result), "lesson-03: 12/20 points");
 * ```
 */
export function scoreLine(result: LessonResult): string {
  return `${result.lesson.id}: ${result.score}/${result.maxScore} points`;
}

/** Options of the learner's text report. */
export interface FormatOptions {
  /** Every failing test's details, not only the first of each exercise. */
  verbose?: boolean;
  /** What each exercise's code printed (`console.log` included), under the exercise. */
  showOutput?: boolean;
  /** ANSI colours in plots (false under NO_COLOR or when not a terminal). */
  color?: boolean;
  /** Type errors per exercise file (`deno check`'s diagnostics), shown with its failures. */
  typeErrors?: Record<string, string>;
  /** Per exercise file, the exercise files it uses that fail their own tests (dependencies.ts). */
  dependencyNotes?: Record<string, string[]>;
}

/**
 * Failing tests in the order their details are worth reading: a test that failed on a whole
 * record ("first difference at .best") says less about the mistake than one that failed on a
 * single answer, so the record failures go after the others (their order kept otherwise), and
 * the first test shown in detail is the most specific one.
 */
function mostSpecificFirst(failing: TestOutcome[]): TestOutcome[] {
  const broad = (t: TestOutcome) => /first difference at \./.test(t.message ?? "") ? 1 : 0;
  return failing.map((test, index) => ({ test, index }))
    .sort((a, b) => broad(a.test) - broad(b.test) || a.index - b.index)
    .map(({ test }) => test);
}

function exerciseBlock(exercise: ExerciseResult, options: FormatOptions): string[] {
  const verbose = options.verbose ?? false;
  const done = exercise.maxScore > 0 && exercise.score === exercise.maxScore;
  const passed = exercise.tests.filter((t) => t.status === "pass").length;
  const head = `  ${done ? PASS : FAIL} ${exercise.file.padEnd(24)} ${
    pointsText(exercise.score, exercise.maxScore).padStart(11)
  }   ${passed} of ${exercise.tests.length} ${
    exercise.tests.length === 1 ? "test" : "tests"
  } passed`;
  const lines = [head];
  for (const note of options.dependencyNotes?.[exercise.file] ?? []) {
    lines.push(`      note: ${note}`);
  }
  if (exercise.problem) {
    lines.push(indent(exercise.problem, "      "));
    if (/syntax error|SyntaxError|Expected|Unexpected/.test(exercise.problem)) {
      lines.push("      Fix the syntax error above; your other exercises are graded anyway.");
    }
  } else {
    const failing = mostSpecificFirst(exercise.tests.filter((t) => t.status !== "pass"));
    failing.forEach((test: TestOutcome, index) => {
      lines.push(`      ${FAIL} ${test.name}`);
      if (index > 0 && !verbose) return;
      lines.push(indent(test.message ?? "failed", "          "));
      const plot = exercise.plots?.find((p) => p.name === test.name);
      if (plot?.expected && plot.got) {
        lines.push(
          ...plotSeries(plot.expected, plot.got, { color: options.color }).map((l) =>
            "          " + l
          ),
        );
      }
    });
  }
  const typeErrors = options.typeErrors?.[exercise.file];
  if (typeErrors && exercise.score < exercise.maxScore) {
    lines.push(
      `      deno check finds type errors in ${exercise.file} (often the cause of a NaN):`,
    );
    lines.push(indent(typeErrors, "        "));
  }
  for (const warning of exercise.warnings) lines.push(`      (author note: ${warning})`);
  if (options.showOutput) {
    const printed = exercise.printed?.trim();
    lines.push(
      printed
        ? `      ── what ${exercise.file} and its tests printed ──\n${indent(printed, "      │ ")}`
        : `      (${exercise.file} printed nothing)`,
    );
  }
  return lines;
}

/**
 * The learner's report of one lesson: each exercise with its points, the first failing case of
 * each (input, expected, got, hint), and the score line last.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatLesson } from "./report.ts";
 * const lesson = { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "Schedules", testFiles: ["decays_test.ts"] };
 * const failed = { name: "step decay [2 pt]", points: 2, earned: 0, status: "fail" as const, message: "expected 1, got 2" };
 * const passed = { name: "cosine [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "decays.ts", testFile: "decays_test.ts", tests: [failed, passed], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const result = { lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 };
 * const lines = formatLesson(result).split("\n");
 * assert.equal(lines[0], "lesson-03 · Schedules (exercises/03-lr-schedules/)");
 * assert.equal(lines.at(-1), "lesson-03: 1/3 points");
 * assert.ok(lines.some((line) => line.includes("expected 1, got 2")));
 * ```
 */
export function formatLesson(result: LessonResult, options: FormatOptions = {}): string {
  const { lesson } = result;
  const lines = [`${lesson.id} · ${lesson.title} (exercises/${lesson.slug}/)`, ""];
  for (const exercise of result.exercises) {
    lines.push(...exerciseBlock(exercise, options));
  }
  lines.push("");
  if (result.maxScore > 0 && result.score === result.maxScore) {
    lines.push(`All graded tests pass. Well done!`);
  } else {
    const open = result.exercises.filter((e) => e.score < e.maxScore || e.maxScore === 0);
    const count = result.exercises.length;
    lines.push(
      `${open.length} of ${count} ${
        count === 1 ? "exercise" : "exercises"
      } to go. Edit the files in exercises/${lesson.slug}/ and run the check again.`,
    );
  }
  lines.push(scoreLine(result));
  return lines.join("\n");
}

/**
 * A progress table over several lessons, ending with the total.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatProgress } from "./report.ts";
 * const lesson = { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "Schedules", testFiles: ["decays_test.ts"] };
 * const failed = { name: "step decay [2 pt]", points: 2, earned: 0, status: "fail" as const, message: "expected 1, got 2" };
 * const passed = { name: "cosine [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "decays.ts", testFile: "decays_test.ts", tests: [failed, passed], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const result = { lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 };
 * const table = formatProgress([result]);
 * assert.match(table, /lesson-03.*Schedules.*1\/3.*0 of 1 exercise done/);
 * ```
 */
export function formatProgress(results: LessonResult[]): string {
  const rows = results.map((r) => {
    const done = r.exercises.filter((e) => e.maxScore > 0 && e.score === e.maxScore).length;
    const status = r.maxScore > 0 && r.score === r.maxScore
      ? `${PASS} complete`
      : `${done} of ${r.exercises.length} ${
        r.exercises.length === 1 ? "exercise" : "exercises"
      } done`;
    return [r.lesson.id, r.lesson.title, `${r.score}/${r.maxScore}`, status];
  });
  const header = ["lesson", "topic", "points", "status"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join("  ")
      .trimEnd();
  const score = results.reduce((sum, r) => sum + r.score, 0);
  const max = results.reduce((sum, r) => sum + r.maxScore, 0);
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    "Details of one lesson: deno task check lesson-NN",
    `total: ${score}/${max} points`,
  ].join("\n");
}

function xmlEscape(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  )
    // Control characters other than tab and newline, lone surrogates, U+FFFE and U+FFFF are not
    // allowed in XML 1.0; a carriage return would be read back as a newline, so it is escaped.
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/\r/g, "&#13;");
}

/**
 * JUnit XML for an LMS or CI: one `<testsuite>` per exercise file, one `<testcase>` per graded
 * test, with its points as a property.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toJUnit } from "./report.ts";
 * const lesson = { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "Schedules", testFiles: ["decays_test.ts"] };
 * const failed = { name: "step decay [2 pt]", points: 2, earned: 0, status: "fail" as const, message: "expected 1, got 2" };
 * const passed = { name: "cosine [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "decays.ts", testFile: "decays_test.ts", tests: [failed, passed], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const result = { lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 };
 * const xml = toJUnit([result], "alice & bob");
 * assert.match(xml, /<testsuites name="alice &amp; bob" tests="2" failures="1">/);
 * assert.match(xml, /<failure type="fail" message="expected 1, got 2">/);
 * ```
 */
export function toJUnit(results: LessonResult[], name = "graded tests"): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = results.flatMap((r) => r.exercises.flatMap((e) => e.tests));
  const failures = all.filter((t) => t.status !== "pass").length;
  out.push(`<testsuites name="${xmlEscape(name)}" tests="${all.length}" failures="${failures}">`);
  for (const r of results) {
    for (const e of r.exercises) {
      const failed = e.tests.filter((t) => t.status !== "pass").length;
      out.push(
        `  <testsuite name="${
          xmlEscape(`${r.lesson.id}/${e.file}`)
        }" tests="${e.tests.length}" failures="${failed}" time="${
          (e.durationMs / 1000).toFixed(3)
        }">`,
      );
      out.push(
        `    <properties><property name="score" value="${e.score}"/><property name="max_score" value="${e.maxScore}"/></properties>`,
      );
      for (const t of e.tests) {
        const attrs = `name="${xmlEscape(t.name)}" classname="${
          xmlEscape(`${r.lesson.slug}.${e.file}`)
        }"`;
        if (t.status === "pass") {
          out.push(`    <testcase ${attrs}/>`);
        } else {
          const message = t.message ?? t.status;
          out.push(`    <testcase ${attrs}>`);
          out.push(
            `      <failure type="${t.status}" message="${xmlEscape(message.split("\n")[0])}">${
              xmlEscape(message)
            }</failure>`,
          );
          out.push(`    </testcase>`);
        }
      }
      out.push(`  </testsuite>`);
    }
  }
  out.push(`</testsuites>`);
  return out.join("\n") + "\n";
}

/** One test in exercism's results.json (version 3), with points added. */
export interface ResultsJsonTest {
  name: string;
  status: "pass" | "fail" | "error";
  message?: string;
  task_id?: number;
  points: number;
  score: number;
}

/** exercism's results.json (version 3), with `score` and `max_score` added. */
export interface ResultsJson {
  version: 3;
  status: "pass" | "fail" | "error";
  message?: string;
  tests: ResultsJsonTest[];
  score: number;
  max_score: number;
}

/**
 * A results file in the shape of exercism's test runner interface, version 3: `status` is
 * `pass` when every test passed, `error` when no test could run at all, else `fail`. Test names
 * are prefixed with `lesson-NN/file.ts › `; `task_id` is the exercise's position in its lesson.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toResultsJson } from "./report.ts";
 * const lesson = { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "Schedules", testFiles: ["decays_test.ts"] };
 * const failed = { name: "step decay [2 pt]", points: 2, earned: 0, status: "fail" as const, message: "expected 1, got 2" };
 * const passed = { name: "cosine [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "decays.ts", testFile: "decays_test.ts", tests: [failed, passed], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const result = { lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 };
 * const json = toResultsJson([result]);
 * assert.deepEqual([json.status, json.score, json.max_score], ["fail", 1, 3]);
 * assert.equal(json.tests[0].name, "lesson-03/decays.ts › step decay [2 pt]");
 * assert.equal(json.tests[1].status, "pass");
 * ```
 */
export function toResultsJson(results: LessonResult[]): ResultsJson {
  const tests: ResultsJsonTest[] = [];
  for (const r of results) {
    r.exercises.forEach((e, index) => {
      for (const t of e.tests) {
        tests.push({
          name: `${r.lesson.id}/${e.file} › ${t.name}`,
          status: t.status === "pass" ? "pass" : t.status === "fail" ? "fail" : "error",
          ...(t.status === "pass" ? {} : { message: t.message ?? t.status }),
          task_id: index + 1,
          points: t.points,
          score: t.earned,
        });
      }
    });
  }
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const max = tests.reduce((sum, t) => sum + t.points, 0);
  const allBroken = tests.length > 0 && tests.every((t) => t.status === "error");
  const status = tests.length > 0 && tests.every((t) => t.status === "pass")
    ? "pass"
    : allBroken
    ? "error"
    : "fail";
  return {
    version: 3,
    status,
    ...(allBroken ? { message: tests[0].message } : {}),
    tests,
    score,
    max_score: max,
  };
}

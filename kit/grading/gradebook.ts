/**
 * Class reports: the CSV gradebook and the class summary with per-test pass rates.
 *
 * @module
 */

import type { StudentResult } from "./classroom.ts";
import type { LessonResult } from "./score.ts";

/**
 * Text from anywhere (a student's error message, a name) as inert Markdown on one line: every
 * line break CommonMark or a browser honours (`\n`, `\r`, U+2028, U+2029, U+0085, vertical tab,
 * form feed) becomes a space, other control characters go, the marks that mean something inside
 * a line (`\ \` * _ [ ] < > | ~`) are backslash-escaped and `&` is written as an entity. With no
 * line of its own, no student text can start a heading, a list or a table row, nor make a link,
 * an image, emphasis, a table cell or HTML in the teacher's summary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markdownText } from "./gradebook.ts";
 * assert.equal(markdownText("ok\r# 87/87 | fake"), "ok # 87/87 \\| fake");
 * ```
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n|[\n\r\u2028\u2029\u0085\v\f]/g, " ")
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/**
 * One CSV cell: quoted when needed, and with a leading `'` when a spreadsheet would read it as a
 * formula (`=`, `+`, `-`, `@`), so a crafted name cannot run anything in the teacher's spreadsheet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { csvCell } from "./gradebook.ts";
 * assert.equal(csvCell('say "hi"'), "\"say \"\"hi\"\"\"");
 * assert.equal(csvCell("=1+1"), "'=1+1");
 * assert.equal(csvCell(3), "3");
 * ```
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A column of the gradebook: a lesson or a test, named as in the header. */
interface Column {
  header: string;
  value: (student: StudentResult) => number | string;
}

/**
 * Every lesson any student has a result for, in lesson order, with the tests of its fullest
 * result: students may differ (a re-run with `--lessons` keeps each student's other lessons).
 */
function lessonTemplate(results: StudentResult[]): LessonResult[] {
  const bySlug = new Map<string, LessonResult>();
  for (const student of results) {
    for (const lesson of student.lessons) {
      const known = bySlug.get(lesson.lesson.slug);
      if (!known || lesson.maxScore > known.maxScore) bySlug.set(lesson.lesson.slug, lesson);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.lesson.number - b.lesson.number);
}

function lessonOf(student: StudentResult, slug: string): LessonResult | undefined {
  return student.lessons.find((l) => l.lesson.slug === slug);
}

function testOf(student: StudentResult, slug: string, file: string, name: string) {
  return lessonOf(student, slug)?.exercises.find((e) => e.file === file)?.tests.find((t) =>
    t.name === name
  );
}

function columns(results: StudentResult[]): Column[] {
  const lessonColumns: Column[] = [];
  const testColumns: Column[] = [];
  for (const lesson of lessonTemplate(results)) {
    const slug = lesson.lesson.slug;
    lessonColumns.push({
      header: `${lesson.lesson.id} (/${lesson.maxScore})`,
      value: (s) => lessonOf(s, slug)?.score ?? 0,
    });
    for (const exercise of lesson.exercises) {
      for (const test of exercise.tests) {
        testColumns.push({
          header: `${lesson.lesson.id}/${exercise.file} › ${test.name}`,
          value: (s) => testOf(s, slug, exercise.file, test.name)?.earned ?? 0,
        });
      }
    }
  }
  return [...lessonColumns, ...testColumns];
}

/**
 * The gradebook: one row per student with the total, the maximum, one column per lesson and one
 * per graded test (points earned), and the notes (refused files, timeouts, load errors).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toGradebookCsv } from "./gradebook.ts";
 * const lesson = { number: 1, slug: "01-demo", id: "lesson-01", title: "Demo", testFiles: ["half_test.ts"] };
 * const stopped = { name: "half: odd [2 pt]", points: 2, earned: 0, status: "timeout" as const, message: "input:    half(3)" };
 * const passed = { name: "half: even [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "half.ts", testFile: "half_test.ts", tests: [passed, stopped], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const lessons = [{ lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 }];
 * const alice = { student: "alice", source: "class/alice", lessons, score: 1, maxScore: 3, notes: ["x.ts refused"], key: "k" };
 * const [header, row] = toGradebookCsv([alice]).split("\n");
 * assert.ok(header.startsWith("\uFEFFstudent,total,max,"));
 * assert.ok(row.startsWith("alice,1,3,"));
 * ```
 */
export function toGradebookCsv(results: StudentResult[]): string {
  const cols = columns(results);
  const header = ["student", "total", "max", ...cols.map((c) => c.header), "notes"];
  const rows = [header.map(csvCell).join(",")];
  for (const student of results) {
    rows.push(
      [
        csvCell(student.student),
        student.score,
        student.maxScore,
        ...cols.map((c) => csvCell(c.value(student))),
        csvCell(problemsOf(student).join("; ")),
      ].join(","),
    );
  }
  // A byte-order mark, so that spreadsheet programs read the file as UTF-8 (›, −, ²).
  return "\uFEFF" + rows.join("\n") + "\n";
}

/**
 * Why a student lost points other than by failing assertions: refused files, load errors,
 * timeouts, one line each.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { problemsOf } from "./gradebook.ts";
 * const lesson = { number: 1, slug: "01-demo", id: "lesson-01", title: "Demo", testFiles: ["half_test.ts"] };
 * const stopped = { name: "half: odd [2 pt]", points: 2, earned: 0, status: "timeout" as const, message: "input:    half(3)" };
 * const passed = { name: "half: even [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "half.ts", testFile: "half_test.ts", tests: [passed, stopped], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const lessons = [{ lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 }];
 * const alice = { student: "alice", source: "class/alice", lessons, score: 1, maxScore: 3, notes: ["x.ts refused"], key: "k" };
 * assert.deepEqual(problemsOf(alice), [
 *   "x.ts refused",
 *   "lesson-01/half.ts › half: odd [2 pt]: timed out on half(3)",
 *   ]);
 * ```
 */
export function problemsOf(student: StudentResult): string[] {
  const lines = [...student.notes];
  for (const lesson of student.lessons) {
    for (const exercise of lesson.exercises) {
      const where = `${lesson.lesson.id}/${exercise.file}`;
      if (exercise.problem) {
        const line = `${where}: ${exercise.problem.split("\n")[0]}`;
        if (!lines.includes(line)) lines.push(line);
        continue;
      }
      // A test stopped at its own time limit: the rest of the file ran, but say which.
      for (const test of exercise.tests) {
        if (test.status !== "timeout") continue;
        const input = /^input: +(.*)$/m.exec(test.message ?? "")?.[1];
        lines.push(`${where} › ${test.name}: timed out${input ? ` on ${input}` : ""}`);
      }
    }
  }
  return lines;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((100 * part) / whole)}%`;
}

/**
 * The class summary in Markdown: each student's total, each lesson's mean, every graded test's
 * pass rate with the hardest tests first (a test most students fail may be a bad test or an
 * unclear lesson), and every student's problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toClassSummary } from "./gradebook.ts";
 * const lesson = { number: 1, slug: "01-demo", id: "lesson-01", title: "Demo", testFiles: ["half_test.ts"] };
 * const stopped = { name: "half: odd [2 pt]", points: 2, earned: 0, status: "timeout" as const, message: "input:    half(3)" };
 * const passed = { name: "half: even [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "half.ts", testFile: "half_test.ts", tests: [passed, stopped], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const lessons = [{ lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 }];
 * const alice = { student: "alice", source: "class/alice", lessons, score: 1, maxScore: 3, notes: ["x.ts refused"], key: "k" };
 * const summary = toClassSummary([alice]);
 * assert.ok(summary.startsWith("# Class summary\n\n1 student, 3 points available."));
 * assert.match(summary, /\| alice \| 1\/3 \| 33% \|/);
 * ```
 */
export function toClassSummary(results: StudentResult[]): string {
  const lines = ["# Class summary", ""];
  const n = results.length;
  const max = Math.max(0, ...results.map((r) => r.maxScore));
  lines.push(`${n} ${n === 1 ? "student" : "students"}, ${max} points available.`, "");
  lines.push("| student | points | % |", "| --- | ---: | ---: |");
  for (const s of results) {
    lines.push(
      `| ${markdownText(s.student)} | ${s.score}/${s.maxScore} | ${percent(s.score, s.maxScore)} |`,
    );
  }
  lines.push(
    "",
    "## Lessons",
    "",
    "| lesson | mean points | full marks |",
    "| --- | ---: | ---: |",
  );
  const template = lessonTemplate(results);
  for (const lesson of template) {
    const scores = results.map((s) => lessonOf(s, lesson.lesson.slug)?.score ?? 0);
    const mean = n ? scores.reduce((a, b) => a + b, 0) / n : 0;
    const full = results.filter((s) =>
      lessonOf(s, lesson.lesson.slug)?.score === lesson.maxScore
    ).length;
    lines.push(
      `| ${lesson.lesson.id} ${markdownText(lesson.lesson.title)} | ${
        mean.toFixed(1)
      }/${lesson.maxScore} | ${full} of ${n} |`,
    );
  }
  const rates: { name: string; passed: number; points: number }[] = [];
  for (const lesson of template) {
    for (const exercise of lesson.exercises) {
      for (const test of exercise.tests) {
        const passed = results.filter((s) =>
          testOf(s, lesson.lesson.slug, exercise.file, test.name)?.status === "pass"
        ).length;
        rates.push({
          name: `${lesson.lesson.id}/${exercise.file} › ${test.name}`,
          passed,
          points: test.points,
        });
      }
    }
  }
  rates.sort((a, b) => a.passed - b.passed || (a.name < b.name ? -1 : 1));
  lines.push(
    "",
    "## Graded tests, hardest first",
    "",
    "A test that most students fail may be a bad test or an unclear lesson.",
    "",
    "| test | passed | rate |",
    "| --- | ---: | ---: |",
  );
  for (const r of rates) {
    lines.push(
      `| ${markdownText(r.name)} | ${r.passed} of ${n} | ${percent(r.passed, n)} |`,
    );
  }
  const troubled = results.map((s) => [s.student, problemsOf(s)] as const).filter(([, p]) =>
    p.length
  );
  if (troubled.length) {
    lines.push("", "## Problems", "");
    for (const [student, problems] of troubled) {
      for (const p of problems) lines.push(`- ${markdownText(student)}: ${markdownText(p)}`);
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * The result GitHub Classroom's `autograding-grading-reporter` reads from a runner step: JSON
 * (`version: 1`, `status`, `max_score`, one entry per graded test with its `score`), base64
 * encoded, as `classroom-resources/autograding-command-grader` writes it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toClassroomResult } from "./gradebook.ts";
 * const lesson = { number: 1, slug: "01-demo", id: "lesson-01", title: "Demo", testFiles: ["half_test.ts"] };
 * const stopped = { name: "half: odd [2 pt]", points: 2, earned: 0, status: "timeout" as const, message: "input:    half(3)" };
 * const passed = { name: "half: even [1 pt]", points: 1, earned: 1, status: "pass" as const };
 * const exercise = { file: "half.ts", testFile: "half_test.ts", tests: [passed, stopped], score: 1, maxScore: 3, warnings: [], durationMs: 5 };
 * const lessons = [{ lesson, exercises: [exercise], score: 1, maxScore: 3, durationMs: 5 }];
 * const alice = { student: "alice", source: "class/alice", lessons, score: 1, maxScore: 3, notes: ["x.ts refused"], key: "k" };
 * // Base64 of UTF-8 bytes.
 * const bytes = Uint8Array.from(atob(toClassroomResult(alice)), (c) => c.charCodeAt(0));
 * const payload = JSON.parse(new TextDecoder().decode(bytes));
 * assert.deepEqual([payload.status, payload.max_score, payload.tests.length], ["fail", 3, 2]);
 * assert.equal(payload.tests[0].name, "lesson-01/half.ts › half: even [1 pt]");
 * ```
 */
export function toClassroomResult(student: StudentResult): string {
  const tests = student.lessons.flatMap((lesson) =>
    lesson.exercises.flatMap((exercise) =>
      exercise.tests.map((test) => ({
        name: `${lesson.lesson.id}/${exercise.file} › ${test.name}`,
        status: test.status === "pass" ? "pass" : test.status === "fail" ? "fail" : "error",
        message: test.message ?? "",
        test_code: `deno task check ${lesson.lesson.id}`,
        filename: `exercises/${lesson.lesson.slug}/${exercise.testFile}`,
        line_no: 0,
        duration: 0,
        score: test.earned,
      }))
    )
  );
  const payload = {
    version: 1,
    status: tests.length && tests.every((t) => t.status === "pass") ? "pass" : "fail",
    max_score: student.maxScore,
    tests,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Class reports: the CSV gradebook and the class summary with per-test pass rates.
 *
 * @module
 */

import type { StudentResult } from "./classroom.ts";

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

function columns(results: StudentResult[]): Column[] {
  const first = results[0];
  if (!first) return [];
  const lessonColumns: Column[] = [];
  const testColumns: Column[] = [];
  for (const [li, lesson] of first.lessons.entries()) {
    lessonColumns.push({
      header: `${lesson.lesson.id} (/${lesson.maxScore})`,
      value: (s) => s.lessons[li]?.score ?? 0,
    });
    for (const [ei, exercise] of lesson.exercises.entries()) {
      for (const [ti, test] of exercise.tests.entries()) {
        testColumns.push({
          header: `${lesson.lesson.id}/${exercise.file} › ${test.name}`,
          value: (s) => s.lessons[li]?.exercises[ei]?.tests[ti]?.earned ?? 0,
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
 * ```ts ignore
 * await writeTextFileAtomic("reports/gradebook.csv", toGradebookCsv(results));
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
  return rows.join("\n") + "\n";
}

/**
 * Why a student lost points other than by failing assertions: refused files, load errors,
 * timeouts, one line each.
 *
 * @example
 * ```ts ignore
 * console.log(problemsOf(result)); // ["lesson-01/half.ts: timed out: ..."]
 * ```
 */
export function problemsOf(student: StudentResult): string[] {
  const lines = [...student.notes];
  for (const lesson of student.lessons) {
    for (const exercise of lesson.exercises) {
      if (exercise.problem) {
        const line = `${lesson.lesson.id}/${exercise.file}: ${exercise.problem.split("\n")[0]}`;
        if (!lines.includes(line)) lines.push(line);
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
 * ```ts ignore
 * await writeTextFileAtomic("reports/summary.md", toClassSummary(results));
 * ```
 */
export function toClassSummary(results: StudentResult[]): string {
  const lines = ["# Class summary", ""];
  const n = results.length;
  const max = results[0]?.maxScore ?? 0;
  lines.push(`${n} student(s), ${max} points available.`, "");
  lines.push("| student | points | % |", "| --- | ---: | ---: |");
  for (const s of results) {
    lines.push(`| ${s.student} | ${s.score}/${s.maxScore} | ${percent(s.score, s.maxScore)} |`);
  }
  lines.push(
    "",
    "## Lessons",
    "",
    "| lesson | mean points | full marks |",
    "| --- | ---: | ---: |",
  );
  for (const [li, lesson] of (results[0]?.lessons ?? []).entries()) {
    const scores = results.map((s) => s.lessons[li]?.score ?? 0);
    const mean = n ? scores.reduce((a, b) => a + b, 0) / n : 0;
    const full = results.filter((s) => s.lessons[li]?.score === lesson.maxScore).length;
    lines.push(
      `| ${lesson.lesson.id} ${lesson.lesson.title} | ${
        mean.toFixed(1)
      }/${lesson.maxScore} | ${full} of ${n} |`,
    );
  }
  const rates: { name: string; passed: number; points: number }[] = [];
  for (const [li, lesson] of (results[0]?.lessons ?? []).entries()) {
    for (const [ei, exercise] of lesson.exercises.entries()) {
      for (const [ti, test] of exercise.tests.entries()) {
        const passed = results.filter((s) =>
          s.lessons[li]?.exercises[ei]?.tests[ti]?.status === "pass"
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
      `| ${r.name.replaceAll("|", "\\|")} | ${r.passed} of ${n} | ${percent(r.passed, n)} |`,
    );
  }
  const troubled = results.map((s) => [s.student, problemsOf(s)] as const).filter(([, p]) =>
    p.length
  );
  if (troubled.length) {
    lines.push("", "## Problems", "");
    for (const [student, problems] of troubled) {
      for (const p of problems) lines.push(`- ${student}: ${p.replaceAll("\n", " ")}`);
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
 * ```ts ignore
 * await Deno.writeTextFile("reports/classroom.b64", toClassroomResult(result));
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

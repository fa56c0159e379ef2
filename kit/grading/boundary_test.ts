import assert from "node:assert/strict";
import { boundLessons, MAX_REPORT_TEXT } from "./boundary.ts";
import type { LessonResult } from "./score.ts";
import type { Lesson } from "../course/lessons.ts";

const SECRET = "0.7315926535";

/** A lesson result in which every text a student's run could have made carries the secret. */
function tainted(): LessonResult[] {
  const lesson = { slug: "03-x", id: "lesson-03", number: 3, testFiles: ["a_test.ts"] } as Lesson;
  const long = `${SECRET} `.repeat(1 << 16);
  return [{
    lesson,
    score: 0,
    maxScore: 6,
    durationMs: 1,
    exercises: [{
      file: "a.ts",
      testFile: "a_test.ts",
      score: 0,
      maxScore: 6,
      durationMs: 1,
      problem: `SyntaxError: ${long} (exercises/03-x/a.ts:3:9) (exercises/03-x/${SECRET}.ts:1:1)`,
      warnings: [`"${SECRET}${long}" is not in kit/manifest.json: run \`deno task sync\``],
      printed: long,
      tests: [
        { name: "a [1 pt]", points: 1, earned: 0, status: "error", message: `TypeError: ${long}` },
        {
          name: "b [1 pt]",
          points: 1,
          earned: 0,
          status: "fail",
          message: `input:    f(1)\nexpected: 2\ngot:      ${long}\nhint:     Halve it.`,
        },
        {
          name: "c [1 pt]",
          points: 1,
          earned: 0,
          status: "fail",
          message: `the test stopped on an unexpected error: Error: ${long}`,
        },
        { name: "d [1 pt]", points: 1, earned: 0, status: "fail", message: long },
        {
          name: "e [1 pt]",
          points: 1,
          earned: 0,
          status: "timeout",
          message: `timed out: "${long}"`,
        },
        {
          name: "f [1 pt]",
          points: 1,
          earned: 0,
          status: "fail",
          message: "failed on a held-out case (the grade of record draws its own cases)\nhint: H.",
        },
      ],
    }],
  }];
}

Deno.test("report boundary: with held-out cases no text of the student's run is kept", () => {
  const [lesson] = boundLessons(tainted(), true);
  const text = JSON.stringify(lesson);
  assert.ok(!text.includes(SECRET), text.slice(0, 2000));
  const [exercise] = lesson.exercises;
  assert.equal(exercise.problem, "did not load: SyntaxError (exercises/03-x/a.ts:3:9)");
  assert.deepEqual(exercise.tests.map((t) => t.message), [
    "did not load: TypeError",
    "input:    f(1)\nexpected: 2\nhint:     Halve it.",
    "the test stopped on an unexpected error",
    "failed",
    "timed out",
    "failed on a held-out case (the grade of record draws its own cases)\nhint: H.",
  ]);
  assert.equal(exercise.printed, undefined);
});

Deno.test("report boundary: with public cases, texts are cut and runs reduced to a category", () => {
  const [lesson] = boundLessons(tainted(), false);
  const [exercise] = lesson.exercises;
  assert.equal(exercise.problem, "did not load: SyntaxError (exercises/03-x/a.ts:3:9)");
  for (const test of exercise.tests) {
    for (const line of (test.message ?? "").split("\n")) {
      assert.ok(line.length <= MAX_REPORT_TEXT + 1, `${test.name}: a line of ${line.length}`);
    }
    assert.ok((test.message ?? "").length <= 1201);
  }
  assert.ok(exercise.warnings.every((w) => w.length <= MAX_REPORT_TEXT + 1));
});

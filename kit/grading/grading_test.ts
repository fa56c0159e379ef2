import { strict as assert } from "node:assert";
import { parseJUnit } from "./junit.ts";
import { cleanMessage, scoreFile } from "./score.ts";
import { type Lesson, resolveLesson, UnknownLessonError } from "../course/lessons.ts";
import { describeValue } from "../testkit/describe.ts";
import { explainLoadFailure } from "./run.ts";

const lessons: Lesson[] = [
  { number: 1, slug: "01-parameters", id: "lesson-01", title: "", testFiles: [] },
  { number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "", testFiles: [] },
];

Deno.test("resolveLesson accepts every spelling of a lesson", () => {
  for (
    const spelling of [
      "lesson-03",
      "lesson-3",
      "lesson3",
      "3",
      "03",
      "03-lr-schedules",
      "lr-schedules",
      "exercises/03-lr-schedules/",
    ]
  ) {
    assert.equal(resolveLesson(spelling, lessons).slug, "03-lr-schedules", spelling);
  }
});

Deno.test("resolveLesson names the lessons when none matches", () => {
  assert.throws(() => resolveLesson("lesson-99", lessons), (error: Error) => {
    assert.ok(error instanceof UnknownLessonError);
    assert.equal(
      error.message,
      'unknown lesson "lesson-99". The lessons are: lesson-01 (01-parameters), lesson-03 (03-lr-schedules)',
    );
    return true;
  });
});

Deno.test("parseJUnit reads passes, failures with escaped messages, and skips", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="3" failures="1" errors="0" time="0.5">
    <testsuite name="./a_test.ts" tests="3" disabled="0" errors="0" failures="1">
        <testcase name="a &lt;b&gt; [2 pts]" classname="./a_test.ts" time="0.001" line="3" col="1">
            <failure message="Uncaught GradedFailure: input: f(1)
expected: 3 &amp; more">GradedFailure: stack</failure>
        </testcase>
        <testcase name="ok [1 pt]" classname="./a_test.ts" time="0.000" line="5" col="1">
        </testcase>
        <testcase name="ignored" classname="./a_test.ts" time="0.000" line="6" col="1">
            <skipped/>
        </testcase>
    </testsuite>
</testsuites>`;
  const tests = parseJUnit(xml);
  assert.deepEqual(tests.map((t) => [t.name, t.passed]), [["a <b> [2 pts]", false], [
    "ok [1 pt]",
    true,
  ], ["ignored", false]]);
  assert.equal(cleanMessage(tests[0].message), "input: f(1)\nexpected: 3 & more");
});

Deno.test("scoreFile: only one passing report per declared name earns points", () => {
  const declared = [{ name: "a [2 pts]", points: 2 }, { name: "b [1 pt]", points: 1 }, {
    name: "c [3 pts]",
    points: 3,
  }];
  const result = scoreFile("x_test.ts", declared, {
    tests: [
      { name: "a [2 pts]", file: "x", passed: true },
      { name: "b [1 pt]", file: "x", passed: true },
      { name: "b [1 pt]", file: "x", passed: false, message: "no" },
      { name: "fake [100 pts]", file: "x", passed: true },
    ],
    timedOut: false,
    durationMs: 1,
  });
  assert.equal(result.score, 2);
  assert.equal(result.maxScore, 6);
  assert.deepEqual(result.tests.map((t) => t.status), ["pass", "fail", "fail"]);
  assert.equal(result.tests[1].message, "reported more than once: not counted");
  assert.equal(result.tests[2].message, "the runtime did not report this test");
});

Deno.test("scoreFile: a time-out or a load error costs every declared test", () => {
  const declared = [{ name: "a [2 pts]", points: 2 }];
  const timedOut = scoreFile(
    "x_test.ts",
    declared,
    { tests: [], timedOut: true, durationMs: 5 },
    5000,
  );
  assert.equal(timedOut.tests[0].status, "timeout");
  assert.match(timedOut.problem!, /within 5 s/);
  const broken = scoreFile("x_test.ts", declared, {
    tests: [],
    timedOut: false,
    loadError: "SyntaxError: x",
    durationMs: 5,
  });
  assert.deepEqual([broken.score, broken.maxScore, broken.tests[0].status], [0, 2, "error"]);
});

Deno.test("explainLoadFailure keeps the error and its place, relative to the workspace", () => {
  const printed =
    "Uncaught error from ./e/a_test.ts FAILED\n\nerror: SyntaxError: The requested module './a.ts' does not provide an export named 'f'\nimport { f } from \"./a.ts\";\n    at <anonymous> (file:///ws/e/a_test.ts:1:10)\n";
  assert.equal(
    explainLoadFailure(printed, "/ws", 1),
    "SyntaxError: The requested module './a.ts' does not provide an export named 'f' (e/a_test.ts:1:10)",
  );
  assert.equal(
    explainLoadFailure(
      "error: TypeError: SyntaxError: Expression expected\n    at file:///ws/e/a.ts:42:13\n",
      "/ws",
      1,
    ),
    "syntax error in e/a.ts:42:13: Expression expected",
  );
  assert.equal(explainLoadFailure("", "/ws", 137), "the test process was killed (out of memory?)");
  assert.equal(explainLoadFailure("", "/ws", 134), "the test process aborted (exit code 134)");
  assert.equal(
    explainLoadFailure(
      'error: Module not found "file:///ws/e/b.ts".\n    at file:///ws/e/b_test.ts:3:20\n',
      "/ws",
      1,
    ),
    "e/b.ts is missing: create it again, or restore the stub with `git checkout -- e/b.ts`",
  );
});

Deno.test("describeValue is short and never throws", () => {
  assert.equal(describeValue([1, 2, 3]), "[1, 2, 3]");
  assert.equal(describeValue(new Float64Array([0.5])), "Float64Array [0.5]");
  assert.match(describeValue(new Array(1000).fill(1)), /… 992 more/);
  const hostile = new Proxy({}, {
    ownKeys() {
      throw new Error("no");
    },
  });
  assert.equal(describeValue(hostile), "(a value that could not be displayed)");
  assert.equal(describeValue(-0), "-0");
});

Deno.test("the fixture kit pins its npm packages with the kit's own lock file", async () => {
  // Without it, a fixture run on a fresh cache needs registry lookups the graded runs forbid.
  const kitLock = await Deno.readTextFile(new URL("../../deno.lock", import.meta.url));
  const fixtureLock = await Deno.readTextFile(
    new URL("./testdata/minikit/deno.lock", import.meta.url),
  );
  assert.equal(
    fixtureLock,
    kitLock,
    "copy deno.lock to kit/grading/testdata/minikit/deno.lock",
  );
});

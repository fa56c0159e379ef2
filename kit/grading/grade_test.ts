/**
 * Grading a class against hostile submissions: each scores what an honest wrong answer scores,
 * and nothing outside the submission is read, written or reached.
 *
 * The corpus is `testdata/hostile/` (see its README) plus a few made here; the kit is the minikit.
 */

import assert, { deepStrictEqual as assertEquals, match as assertMatch } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  findSubmissions,
  gradeClass,
  type Grader,
  gradeSubmission,
  prepareGrader,
  type StudentResult,
  type Submission,
} from "./classroom.ts";
import { heldFolders } from "./temp.ts";
import { classifyModule } from "./sandbox.ts";
import { csvCell, toClassroomResult, toClassSummary, toGradebookCsv } from "./gradebook.ts";
import { copyTree } from "./stage.ts";
import { toJUnit } from "./report.ts";

const TESTDATA = fileURLToPath(new URL("./testdata/", import.meta.url));
const MINIKIT = join(TESTDATA, "minikit");
const HOSTILE = join(TESTDATA, "hostile");
const CANARY = "/tmp/kit-grade-canary";
const LESSON_TIMEOUT_MS = 5_000;

const CANARY_FILES: Record<string, string> = {
  "answers.ts":
    "export const half = (x: number) => x / 2;\nexport const square = (x: number) => x * x;\n",
  "secret.txt": "the teacher's secret\n",
  "secret.json": '{ "correct": true }\n',
};

/** The watched local server; waits while another run of this test holds the port. */
async function listen(handler: (r: Request) => Response): Promise<Deno.HttpServer> {
  for (let attempt = 0;; attempt++) {
    try {
      return Deno.serve({ hostname: "127.0.0.1", port: 47123, onListen: () => {} }, handler);
    } catch (error) {
      if (!(error instanceof Deno.errors.AddrInUse) || attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function canaryListing(): Promise<string[]> {
  const lines: string[] = [];
  for await (const entry of Deno.readDir(CANARY)) {
    lines.push(`${entry.name} ${await Deno.readTextFile(join(CANARY, entry.name))}`);
  }
  return lines.sort();
}

async function listing(folder: string): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const rel = `${prefix}${entry.name}`;
      const info = await Deno.lstat(join(dir, entry.name));
      lines.push(`${rel} ${info.size} ${info.mtime?.getTime()}`);
      if (entry.isDirectory) await walk(join(dir, entry.name), rel + "/");
    }
  };
  await walk(folder, "");
  return lines.sort();
}

/** Submissions made at test time: the untouched stubs, the solutions, and three broken copies. */
async function makeClass(root: string): Promise<void> {
  const lesson = (name: string) => join(root, name, "exercises", "01-demo");
  await copyTree(join(MINIKIT, "exercises"), join(root, "untouched", "exercises"));
  await copyTree(join(MINIKIT, "solutions"), join(root, "solutions-as-exercises", "exercises"));
  await Deno.mkdir(lesson("syntax-error"), { recursive: true });
  await Deno.writeTextFile(join(lesson("syntax-error"), "half.ts"), "export function half(x {\n");
  await Deno.writeTextFile(
    join(lesson("syntax-error"), "square.ts"),
    "export const square = (x: number) => x + x;\n",
  );
  await Deno.mkdir(lesson("missing-file"), { recursive: true });
  await Deno.writeTextFile(
    join(lesson("missing-file"), "square.ts"),
    "export const square = (x: number) => x + x;\n",
  );
  // A lesson folder, and a file, that link to the teacher's solutions.
  await Deno.mkdir(join(root, "linked-lesson", "exercises"), { recursive: true });
  await Deno.symlink(join(MINIKIT, "solutions", "01-demo"), lesson("linked-lesson"));
  await Deno.mkdir(lesson("linked-files"), { recursive: true });
  await Deno.symlink(
    join(MINIKIT, "solutions", "01-demo", "half.ts"),
    join(lesson("linked-files"), "half.ts"),
  );
  await Deno.symlink(
    join(MINIKIT, "solutions", "01-demo", "square.ts"),
    join(lesson("linked-files"), "square.ts"),
  );
}

Deno.test("sandbox: which modules a submission may import", () => {
  const w = "/w";
  assertEquals(classifyModule("file:///w/exercises/01-demo/half.ts", w), "submission");
  assertEquals(classifyModule("file:///w/exercises/01-demo/half_test.ts", w), "other");
  assertEquals(classifyModule("file:///w/exercises/01-demo/x.json", w), "other");
  assertEquals(classifyModule("file:///w/kit/lib/random.ts", w), "kit-lib");
  assertEquals(classifyModule("file:///w/kit/cases/01-demo.json", w), "other");
  assertEquals(classifyModule("file:///w/kit/testkit/graded.ts", w), "other");
  assertEquals(classifyModule("file:///w/solutions/01-demo/half.ts", w), "other");
  assertEquals(classifyModule("file:///elsewhere/exercises/01-demo/half.ts", w), "other");
  for (const s of ["node:fs", "npm:x", "jsr:@std/assert", "https://x/y.ts", "data:,1", "blob:x"]) {
    assertEquals(classifyModule(s, w), "other");
  }
});

Deno.test("gradebook: CSV cells are quoted and cannot be formulas", () => {
  assertEquals(csvCell("a,b"), '"a,b"');
  assertEquals(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assertEquals(csvCell("-1"), "'-1");
  assertEquals(csvCell(-1), "-1");
});

/**
 * The canary folder is shared with any other run of this test on the machine: written only
 * when it differs, never removed, compared by names and contents.
 */
async function writeCanary(): Promise<void> {
  await Deno.mkdir(CANARY, { recursive: true });
  for (const [name, text] of Object.entries(CANARY_FILES)) {
    const now = await Deno.readTextFile(join(CANARY, name)).catch(() => undefined);
    if (now !== text) await Deno.writeTextFile(join(CANARY, name), text);
  }
}

/** Every hostile submission scores 0, for the reason its attack meets, within the lesson's limit. */
function checkHostileScores(results: Map<string, StudentResult>): void {
  const score = (name: string) => {
    const r = results.get(name);
    assert(r, `no result for ${name}`);
    return `${r.score}/${r.maxScore}`;
  };
  assertEquals(score("honest-wrong"), "0/6");
  assertEquals(score("untouched"), "0/6");
  // Handed in as the kit's own stubs: 0 without a process, and said so.
  for (const exercise of results.get("untouched")!.lessons[0].exercises) {
    assertMatch(exercise.problem ?? "", /not attempted: .*untouched stubs/);
  }
  assertEquals(score("solutions-as-exercises"), "6/6");
  const hostile = [...results.keys()].filter((n) =>
    !["honest-wrong", "untouched", "solutions-as-exercises"].includes(n)
  );
  assert(hostile.length >= 31, `only ${hostile.length} hostile submissions`);
  const scores = Object.fromEntries(hostile.map((n) => [n, score(n)]));
  assertEquals(scores, Object.fromEntries(hostile.map((n) => [n, "0/6"])));

  // The reasons name what happened.
  const problems = (name: string) =>
    results.get(name)!.lessons[0].exercises.map((e) => e.problem ?? "").join("\n");
  for (const name of ["import-absolute", "import-teacher-files", "dynamic-import-literal"]) {
    assertMatch(problems(name), /refused: exercises\/01-demo\/(half|square)\.ts:\d+ imports/);
  }
  assertMatch(problems("patch-graded-helpers"), /refused: .*square\.ts:\d+ imports/);
  // The graded cases are frozen before any learner code runs.
  assertMatch(
    problems("mutate-cases"),
    /did not load: TypeError \(exercises\/01-demo\/cube\.ts:\d+/,
  );
  assertMatch(problems("loop-top-level"), /timed out/);
  // A 5 MiB test name and 512 KiB messages: a bounded row, no long text of theirs kept.
  const huge = JSON.stringify(results.get("huge-test-name"));
  assert(huge.length < 100_000, `huge-test-name's result is ${huge.length} characters`);
  assert(!huge.includes("1:1:".repeat(200)), "a long text of the student kept");
  assertMatch(problems("syntax-error"), /syntax error|SyntaxError|Expected/);
  assert(results.get("linked-lesson")!.notes.some((n) => /a link/.test(n)));
  assert(results.get("linked-files")!.notes.some((n) => /not a plain file/.test(n)));
  for (const r of results.values()) {
    for (const lesson of r.lessons) {
      assert(
        lesson.durationMs <= LESSON_TIMEOUT_MS + 2000,
        `${r.student}: ${lesson.durationMs} ms, over the limit by more than 2 s`,
      );
    }
  }
}

/** The class's reports: one CSV row each, and student text kept as data in every format. */
function checkReports(ordered: StudentResult[], results: Map<string, StudentResult>): void {
  const csv = toGradebookCsv(ordered);
  assertEquals(csv.trim().split("\n").length, ordered.length + 1);
  assertMatch(
    csv.split("\n")[0],
    /^\uFEFFstudent,total,max,lesson-01 \(\/6\),.*half: even numbers/,
  );
  const summary = toClassSummary(ordered);
  // Student text stays data: no heading, row or HTML of its own in the summary.
  const headings = summary.split(/\r\n|[\n\r\u2028\u2029]/).filter((l) => l.startsWith("#"));
  assertEquals(headings, [
    "# Class summary",
    "## Lessons",
    "## Graded tests, hardest first",
    "## Problems",
  ]);
  assert(!/[\r\u2028\u2029]/.test(summary), "a line break other than \\n in summary.md");
  assert(!summary.includes("<img"), "raw HTML in summary.md");
  assert(!/^\| alice/m.test(summary), "a forged row in summary.md");
  const injected = toJUnit(results.get("report-injection")!.lessons, "report-injection");
  assert(!/[\ud800-\udfff\ufffe]/.test(injected), "characters XML forbids in the JUnit");
  assert(!injected.includes("\r"), "a raw carriage return in the JUnit");
  assertMatch(
    summary,
    /\| lesson-01\/half\.ts › half: even numbers \\\[1 pt\\\] \| 1 of \d+ \|/,
  );
  const classroom = JSON.parse(atob(toClassroomResult(results.get("solutions-as-exercises")!)));
  assertEquals([classroom.max_score, classroom.status, classroom.tests.length], [6, "pass", 4]);
}

/** Resuming: unchanged submissions are not graded again; a changed one is. */
async function checkResume(grader: Grader, submissions: Submission[]): Promise<void> {
  const logged: string[] = [];
  const again = { ...grader, log: (line: string) => logged.push(line) };
  const honest = submissions.find((s) => s.name === "honest-wrong")!;
  const started = performance.now();
  assertEquals((await gradeSubmission(again, honest)).score, 0);
  assert(performance.now() - started < 1000);
  assertMatch(logged.join("\n"), /honest-wrong: unchanged since the last run/);
  const changed = submissions.find((s) => s.name === "untouched")!;
  await copyTree(join(MINIKIT, "solutions"), changed.implementationRoot!);
  assertEquals((await gradeSubmission(again, changed)).score, 6);
}

Deno.test({
  name: "grading: hostile submissions score what an honest wrong answer scores, and touch nothing",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await writeCanary();
    const requests: string[] = [];
    const server = await listen((r) => {
      requests.push(r.url);
      return new Response("ok");
    });
    const extra = await Deno.makeTempDir({ prefix: "kit-grade-class-" });
    const reports = await Deno.makeTempDir({ prefix: "kit-grade-reports-" });
    const before = await listing(TESTDATA);
    const canaryBefore = await canaryListing();
    try {
      await makeClass(extra);
      const grader: Grader = await prepareGrader({
        kitRoot: MINIKIT,
        lessonTimeoutMs: LESSON_TIMEOUT_MS,
        memoryMiB: 1024,
        concurrency: 2,
        resultsDir: join(reports, "students"),
      });
      const submissions = await findSubmissions([HOSTILE, extra]);
      // Two students at a time: the machine has two cores and most runs wait on a time limit.
      // As `deno task grade` does: two workspace folders, reused from student to student.
      const graded = await gradeClass(grader, submissions, { concurrency: 2 });
      const results = new Map(graded.map((r) => [r.student, r]));
      assertEquals(heldFolders(), [], "gradeClass left its workspaces behind");
      checkHostileScores(results);

      // Nothing reached, nothing written.
      assertEquals(requests, []);
      assertEquals(await canaryListing(), canaryBefore);
      for (const [name, text] of Object.entries(CANARY_FILES)) {
        assertEquals(await Deno.readTextFile(join(CANARY, name)), text);
      }
      assertEquals(await listing(TESTDATA), before);

      checkReports(submissions.map((s) => results.get(s.name)!), results);

      await checkResume(grader, submissions);
    } finally {
      await server.shutdown();
      await Deno.remove(extra, { recursive: true }).catch(() => {});
      await Deno.remove(reports, { recursive: true }).catch(() => {});
    }
  },
});

/** A class folder of every odd shape a student folder can take (see the test below). */
async function makeShapes(root: string): Promise<void> {
  const lesson = (name: string) => join(root, name, "exercises", "01-demo");
  await copyTree(join(MINIKIT, "solutions"), join(root, "a-solved", "exercises"));
  // The lesson folder is a regular file.
  await Deno.mkdir(join(root, "file-for-folder", "exercises"), { recursive: true });
  await Deno.writeTextFile(lesson("file-for-folder"), "not a folder\n");
  // exercises/ itself is a file.
  await Deno.mkdir(join(root, "file-for-exercises"), { recursive: true });
  await Deno.writeTextFile(join(root, "file-for-exercises", "exercises"), "x\n");
  // A 3 GiB sparse .ts file beside a good one: the big one is refused unread.
  await Deno.mkdir(lesson("sparse"), { recursive: true });
  await Deno.copyFile(
    join(MINIKIT, "solutions", "01-demo", "half.ts"),
    join(lesson("sparse"), "half.ts"),
  );
  const big = await Deno.open(join(lesson("sparse"), "square.ts"), {
    create: true,
    write: true,
  });
  await big.truncate(3 * 1024 ** 3);
  big.close();
  // Many empty .ts files (150,000 in the issue; 1,500 here is past the 1,000-entry limit).
  await Deno.mkdir(lesson("many-files"), { recursive: true });
  for (let i = 0; i < 1500; i++) {
    await Deno.writeTextFile(join(lesson("many-files"), `f${i}.ts`), "");
  }
  // Names that are not UTF-8: a file in a lesson, and a student folder. Made by the shell,
  // since Deno's paths are strings.
  await Deno.mkdir(lesson("bad-name"), { recursive: true });
  await Deno.copyFile(
    join(MINIKIT, "solutions", "01-demo", "half.ts"),
    join(lesson("bad-name"), "half.ts"),
  );
  const shell = await new Deno.Command("sh", {
    args: [
      "-c",
      `touch "$1/$(printf 'sq\\377')uare.ts" && mkdir -p "$2/$(printf 'st\\376udent')/exercises/01-demo"`,
      "sh",
      lesson("bad-name"),
      root,
    ],
  }).output();
  assert(shell.success, new TextDecoder().decode(shell.stderr));
  // A file at the top of the class folder, and a link.
  await Deno.writeTextFile(join(root, "notes.txt"), "not a student\n");
  await Deno.symlink(join(MINIKIT, "solutions"), join(root, "link-student"));
  // Two folders whose names differ only in what safe names replace.
  await copyTree(join(MINIKIT, "exercises"), join(root, "a b", "exercises"));
  await copyTree(join(MINIKIT, "solutions"), join(root, "a_b", "exercises"));
}

Deno.test({
  name: "grading: every student gets a row, whatever shape their folder has",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const root = await Deno.makeTempDir({ prefix: "kit-grade-shapes-" });
    try {
      await makeShapes(root);

      const grader = await prepareGrader({
        kitRoot: MINIKIT,
        lessonTimeoutMs: LESSON_TIMEOUT_MS,
        memoryMiB: 1024,
        concurrency: 2,
      });
      const started = performance.now();
      const submissions = await findSubmissions([root]);
      const results: StudentResult[] = [];
      for (const submission of submissions) results.push(await gradeSubmission(grader, submission));
      const seconds = (performance.now() - started) / 1000;
      const byName = new Map(results.map((r) => [r.student, r]));
      const names = results.map((r) => r.student);
      assertEquals(new Set(names).size, names.length, `names collide: ${names}`);
      assertEquals(results.length, 10, names.join(", "));
      assertEquals(byName.get("a-solved")!.score, 6);
      assertEquals(byName.get("a_b")!.score, 6);
      assert(names.some((n) => /^a_b-[0-9a-f]{6}$/.test(n)), names.join(", "));
      const notes = (name: string) => byName.get(name)!.notes.join("\n");
      assertMatch(notes("file-for-folder"), /01-demo: not a folder/);
      assertMatch(notes("file-for-exercises"), /exercises is not a folder/);
      assertMatch(notes("sparse"), /square\.ts: 3221225472 bytes, over the 1048576 limit/);
      assertEquals(byName.get("sparse")!.score, 1);
      assertMatch(notes("many-files"), /more than 1000 entries/);
      assertMatch(notes("bad-name"), /not a plain file name/);
      assertEquals(byName.get("bad-name")!.score, 1);
      assertMatch(notes("link-student"), /a link: not graded/);
      assert(seconds < 60, `took ${seconds} s`);
      const csv = toGradebookCsv(results);
      assertEquals(csv.trim().split("\n").length, results.length + 1);
    } finally {
      await Deno.remove(root, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test("grading: a re-run of some lessons keeps the others; per-test time-outs are noted", async () => {
  const reports = await Deno.makeTempDir({ prefix: "kit-grade-rerun-" });
  try {
    const grader = await prepareGrader({
      kitRoot: MINIKIT,
      lessonTimeoutMs: LESSON_TIMEOUT_MS,
      memoryMiB: 1024,
      resultsDir: reports,
    });
    const [solved] = await findSubmissions([join(MINIKIT, "solutions")]);
    const other = {
      lesson: { number: 2, slug: "02-other", id: "lesson-02", title: "Other", testFiles: [] },
      exercises: [{
        file: "x.ts",
        testFile: "x_test.ts",
        score: 0,
        maxScore: 4,
        durationMs: 0,
        warnings: [],
        tests: [{
          name: "x: loops [4 pts]",
          points: 4,
          earned: 0,
          status: "timeout" as const,
          message: "timed out after 10 s (an endless loop?)\ninput:    x(3)",
        }],
      }],
      score: 0,
      maxScore: 4,
      durationMs: 0,
    };
    await Deno.writeTextFile(
      join(reports, `${solved.name}.json`),
      JSON.stringify({ student: solved.name, lessons: [other], key: "older" }),
    );
    const result = await gradeSubmission(grader, solved);
    assertEquals(result.lessons.map((l) => l.lesson.id), ["lesson-01", "lesson-02"]);
    assertEquals([result.score, result.maxScore], [6, 10]);
    const csv = toGradebookCsv([result]);
    assertMatch(csv, /lesson-02 \(\/4\)/);
    assertMatch(csv, /lesson-02\/x\.ts › x: loops \[4 pts\]: timed out on x\(3\)/);
    assertMatch(toClassSummary([result]), /x: loops \\\[4 pts\\\]: timed out on x\(3\)/);
  } finally {
    await Deno.remove(reports, { recursive: true });
  }
});

/**
 * A kit of one exercise, `spin.ts`, with `count` tests of `limitMs` each: the exercise's stub
 * never returns, the solution does. Returns the kit's root.
 */
async function makeSpinKit(root: string, count: number, limitMs: number): Promise<string> {
  const TESTS = count;
  const LIMIT_MS = limitMs;
  const kit = join(root, "kit-copy");
  await Deno.mkdir(join(kit, "kit", "cases"), { recursive: true });
  for (const name of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(MINIKIT, name), join(kit, name));
  }
  await copyTree(join(MINIKIT, "data"), join(kit, "data"));
  await copyTree(join(MINIKIT, "lessons"), join(kit, "lessons"));
  for (const name of ["grading", "lib", "testkit"]) {
    await Deno.symlink(
      fileURLToPath(new URL(`../${name}`, import.meta.url)),
      join(kit, "kit", name),
    );
  }
  const tests = Array.from({ length: TESTS }, (_, i) => `spin: case ${i} [1 pt]`);
  await Deno.writeTextFile(
    join(kit, "kit", "outline.json"),
    JSON.stringify([{
      slug: "01-demo",
      title: "Spin",
      prerequisites: [],
      exercises: ["spin.ts"],
    }]),
  );
  await Deno.writeTextFile(
    join(kit, "kit", "manifest.json"),
    JSON.stringify({
      "01-demo": { "spin_test.ts": tests.map((name) => ({ name, points: 1 })) },
    }),
  );
  const testFile = [
    'import { expectNumber, graded } from "../../kit/testkit/graded.ts";',
    'import { spin } from "./spin.ts";',
    ...tests.map((_, i) =>
      `graded({ name: "spin: case ${i}", points: 1, hint: "Return x.", timeoutMs: ${LIMIT_MS} }, () => {\n` +
      `  expectNumber({ input: "spin(${i})", actual: () => spin(${i}), expected: ${i} });\n});`
    ),
  ].join("\n");
  for (
    const [folder, body] of [["exercises", "while (true) x++;\n  return x;"], [
      "solutions",
      "return x;",
    ]]
  ) {
    await Deno.mkdir(join(kit, folder, "01-demo"), { recursive: true });
    await Deno.writeTextFile(
      join(kit, folder, "01-demo", "spin.ts"),
      `export function spin(x: number): number {\n  ${body}\n}\n`,
    );
  }
  await Deno.writeTextFile(join(kit, "exercises", "01-demo", "spin_test.ts"), testFile + "\n");
  return kit;
}

Deno.test({
  name: "grading: a loop hit by every test of a file costs one test's time limit, not each test's",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    // A kit of one exercise whose six tests have a 1-second limit each, and a submission whose
    // function never returns: the first test runs out of time, the other five fail at once.
    const root = await Deno.makeTempDir({ prefix: "kit-grade-spin-" });
    const TESTS = 6;
    const LIMIT_MS = 1_000;
    try {
      const kit = await makeSpinKit(root, TESTS, LIMIT_MS);
      const grader = await prepareGrader({
        kitRoot: kit,
        lessonTimeoutMs: 60_000,
        memoryMiB: 1024,
      });
      // The student's copy differs from the kit's exercises (a lesson handed in as the kit's
      // own files is "not attempted" and not run).
      const student = join(root, "student", "exercises");
      await copyTree(join(kit, "exercises"), student);
      await Deno.writeTextFile(join(student, "01-demo", "spin.ts"), "// mine\n", { append: true });
      const [looping] = await findSubmissions([student]);
      const result = await gradeSubmission(grader, { ...looping, name: "looping" });
      const [exercise] = result.lessons[0].exercises;
      assertEquals([result.score, result.maxScore], [0, TESTS]);
      assertEquals(exercise.tests.length, TESTS);
      for (const test of exercise.tests.slice(1)) {
        assertMatch(test.message ?? "", /not run: .*time limit/);
      }
      // One test's limit, plus the process's start-up and the reference-free judging: well under
      // the six limits (6 s) that running every test to its limit would cost.
      const ms = result.lessons[0].durationMs;
      assert(ms < LIMIT_MS * 3.5, `the lesson took ${ms} ms`);
      const [solved] = await findSubmissions([join(kit, "solutions")]);
      assertEquals((await gradeSubmission(grader, { ...solved, name: "solved" })).score, TESTS);
    } finally {
      await Deno.remove(root, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name:
    "grading: forged progress lines cannot lengthen a limit (a hang is stopped long before the lesson's limit)",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    // The lesson's limit is long here: before, a forged test line with a huge limit kept the
    // hang alive until it. Now the lines count only as far as they fit the run (watch.ts): the
    // hang costs at most a declared test's limit plus a load limit.
    const grader = await prepareGrader({
      kitRoot: MINIKIT,
      lessonTimeoutMs: 60_000,
      memoryMiB: 1024,
      concurrency: 2,
    });
    const [submission] = await findSubmissions([join(HOSTILE, "forged-markers")]);
    const started = performance.now();
    const result = await gradeSubmission(grader, submission);
    const seconds = (performance.now() - started) / 1000;
    assertEquals(`${result.score}/${result.maxScore}`, "0/6");
    assert(seconds < 40, `graded in ${seconds.toFixed(1)} s: the forged limit was believed`);
    const half = result.lessons[0].exercises.find((e) => e.file === "half.ts")!;
    assertMatch(half.problem ?? "", /timed out/);
  },
});

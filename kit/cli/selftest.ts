/**
 * `deno task test`: the kit's own suite.
 *
 * 1. `deno fmt --check`, `deno lint`, `deno check` of all TypeScript.
 * 2. The kit's unit tests, and every `ts` example in JSDoc and in the lessons (`deno test --doc`).
 * 3. Folders, README headings and exercise files agree with the course outline; generated files
 *    (stubs, cases, README regions, figures, manifest) match the reference code.
 * 4. Exercises and solutions mirror each other: same files, same exports (a marker that cut out
 *    an export shows here).
 * 5. Every graded test passes against `solutions/`, judged in the test process as `deno task
 *    check` does and judged apart as `deno task grade` does (kit/grading/judge.ts).
 * 6. Every graded test fails against the untouched stubs in `exercises/` (a test that passes on
 *    a stub grades nothing).
 * 7. Every graded test fails against functions that throw on every input, with a message naming
 *    every word of the solution (a test that only checks refusals would pass them), and against
 *    no-op, constant, echo and empty-structure fakes of every exported function (fakes.ts).
 *
 * Each graded test counts eight times (steps 5 to 7), each unit test once, each other check once.
 * The last line is `N passed, N failed`, or `N passed, N failed, N skipped` when the runtime
 * skipped optional tests (a cross-check whose tool this machine lacks): skipped is not failed.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { type Lesson, listLessons } from "../course/lessons.ts";
import { loadManifest, type Manifest } from "../course/manifest.ts";
import { cacheModules, runDeno } from "../lib/process.ts";
import { parseJUnit } from "../grading/junit.ts";
import { scoreLesson } from "../grading/score.ts";
import { stageWorkspace } from "../grading/stage.ts";
import {
  KIT_ROOT,
  outlineProblems,
  planManifest,
  planReadme,
  planSync,
  staleFiles,
} from "../content/sync.ts";
import { FAKE_KINDS, type FakeKind } from "../attacks/fakes.ts";
import { findSubmissions, gradeSubmission, prepareGrader } from "../grading/classroom.ts";
import { parseCommandLine, withUsage } from "./args.ts";

/**
 * Graded tests that pass against a fake by design, with the reason (kept short: each one is a
 * test that cannot tell that fake from a correct answer).
 */
const FAKE_EXCEPTIONS: Record<string, string> = {};

let passed = 0;
let failed = 0;
/** Tests the runtime skipped (an optional cross-check whose tool is missing): never a failure. */
let skipped = 0;

function record(ok: boolean, name: string, detail?: string): void {
  if (ok) passed++;
  else failed++;
  if (!ok) console.log(`FAILED ${name}${detail ? `\n${detail.replace(/^/gm, "    ")}` : ""}`);
}

async function deno(args: string[]): Promise<{ ok: boolean; output: string }> {
  const output = await runDeno({ args, cwd: KIT_ROOT, kind: "kit" });
  const text = output.stdout + output.stderr;
  // `deno check` lists every file it checks; only the errors are worth showing.
  const shown = text.split("\n").filter((line) => !/^\s*(Check|Download) /.test(line));
  return { ok: output.success, output: shown.join("\n").trim() };
}

async function step<T>(title: string, body: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  const before = { passed, failed };
  let result: T | undefined;
  try {
    result = await body();
  } catch (error) {
    record(false, `${title} could not finish`, (error as Error).stack ?? String(error));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${title}: ${passed - before.passed} passed, ${failed - before.failed} failed (${seconds} s)`,
  );
  return result;
}

async function markdownFiles(): Promise<string[]> {
  const files: string[] = [];
  try {
    await Deno.stat(join(KIT_ROOT, "README.md"));
    files.push("README.md");
  } catch {
    // Checked by the static checks' reviewers, not here.
  }
  for await (const entry of Deno.readDir(join(KIT_ROOT, "lessons"))) {
    if (!entry.isDirectory) continue;
    try {
      await Deno.stat(join(KIT_ROOT, "lessons", entry.name, "README.md"));
      files.push(`lessons/${entry.name}/README.md`);
    } catch {
      // A lesson folder without text yet.
    }
  }
  return files.sort();
}

async function exportsOf(path: string): Promise<Map<string, string>> {
  const module = await import(pathToFileURL(path).href);
  const shape = new Map<string, string>();
  for (const [name, value] of Object.entries(module)) {
    shape.set(
      name,
      typeof value === "function" ? `function of ${value.length} parameter(s)` : typeof value,
    );
  }
  return shape;
}

/**
 * Writes, for every solution file, a module with the same exports in which every function throws
 * a RangeError whose message holds every word of the solution file: the submission that would
 * pass any test checking only that bad input is refused (and that the message names it).
 */
async function writeThrowingEdition(solutions: string, out: string, lessons: Lesson[]) {
  for (const lesson of lessons) {
    await Deno.mkdir(join(out, lesson.slug), { recursive: true });
    for await (const entry of Deno.readDir(join(solutions, lesson.slug))) {
      if (!entry.name.endsWith(".ts")) continue;
      const path = join(solutions, lesson.slug, entry.name);
      const words = [...new Set((await Deno.readTextFile(path)).match(/[A-Za-z_]\w*(\[\d+\])?/g))];
      const lines = [
        `const message = ${JSON.stringify(words.join(" "))};`,
        "function refuse(): never {\n  throw new RangeError(message);\n}",
      ];
      for (const [name, value] of Object.entries(await import(pathToFileURL(path).href))) {
        lines.push(
          typeof value === "function"
            ? `export function ${name}(..._args: unknown[]): never {\n  refuse();\n}`
            : `export const ${name} = ${JSON.stringify(value)};`,
        );
      }
      await Deno.writeTextFile(join(out, lesson.slug, entry.name), lines.join("\n") + "\n");
    }
  }
}

/**
 * Writes, for every solution file, a module with the same exports in which every function is a
 * fake of kind `kind` (kit/attacks/fakes.ts) wrapping the reference, which is copied to
 * `<stage>/real/` for them to import.
 */
async function writeFakeEdition(kind: FakeKind, stageRoot: string, lessons: Lesson[]) {
  for (const lesson of lessons) {
    const solutions = join(KIT_ROOT, "solutions", lesson.slug);
    await Deno.mkdir(join(stageRoot, "real", lesson.slug), { recursive: true });
    for await (const entry of Deno.readDir(solutions)) {
      if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const path = join(solutions, entry.name);
      await Deno.copyFile(path, join(stageRoot, "real", lesson.slug, entry.name));
      const lines = [
        `import * as real from "../../real/${lesson.slug}/${entry.name}";`,
        `import { fake } from "../../kit/attacks/fakes.ts";`,
      ];
      for (const [name, value] of Object.entries(await import(pathToFileURL(path).href))) {
        lines.push(
          typeof value === "function"
            ? `export const ${name} = fake(${JSON.stringify(kind)}, real.${name});`
            : `export const ${name} = real.${name};`,
        );
      }
      await Deno.writeTextFile(
        join(stageRoot, "exercises", lesson.slug, entry.name),
        lines.join("\n") + "\n",
      );
    }
  }
}

async function staticChecks(): Promise<void> {
  const fmt = await deno(["fmt", "--check"]);
  record(fmt.ok, "deno fmt --check", fmt.output);
  const lint = await deno(["lint"]);
  record(lint.ok, "deno lint", lint.output);
  const check = await deno(["check", "."]);
  record(check.ok, "deno check .", check.output);
}

/** The unit tests and every `ts` example of the kit, the solutions and `docs` (markdown). */
async function unitTests(docs: string[]): Promise<void> {
  const scratch = await Deno.makeTempDir({ prefix: "kit-selftest-" });
  const junit = join(scratch, "unit.xml");
  const run = await deno([
    "test",
    "--allow-all",
    "--doc",
    "--reporter=dot",
    `--junit-path=${junit}`,
    "kit/",
    "solutions/",
    ...docs,
  ]);
  let reported: ReturnType<typeof parseJUnit> = [];
  try {
    reported = parseJUnit(await Deno.readTextFile(junit));
  } catch {
    // No report: the run did not start (a type error); recorded below.
  }
  for (const test of reported) {
    if (test.skipped) skipped++;
    else record(test.passed, `${test.file} > ${test.name}`, test.message);
  }
  if (!run.ok && reported.every((t) => t.passed)) record(false, "deno test --doc", run.output);
  await Deno.remove(scratch, { recursive: true });
}

async function courseOutline(): Promise<void> {
  const problems = await outlineProblems(KIT_ROOT);
  record(
    problems.length === 0,
    "folders, README headings and exercises match kit/outline.json",
    problems.join("\n"),
  );
}

/** Generated files match the reference code; returns the manifest planned from the solutions. */
async function generatedFiles(lessons: Lesson[]) {
  const stale = await staleFiles(KIT_ROOT, await planSync(KIT_ROOT, lessons));
  record(
    stale.length === 0,
    "stubs, cases, README regions and figures match the reference code",
    stale.map((p) =>
      p.startsWith("exercises/")
        ? `stale: ${p} is generated from solutions/${p.slice("exercises/".length)}: ` +
          "edit the solution (and its markers), then run deno task sync"
        : `stale: ${p} (run deno task sync)`
    ).join("\n"),
  );
  const plan = await planManifest(KIT_ROOT, lessons);
  const staleManifest = await staleFiles(KIT_ROOT, [plan.file]);
  record(
    staleManifest.length === 0,
    "kit/manifest.json lists every graded test",
    "run deno task sync",
  );
  const readme = await staleFiles(KIT_ROOT, [await planReadme(KIT_ROOT, lessons, plan.manifest)]);
  record(readme.length === 0, "the README's course map matches the lessons", "run deno task sync");
  record(
    plan.failures.length === 0,
    "graded tests are well-formed on the solutions",
    plan.failures.join("\n"),
  );
  return plan;
}

async function exercisesMirrorSolutions(lessons: Lesson[]): Promise<void> {
  for (const lesson of lessons) {
    const folder = (root: string) => join(KIT_ROOT, root, lesson.slug);
    const names = async (root: string) =>
      (await Array.fromAsync(Deno.readDir(folder(root))))
        .map((e) => e.name).filter((n) => n.endsWith(".ts") && !n.endsWith("_test.ts")).sort();
    const exercises = await names("exercises");
    const solutions = await names("solutions").catch(() => [] as string[]);
    const same = exercises.join() === solutions.join();
    record(
      same,
      `${lesson.id}: the same files in exercises/ and solutions/`,
      `exercises: ${exercises.join(", ")}\nsolutions: ${solutions.join(", ")}`,
    );
    if (!same) continue;
    for (const file of exercises) {
      const stub = await exportsOf(join(folder("exercises"), file));
      const reference = await exportsOf(join(folder("solutions"), file));
      const describe = (m: Map<string, string>) =>
        [...m].map(([k, v]) => `${k}: ${v}`).sort().join("\n");
      record(
        describe(stub) === describe(reference),
        `${lesson.id}/${file}: the stub exports what the solution does`,
        `stub:\n${describe(stub)}\nsolution:\n${describe(reference)}`,
      );
    }
  }
}

/**
 * Records, for every graded test of every lesson run in `workspace`, whether its outcome is the
 * one wanted (`pass` or not); `name` labels a test in a failure line.
 */
async function recordEveryTest(
  lessons: Lesson[],
  manifest: Manifest,
  workspace: string,
  wanted: (status: string, testName: string) => boolean,
  name: (lesson: Lesson, file: string, test: string) => string,
): Promise<void> {
  for (const lesson of lessons) {
    const result = await scoreLesson(lesson, { workspace, manifest });
    for (const exercise of result.exercises) {
      for (const test of exercise.tests) {
        const ok = wanted(test.status, test.name);
        record(ok, name(lesson, exercise.file, test.name), ok ? undefined : test.message);
      }
    }
  }
}

async function solutionsPass(lessons: Lesson[], manifest: Manifest): Promise<void> {
  const stage = await stageWorkspace({
    kitRoot: KIT_ROOT,
    implementationRoot: join(KIT_ROOT, "solutions"),
    lessons,
  });
  try {
    await recordEveryTest(
      lessons,
      manifest,
      stage.root,
      (status) => status === "pass",
      (lesson, file, test) => `solutions: ${lesson.id}/${file} > ${test}`,
    );
  } finally {
    await stage.dispose();
  }
}

/**
 * What the teacher's grader does (kit/grading/judge.ts): a test that computes with its expected
 * values, or whose cases depend on the answers, fails here.
 */
async function solutionsPassJudgedApart(lessons: Lesson[]): Promise<void> {
  const grader = await prepareGrader({ kitRoot: KIT_ROOT, lessons, memoryMiB: 2048 });
  const [reference] = await findSubmissions([join(KIT_ROOT, "solutions")]);
  const result = await gradeSubmission(grader, reference);
  for (const lesson of result.lessons) {
    for (const exercise of lesson.exercises) {
      for (const test of exercise.tests) {
        record(
          test.status === "pass",
          `judged apart: ${lesson.lesson.id}/${exercise.file} > ${test.name}`,
          test.message,
        );
      }
    }
  }
}

/** Records, for every graded test of every lesson run in `workspace`, that it did not pass. */
async function expectEveryTestFails(
  lessons: Lesson[],
  manifest: Manifest,
  workspace: string,
  label: string,
  why: string,
): Promise<void> {
  await recordEveryTest(
    lessons,
    manifest,
    workspace,
    (status) => status !== "pass",
    (lesson, file, test) => `${label}: ${lesson.id}/${file} > ${test} ${why}`,
  );
}

async function throwingFails(lessons: Lesson[], manifest: Manifest): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "kit-selftest-throwing-" });
  try {
    await writeThrowingEdition(join(KIT_ROOT, "solutions"), root, lessons);
    const stage = await stageWorkspace({ kitRoot: KIT_ROOT, implementationRoot: root, lessons });
    try {
      await expectEveryTestFails(
        lessons,
        manifest,
        stage.root,
        "throwing",
        "passes for a function that throws on every input",
      );
    } finally {
      await stage.dispose();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function fakesFail(lessons: Lesson[], manifest: Manifest): Promise<void> {
  for (const kind of FAKE_KINDS) {
    const stage = await stageWorkspace({
      kitRoot: KIT_ROOT,
      implementationRoot: join(KIT_ROOT, "solutions"),
      lessons,
    });
    try {
      await writeFakeEdition(kind, stage.root, lessons);
      await recordEveryTest(
        lessons,
        manifest,
        stage.root,
        (status, test) => status !== "pass" || FAKE_EXCEPTIONS[`${kind} ${test}`] !== undefined,
        (lesson, file, test) =>
          `fake ${kind}: ${lesson.id}/${file} > ${test} passes for a ${kind} fake`,
      );
    } finally {
      await stage.dispose();
    }
  }
}

const USAGE = `usage: deno task test

Runs the kit's own suite (see kit/cli/selftest.ts); the last line is "N passed, N failed".`;

const main = withUsage("selftest", USAGE, async (args) => {
  parseCommandLine(args, {}, false);
  // The graded processes are sandboxed (`--cached-only`): what they load is fetched here first.
  await cacheModules(KIT_ROOT);
  const lessons = await listLessons(KIT_ROOT);
  const docs = await markdownFiles();
  await step("static checks", staticChecks);
  await step("unit tests and documentation examples", () => unitTests(docs));
  await step("course outline", courseOutline);
  const plan = await step("generated files", () => generatedFiles(lessons));
  await step("exercises mirror solutions", () => exercisesMirrorSolutions(lessons));
  const manifest = plan?.manifest ?? await loadManifest(KIT_ROOT);
  await step("graded tests pass on solutions/", () => solutionsPass(lessons, manifest));
  await step(
    "graded tests pass on solutions/ judged out of the student's process",
    () => solutionsPassJudgedApart(lessons),
  );
  await step("graded tests fail on the untouched stubs", () =>
    expectEveryTestFails(
      lessons,
      manifest,
      KIT_ROOT,
      "stubs",
      "passes on the stub: it grades nothing",
    ));
  await step(
    "graded tests fail when every function throws",
    () => throwingFails(lessons, manifest),
  );
  await step(
    "graded tests fail on no-op, constant, echo and empty fakes",
    () => fakesFail(lessons, manifest),
  );
  console.log(`\nchecked ${lessons.length} lesson(s) in ${relative(Deno.cwd(), KIT_ROOT) || "."}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed === 0 ? 0 : 1;
});

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.log(`selftest could not finish: ${(error as Error).stack ?? error}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    Deno.exit(1);
  }
}

/**
 * The grader's side of judging out of the student's reach (see judge.ts): the reference run
 * that finds the expected values in the cases, the redacted cases a student's run gets, and the
 * verdicts on what that run observed.
 *
 * @module
 */

import { join } from "node:path";
import type { Lesson } from "../course/lessons.ts";
import type { Manifest } from "../course/manifest.ts";
import type { FileRun, ProgressLine } from "./run.ts";
import { type LessonResult, scoreLessons } from "./score.ts";
import { stageWorkspace } from "./stage.ts";
import {
  judgeObserved,
  leakedExpected,
  type Observation,
  redactCases,
  shownOnlyValues,
} from "./judge.ts";

/** What the reference run found: per cases file, its expected and input paths; per test, its cases. */
export interface Discovery {
  /** Cases file name (`03-lr-schedules.json`) → the paths (JSON arrays of keys) a student's
   * run keeps: read by the code under test (`inputs`), read by a test to make a case (`made`),
   * among those read from the case's own expected value (`same`), see graded.ts. */
  cases: Map<string, CasePaths>;
  /** Cases file name → its redacted text for students' runs (see {@link checkRedaction}). */
  redacted?: Map<string, string>;
  /** Test name → its cases as the reference run made them (kind, input, expected, tolerance). */
  reference: Map<string, Observation[]>;
  /** Test name → its hint, from the test file as the reference run read it. */
  hints: Map<string, string>;
  /** Test name → its time limit, ms, as the teacher's test declares it (for the watchdog). */
  limits: Map<string, number>;
  /** Where the cases with the real expected values are: the kit's, or held-out ones. */
  casesDir: string;
  /** Tests whose cases are held out: no input or value of theirs may appear in a report. */
  heldOutTests: Set<string>;
  /** Problems of the reference run (a test that failed on the solutions, say). */
  problems: string[];
}

/** The paths of one cases file a student's run keeps (see {@link Discovery}). */
export interface CasePaths {
  inputs: Set<string>;
  made: Set<string>;
  same: Set<string>;
}

/** The cases import of a test file, rewritten for the reference run to a tracking module. */
const CASES_IMPORT =
  /(["'])((?:\.\.\/)+kit\/cases\/)([\w.-]+)\.json\1\s*with\s*\{\s*type:\s*["']json["']\s*\}/g;

/**
 * Runs the graded tests on the teacher's `solutions/` with tracked cases and reports which parts
 * of each cases file the tests use as expected values.
 * The example is not run: it runs the reference solutions of the lessons (the grading tests use
 * the fixture kit).
 *
 * @example
 * ```ts ignore
 * const discovery = await discoverExpected(kitRoot, lessons, manifest);
 * assert.deepEqual(discovery.problems, []);
 * ```
 */
export async function discoverExpected(
  kitRoot: string,
  lessons: Lesson[],
  manifest: Manifest,
  heldOutDir?: string,
): Promise<Discovery> {
  const discovery = await discoverEither(kitRoot, lessons, manifest, heldOutDir);
  await checkRedaction(discovery);
  return discovery;
}

async function discoverEither(
  kitRoot: string,
  lessons: Lesson[],
  manifest: Manifest,
  heldOutDir?: string,
): Promise<Discovery> {
  const publicDir = join(kitRoot, "kit", "cases");
  if (!heldOutDir) return await discoverWith(kitRoot, lessons, manifest, publicDir, new Set());
  // Held-out cases for every lesson whose tests all pass on the solutions with them; a lesson
  // whose generator draws something its tests cannot take keeps its public cases (as does a
  // cases file no generator wrote).
  for await (const entry of Deno.readDir(publicDir)) {
    const target = join(heldOutDir, entry.name);
    if (!(await Deno.lstat(target).catch(() => null))) {
      await Deno.copyFile(join(publicDir, entry.name), target);
    }
  }
  const first = await discoverWith(kitRoot, lessons, manifest, heldOutDir, new Set());
  const failing = new Set(first.failingLessons);
  if (failing.size === 0) return first;
  for (const slug of failing) {
    await Deno.copyFile(join(publicDir, `${slug}.json`), join(heldOutDir, `${slug}.json`))
      .catch(() => {});
  }
  const heldOut = new Set(lessons.map((l) => l.slug).filter((slug) => !failing.has(slug)));
  const second = await discoverWith(kitRoot, lessons, manifest, heldOutDir, heldOut);
  second.problems.push(
    ...[...failing].map((slug) =>
      `${slug}: graded with its public cases (a test failed on the solutions with held-out ones)`
    ),
  );
  return second;
}

async function discoverWith(
  kitRoot: string,
  lessons: Lesson[],
  manifest: Manifest,
  casesSource: string,
  heldOutLessons: Set<string> | undefined,
): Promise<Discovery & { failingLessons: string[] }> {
  const isHeldOut = casesSource !== join(kitRoot, "kit", "cases");
  const heldOut = heldOutLessons?.size
    ? heldOutLessons
    : isHeldOut
    ? new Set(lessons.map((l) => l.slug))
    : new Set<string>();
  const discovery: Discovery & { failingLessons: string[] } = {
    cases: new Map(),
    reference: new Map(),
    hints: new Map(),
    limits: new Map(),
    problems: [],
    casesDir: casesSource,
    heldOutTests: new Set(),
    failingLessons: [],
  };
  for (const slug of heldOut) {
    for (const tests of Object.values(manifest[slug] ?? {})) {
      for (const test of tests) discovery.heldOutTests.add(test.name);
    }
  }
  const stage = await stageWorkspace({
    kitRoot,
    implementationRoot: join(kitRoot, "solutions"),
    lessons,
    // The solutions and, with held-out cases, their expected values: gone on an interrupt.
    removeOnInterrupt: true,
  });
  try {
    const casesDir = join(stage.root, "kit", "cases");
    if (isHeldOut) {
      for await (const entry of Deno.readDir(casesSource)) {
        await Deno.copyFile(join(casesSource, entry.name), join(casesDir, entry.name));
      }
    }
    await trackCaseImports(stage.root, lessons);
    const onProgress = (progress: ProgressLine) => recordDiscovery(discovery, progress);
    const results = await scoreLessons(lessons, {
      workspace: stage.root,
      manifest,
      lessonTimeoutMs: 600_000,
      discover: true,
      // Held-out cases: their expected values come from the solutions run here, since the
      // generator drew any string-seeded computation from another stream.
      referenceAnswers: isHeldOut,
      onProgress,
    });
    recordFailures(discovery, lessons, results);
  } finally {
    await stage.dispose();
  }
  return discovery;
}

/**
 * Points the staged test files' case imports at tracking wrappers (`NAME.tracked.ts`), which
 * report which parts of each case the tests read as inputs and which they compare.
 */
async function trackCaseImports(root: string, lessons: Lesson[]): Promise<void> {
  const casesDir = join(root, "kit", "cases");
  const tracked = new Set<string>();
  for (const lesson of lessons) {
    for (const testFile of lesson.testFiles) {
      const path = join(root, "exercises", lesson.slug, testFile);
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(
        path,
        text.replace(CASES_IMPORT, (_, quote, folder, name) => {
          tracked.add(name);
          return `${quote}${folder}${name}.tracked.ts${quote}`;
        }),
      );
    }
  }
  for (const name of tracked) {
    await Deno.writeTextFile(
      join(casesDir, `${name}.tracked.ts`),
      `import { trackCases } from "../testkit/graded.ts";\n` +
        `import data from "./${name}.json" with { type: "json" };\n` +
        `export default trackCases(${JSON.stringify(`${name}.json`)}, data);\n`,
    );
  }
}

/** Records what one progress line of the reference run discovered. */
function recordDiscovery(discovery: Discovery, progress: ProgressLine): void {
  const data = progress.data;
  if (progress.kind === "cases" && data && typeof data.file === "string") {
    const entry = discovery.cases.get(data.file) ??
      { inputs: new Set(), made: new Set(), same: new Set() };
    for (const key of ["inputs", "made", "same"] as const) {
      for (const p of Array.isArray(data[key]) ? data[key] : []) entry[key].add(String(p));
    }
    discovery.cases.set(data.file, entry);
  } else if (progress.kind === "test" && progress.name && progress.timeoutMs! > 0) {
    discovery.limits.set(progress.name, Math.min(progress.timeoutMs!, 600_000));
  } else if (progress.kind === "reference" && data && typeof data.name === "string") {
    discovery.reference.set(data.name, Array.isArray(data.cases) ? data.cases : []);
    if (typeof data.hint === "string") discovery.hints.set(data.name, data.hint);
  }
}

/** Records each test that failed on the solutions, and its lesson. */
function recordFailures(
  discovery: Discovery & { failingLessons: string[] },
  lessons: Lesson[],
  results: LessonResult[],
): void {
  for (const [i, lesson] of lessons.entries()) {
    for (const exercise of results[i].exercises) {
      for (const test of exercise.tests) {
        if (test.status !== "pass") {
          discovery.problems.push(
            `${lesson.id}/${exercise.file} › ${test.name} fails on the solutions`,
          );
          if (!discovery.failingLessons.includes(lesson.slug)) {
            discovery.failingLessons.push(lesson.slug);
          }
        }
      }
    }
  }
}

/**
 * The grading set-up's self-check: redacts every cases file the reference run saw (keeping the
 * text for {@link stageRedactedCases}) and fails when an expected value of the reference is
 * still readable in what a student's run gets.
 * The example is not run: it needs a reference run's discovery (see held_out_test.ts).
 *
 * @example
 * ```ts ignore
 * await assert.rejects(checkRedaction(discovery), /would show students expected values/);
 * ```
 */
export async function checkRedaction(discovery: Discovery): Promise<void> {
  const redacted = new Map<string, string>();
  const files = [];
  for (const [file, found] of discovery.cases) {
    let data: unknown;
    try {
      data = JSON.parse(await Deno.readTextFile(join(discovery.casesDir, file)));
    } catch {
      continue;
    }
    const copy = redactCases(data, [...found.inputs, ...found.made]);
    redacted.set(file, JSON.stringify(copy));
    files.push({ file, data: copy, ...found });
  }
  const leaks = leakedExpected(discovery.reference, shownOnlyValues(files));
  if (leaks.length) {
    throw new Error(
      `grading set-up: the redacted cases would show students expected values (a fault of ` +
        `the redaction: see kit/grading/judge.ts):\n  ` +
        leaks.slice(0, 10).join("\n  "),
    );
  }
  discovery.redacted = redacted;
}

/**
 * Replaces, in a staged workspace, every `kit/cases/*.json` by its redacted version (only what
 * the reference run needed kept, see judge.ts); cases files the reference run did not see are
 * left out.
 * The example is not run: it needs a staged workspace and a reference run's discovery (see
 * grade_test.ts).
 *
 * @example
 * ```ts ignore
 * await stageRedactedCases(stage.root, discovery);
 * assert.ok((await Deno.stat(join(stage.root, "kit", "cases"))).isDirectory);
 * ```
 */
export async function stageRedactedCases(workspace: string, discovery: Discovery): Promise<void> {
  const casesDir = join(workspace, "kit", "cases");
  await Deno.mkdir(casesDir, { recursive: true });
  for await (const entry of Deno.readDir(casesDir)) {
    // A staged copy the reference run did not see goes; a hard link to the teacher's file is
    // removed, never written through.
    await Deno.remove(join(casesDir, entry.name), { recursive: true });
  }
  // Made once by the set-up's self-check (the held-out folder is gone by now).
  for (const [name, text] of discovery.redacted ?? []) {
    await Deno.writeTextFile(join(casesDir, name), text, { createNew: true });
  }
}

/**
 * Turns an observed run's reports into verdicts: each reported test passes only when the
 * grader finds every answer right against the reference cases of that test.
 * The example is not run: it needs a reference run's discovery (see grade_test.ts).
 *
 * @example
 * ```ts ignore
 * const judged = judgeRun(run, discovery);
 * assert.equal(judged.printed, undefined); // the learner's output is not kept
 * ```
 */
export function judgeRun(run: FileRun, discovery: Discovery): FileRun {
  // Held-out cases stay out of every report: no input, value or learner output of theirs.
  const hidden = (name: string) =>
    `failed on a held-out case (the grade of record draws its own cases; ` +
    `\`deno task check\` shows the public ones)\nhint:     ${discovery.hints.get(name) ?? ""}`;
  return {
    ...run,
    // What the learner's code printed is not the grader's to keep.
    printed: undefined,
    events: run.events?.map((e) =>
      e.name !== undefined && discovery.heldOutTests.has(e.name) ? { ...e, input: undefined } : e
    ),
    tests: run.tests.map((test) => {
      const reference = discovery.reference.get(test.name);
      const observed = (run.events ?? []).filter((e) =>
        e.kind === "observed" && e.data?.name === test.name
      );
      const verdict = !reference
        ? { passed: false, message: "no reference cases for this test" }
        : observed.length !== 1
        ? {
          passed: false,
          message: observed.length
            ? "the test's answers were reported more than once: not counted"
            : test.message ?? "the test reported no answers",
        }
        : judgeObserved(observed[0].data, reference);
      const message = !verdict.passed && discovery.heldOutTests.has(test.name)
        ? hidden(test.name)
        : verdict.message;
      return { ...test, passed: verdict.passed, message };
    }),
  };
}

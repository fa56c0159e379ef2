/**
 * Scoring: running a lesson's graded test files and turning the runtime's reports into points.
 *
 * @module
 */

import { join } from "node:path";
import { formatInput } from "../testkit/describe.ts";
import { exerciseOf, type Lesson } from "../course/lessons.ts";
import { type DeclaredTest, type Manifest, pointsInName } from "../course/manifest.ts";
import { type FileRun, type ProcessLimits, type ProgressLine, runTestFiles } from "./run.ts";

/** The outcome of one graded test. */
export interface TestOutcome {
  /** The test's full name, points suffix included. */
  name: string;
  /** Points it is worth. */
  points: number;
  /** Points earned: all or nothing. */
  earned: number;
  /** `pass`; `fail` (an assertion); `error` (the file did not load); `timeout`. */
  status: "pass" | "fail" | "error" | "timeout";
  /** Why it did not pass. */
  message?: string;
}

/** The outcome of one exercise file. */
export interface ExerciseResult {
  /** The exercise file, e.g. `"decays.ts"`. */
  file: string;
  /** Its test file, e.g. `"decays_test.ts"`. */
  testFile: string;
  /** Every graded test of the file. */
  tests: TestOutcome[];
  /** Points earned. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** Why no test of the file could run, when none could. */
  problem?: string;
  /** Notes for the kit's authors, e.g. a test missing from the manifest. */
  warnings: string[];
  /** Wall time of the file's process in milliseconds. */
  durationMs: number;
  /** What the file's code printed (bounded), learner `console.log` included. */
  printed?: string;
  /** Failed array answers with both arrays, for a plot (traced runs only). */
  plots?: ProgressLine[];
}

/** The outcome of one lesson. */
export interface LessonResult {
  /** The lesson. */
  lesson: Lesson;
  /** One result per exercise file, in file order. */
  exercises: ExerciseResult[];
  /** Points earned. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** Wall time in milliseconds. */
  durationMs: number;
}

/** Limits and placement of a lesson's run. */
export interface ScoreOptions {
  /** The workspace whose `exercises/` hold the tests and the code under test. */
  workspace: string;
  /** The declared graded tests. A file missing from it is scored from the names reported. */
  manifest: Manifest;
  /** Wall-clock limit of one lesson (default 180 s); lessons run together share their limits. */
  lessonTimeoutMs?: number;
  /** Test files run at once (default: the number of CPUs, at most 4). */
  concurrency?: number;
  /** The test processes' sandbox (the grader's permissions, memory cap and denials). */
  limits?: ProcessLimits;
  /** The learner's check: trace inputs and plot failed arrays. */
  trace?: boolean;
  /** Called with each progress line of the test processes. */
  onProgress?: (progress: ProgressLine) => void;
  /** Stops the run. */
  signal?: AbortSignal;
  /** A graded run: answers are observed in the test process and judged by `judge`. */
  observe?: boolean;
  /** The grader's reference run (see judge.ts). */
  discover?: boolean;
  /** Each graded test's limit, ms, as the reference run found it (the watchdog's, watch.ts). */
  testLimitMs?: (testName: string) => number | undefined;
  /** The reference run of held-out cases: the solutions' answers are the expected values. */
  referenceAnswers?: boolean;
  /** Turns an observed run's reports into verdicts (see judge.ts). */
  judge?: (testFile: string, run: FileRun) => FileRun;
  /**
   * Why a test file must not run (its imports were refused, say), or undefined to run it. A
   * refused file scores like one that does not load, with this reason.
   */
  refuse?: (testFile: string, lesson: Lesson) => string | undefined;
}

/**
 * Scores one test file's run against its declared tests.
 *
 * A declared test earns its points only when the runtime reported it exactly once, as passed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scoreFile } from "./score.ts";
 * const result = scoreFile("a_test.ts", [{ name: "a [2 pts]", points: 2 }], {
 *   tests: [{ name: "a [2 pts]", file: "./a_test.ts", passed: true }],
 *   timedOut: false,
 *   durationMs: 90,
 * });
 * assert.equal(result.score, 2);
 * assert.equal(result.maxScore, 2);
 * ```
 */
export function scoreFile(
  testFile: string,
  declared: DeclaredTest[] | undefined,
  run: FileRun,
  timeoutMs = 0,
): ExerciseResult {
  const warnings: string[] = [];
  let expected = declared;
  if (!expected) {
    expected = run.tests.filter((t) => pointsInName(t.name) !== undefined)
      .map((t) => ({ name: t.name, points: pointsInName(t.name)! }));
    if (run.tests.length) {
      warnings.push(`${testFile} is not in kit/manifest.json: run \`deno task sync\``);
    }
  } else {
    for (const reported of run.tests) {
      if (!expected.some((t) => t.name === reported.name)) {
        warnings.push(`"${reported.name}" is not in kit/manifest.json: run \`deno task sync\``);
      }
    }
  }
  const problem = run.timedOut
    ? `timed out: ${
      run.timeoutDetail ??
        `the tests did not finish within ${Math.round(timeoutMs / 1000)} s (an endless loop?)`
    }`
    : run.loadError;
  const tests = expected.map((test): TestOutcome => {
    const base = { name: test.name, points: test.points, earned: 0 };
    if (run.timedOut) return { ...base, status: "timeout", message: problem };
    if (run.loadError) return { ...base, status: "error", message: run.loadError };
    const reports = run.tests.filter((t) => t.name === test.name);
    if (reports.length === 0) {
      return { ...base, status: "fail", message: "the runtime did not report this test" };
    }
    if (reports.length > 1) {
      return { ...base, status: "fail", message: "reported more than once: not counted" };
    }
    if (!reports[0].passed) {
      const message = cleanMessage(reports[0].message);
      const stalled = run.events?.find((e) => e.kind === "timeout" && e.name === test.name);
      if (stalled && /^timed out after/.test(message)) {
        return {
          ...base,
          status: "timeout",
          message: stalled.input ? `${message}\ninput:    ${formatInput(stalled.input)}` : message,
        };
      }
      return { ...base, status: "fail", message };
    }
    return { ...base, status: "pass", earned: test.points };
  });
  return {
    file: exerciseOf(testFile),
    testFile,
    tests,
    score: tests.reduce((sum, t) => sum + t.earned, 0),
    maxScore: tests.reduce((sum, t) => sum + t.points, 0),
    problem,
    warnings,
    durationMs: run.durationMs,
    printed: run.printed,
    plots: run.events?.filter((e) => e.kind === "plot"),
  };
}

/**
 * Strips the runtime's prefixes ("Uncaught", the error class) from a failure message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cleanMessage } from "./score.ts";
 * assert.equal(cleanMessage("Uncaught GradedFailure: input: f(1)"), "input: f(1)");
 * ```
 */
export function cleanMessage(message: string | undefined): string {
  if (!message) return "failed";
  return message.replace(/^Uncaught (\(in promise\) )?/, "").replace(/^GradedFailure: /, "")
    .replace(
      /^Timed out after (\d+)ms$/,
      (_, ms) => `timed out after ${Number(ms) / 1000} s (an endless loop?)`,
    ).trim();
}

/**
 * Runs `tasks` with at most `limit` in flight, keeping results in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapConcurrent } from "./score.ts";
 * assert.deepEqual(await mapConcurrent([1, 2, 3], 2, async (x) => x * 2), [2, 4, 6]);
 * ```
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Runs every graded test file of `lesson` in `options.workspace` and scores it (see
 * {@link scoreLessons}).
 * The example is not run: it starts `deno test` processes on a kit workspace (the grading tests
 * score the fixture kit).
 *
 * @example
 * ```ts ignore
 * const result = await scoreLesson(lesson, { workspace: kitRoot, manifest });
 * assert.equal(result.score, result.exercises.reduce((sum, e) => sum + e.score, 0));
 * ```
 */
export async function scoreLesson(lesson: Lesson, options: ScoreOptions): Promise<LessonResult> {
  return (await scoreLessons([lesson], options))[0];
}

/**
 * Runs every graded test file of `lessons` in `options.workspace` and scores them. Files whose
 * tests the manifest declares (under names no other file uses) run together in one process, so a
 * student's whole course costs one test process; any other file runs in a process of its own,
 * since only the manifest tells which file a reported test belongs to. `lessonTimeoutMs` is per
 * lesson: the processes share `lessons.length` times it.
 * The example is not run: it starts `deno test` processes on a kit workspace (the grading tests
 * score the fixture kit).
 *
 * @example
 * ```ts ignore
 * const results = await scoreLessons(lessons, { workspace: kitRoot, manifest });
 * assert.equal(results.length, lessons.length);
 * ```
 */
export async function scoreLessons(
  lessons: Lesson[],
  options: ScoreOptions,
): Promise<LessonResult[]> {
  const lessonTimeoutMs = options.lessonTimeoutMs ?? 180_000;
  const budgetMs = lessonTimeoutMs * lessons.length;
  const started = performance.now();
  const concurrency = options.concurrency ?? Math.min(4, navigator.hardwareConcurrency || 2);
  const declaredOf = (lesson: Lesson, testFile: string) =>
    options.manifest[lesson.slug]?.[testFile];
  const { refusals, owners, testsByFile, groups } = planRuns(lessons, options);
  const runs: Record<string, FileRun> = {};
  await mapConcurrent(groups, concurrency, async (files, index) => {
    const scratchDir = options.limits?.scratchDir;
    Object.assign(
      runs,
      await runTestFiles({
        workspace: options.workspace,
        folder: "exercises",
        testFiles: files,
        ownerOf: (name) => owners.get(name),
        testsOf: (file) => testsByFile.get(file),
        testLimitMs: options.testLimitMs,
        timeoutMs: Math.max(0, budgetMs - (performance.now() - started)),
        ...options.limits,
        // One folder per group: groups run at once.
        scratchDir: scratchDir ? join(scratchDir, String(index)) : undefined,
        trace: options.trace,
        onProgress: options.onProgress,
        signal: options.signal,
        observe: options.observe,
        discover: options.discover,
        referenceAnswers: options.referenceAnswers,
      }),
    );
  });
  const durationMs = performance.now() - started;
  return lessons.map((lesson) => {
    const exercises = lesson.testFiles.map((testFile) => {
      const file = fileKey(lesson, testFile);
      const refusal = refusals.get(file);
      const run: FileRun = refusal !== undefined
        ? { tests: [], loadError: refusal, timedOut: false, durationMs: 0 }
        : runs[file] ?? { tests: [], timedOut: true, durationMs: 0 };
      const judged = options.judge ? options.judge(testFile, run) : run;
      return scoreFile(testFile, declaredOf(lesson, testFile), judged, budgetMs);
    });
    return {
      lesson,
      exercises,
      score: exercises.reduce((sum, e) => sum + e.score, 0),
      maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
      durationMs,
    };
  });
}

/** A test file as a path under exercises/: "03-lr-schedules/decays_test.ts". */
function fileKey(lesson: Lesson, testFile: string): string {
  return `${lesson.slug}/${testFile}`;
}

/** Which files run, in which groups, and which test each file declares. */
interface RunPlan {
  /** Files the caller refused, with the reason shown. */
  refusals: Map<string, string>;
  /** The file declaring each test name. */
  owners: Map<string, string>;
  /** The tests each file declares. */
  testsByFile: Map<string, Set<string>>;
  /** Files run in one process each group. */
  groups: string[][];
}

/**
 * Groups the lessons' test files: the files whose tests the manifest declares, each name in one
 * file only, run together; any other file runs alone (its tests cannot be told apart).
 */
function planRuns(lessons: Lesson[], options: ScoreOptions): RunPlan {
  const refusals = new Map<string, string>();
  const runnable: string[] = [];
  const owners = new Map<string, string>();
  const shared = new Set<string>();
  const declaredFiles = new Set<string>();
  const testsByFile = new Map<string, Set<string>>();
  for (const lesson of lessons) {
    for (const testFile of lesson.testFiles) {
      const file = fileKey(lesson, testFile);
      const refusal = options.refuse?.(testFile, lesson);
      if (refusal !== undefined) {
        refusals.set(file, refusal);
        continue;
      }
      runnable.push(file);
      const declared = options.manifest[lesson.slug]?.[testFile];
      if (declared) {
        declaredFiles.add(file);
        testsByFile.set(file, new Set(declared.map((test) => test.name)));
      }
      for (const test of declared ?? []) {
        if (owners.has(test.name)) shared.add(owners.get(test.name)!).add(file);
        owners.set(test.name, file);
      }
    }
  }
  const together = runnable.filter((file) => declaredFiles.has(file) && !shared.has(file));
  const alone = runnable.filter((file) => !together.includes(file));
  const groups = [...(together.length ? [together] : []), ...alone.map((file) => [file])];
  return { refusals, owners, testsByFile, groups };
}

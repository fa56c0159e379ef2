/**
 * Grading a class: finding the submissions, grading each in a sandbox with the teacher's tests,
 * and keeping a per-student result file so an interrupted run resumes where it stopped.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { type Lesson, listLessons } from "./lessons.ts";
import { type DeclaredTest, loadManifest, type Manifest, pointsInName } from "./manifest.ts";
import { runTestFile } from "./run.ts";
import { type LessonResult, mapConcurrent, scoreFile, scoreLessons } from "./score.ts";
import { stageWorkspace } from "./stage.ts";
import { DEFAULT_MEMORY_MIB, memoryWrapper, SANDBOX_FLAGS, vetImports } from "./sandbox.ts";
import { writeTextFileAtomic } from "./files.ts";
import { discoverExpected, type Discovery, judgeRun, stageRedactedCases } from "./trusted.ts";
import {
  type Inspection,
  inspectSubmission,
  readAccepted,
  type Submission,
} from "./submissions.ts";

export { findSubmissions, safeName, type Submission } from "./submissions.ts";

/** Default wall-clock limit of one lesson of one student, in seconds. */
export const DEFAULT_LESSON_TIMEOUT_S = 120;

/** One student's grading. */
export interface StudentResult {
  /** The student's name. */
  student: string;
  /** The submission folder. */
  source: string;
  /** One result per lesson graded. */
  lessons: LessonResult[];
  /** Points earned over every lesson. */
  score: number;
  /** Points available. */
  maxScore: number;
  /** Notes on the submission: refused files, a missing exercises/ folder. */
  notes: string[];
  /** The key of the submission and grading setup this result belongs to. */
  key: string;
}

/** How to grade. */
export interface GradeOptions {
  /** The teacher's copy of the kit: tests, helpers, configuration, data, manifest. */
  kitRoot: string;
  /** The lessons to grade (default: every lesson of the teacher's copy). */
  lessons?: Lesson[];
  /** Wall-clock limit of one lesson of one student, ms (default {@link DEFAULT_LESSON_TIMEOUT_S}). */
  lessonTimeoutMs?: number;
  /** Memory cap of one test process, MiB (default {@link DEFAULT_MEMORY_MIB}). */
  memoryMiB?: number;
  /** Test files run at once (default: the CPUs, at most 4). */
  concurrency?: number;
  /** Where per-student results go, for resuming (default: none kept). */
  resultsDir?: string;
  /** Called with progress lines. */
  log?: (line: string) => void;
}

async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch {
    return null;
  }
}

async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function hashTree(
  folder: string,
  skip: (relativePath: string) => boolean,
): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch {
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (skip(rel)) continue;
      if (entry.isDirectory) await walk(join(dir, entry.name), rel);
      else if (entry.isFile) {
        lines.push(`${rel} ${await sha256(await Deno.readFile(join(dir, entry.name)))}`);
      }
    }
  };
  await walk(folder, "");
  return lines;
}

/**
 * A fingerprint of everything of the teacher's copy that grading depends on: the kit's code,
 * configuration, data, the graded test files and the manifest, plus the grading limits.
 *
 * @example
 * ```ts ignore
 * const version = await kitVersion(kitRoot, lessons, "120000/2048");
 * ```
 */
export async function kitVersion(
  kitRoot: string,
  lessons: Lesson[],
  settings: string,
): Promise<string> {
  const lines = [`settings ${settings}`, `deno ${Deno.version.deno}`];
  for (const file of ["deno.json", "deno.lock"]) {
    const bytes = await Deno.readFile(join(kitRoot, file)).catch(() => new Uint8Array());
    lines.push(`${file} ${await sha256(bytes)}`);
  }
  lines.push(
    ...(await hashTree(join(kitRoot, "kit"), (rel) => rel === "grading/testdata")).map((l) =>
      `kit/${l}`
    ),
  );
  lines.push(...(await hashTree(join(kitRoot, "data"), () => false)).map((l) => `data/${l}`));
  for (const lesson of lessons) {
    for (const testFile of lesson.testFiles) {
      const bytes = await Deno.readFile(join(kitRoot, "exercises", lesson.slug, testFile));
      lines.push(`exercises/${lesson.slug}/${testFile} ${await sha256(bytes)}`);
    }
  }
  return await sha256(lines.join("\n"));
}

/** A fingerprint of what an inspection accepted and refused, reading only accepted files. */
async function submissionHash(inspection: Inspection): Promise<string> {
  const lines = [
    `problem ${inspection.problem ?? ""}`,
    ...inspection.refused.map((r) => `refused ${r}`),
  ];
  for (const file of inspection.files) {
    const bytes = await readAccepted(file, file.size).catch(() => new Uint8Array());
    lines.push(`${file.slug}/${file.name} ${await sha256(bytes)}`);
  }
  return await sha256(lines.join("\n"));
}

/**
 * The graded tests of each test file, as the teacher's copy declares them: from
 * `kit/manifest.json`, and for a test file the manifest does not list, from a run of the
 * teacher's own code (`solutions/`, or else the stubs of `exercises/`). Only these names can
 * earn points; a name a submission registers itself is ignored.
 *
 * @example
 * ```ts ignore
 * const declared = await declaredTests(kitRoot, lessons);
 * console.log(declared["01-demo"]["half_test.ts"]); // [{ name: "half: even numbers [1 pt]", points: 1 }]
 * ```
 */
export async function declaredTests(
  kitRoot: string,
  lessons: Lesson[],
  log: (line: string) => void = () => {},
): Promise<Manifest> {
  const manifest = await loadManifest(kitRoot);
  const declared: Manifest = {};
  const missing: { lesson: Lesson; testFile: string }[] = [];
  for (const lesson of lessons) {
    declared[lesson.slug] = {};
    for (const testFile of lesson.testFiles) {
      const listed = manifest[lesson.slug]?.[testFile];
      if (listed) declared[lesson.slug][testFile] = listed;
      else missing.push({ lesson, testFile });
    }
  }
  if (missing.length === 0) return declared;
  const solutions = join(kitRoot, "solutions");
  const reference = (await lstatOrNull(solutions))?.isDirectory
    ? solutions
    : join(kitRoot, "exercises");
  log(
    `note: ${missing.length} test file(s) not in kit/manifest.json; their test list comes from a run of ${reference}`,
  );
  const stage = await stageWorkspace({ kitRoot, implementationRoot: reference, lessons });
  try {
    await mapConcurrent(missing, 2, async ({ lesson, testFile }) => {
      const run = await runTestFile({
        workspace: stage.root,
        testFile: join("exercises", lesson.slug, testFile),
        timeoutMs: 120_000,
      });
      const tests: DeclaredTest[] = [];
      for (const test of run.tests) {
        const points = pointsInName(test.name);
        if (points !== undefined && !tests.some((t) => t.name === test.name)) {
          tests.push({ name: test.name, points });
        }
      }
      if (tests.length === 0) {
        log(`warning: ${lesson.slug}/${testFile} reported no graded test on ${reference}`);
      }
      declared[lesson.slug][testFile] = tests;
    });
  } finally {
    await stage.dispose();
  }
  // In file order, whatever order the runs finished in: the kit's fingerprint depends on it.
  const ordered: Manifest = {};
  for (const lesson of lessons) {
    ordered[lesson.slug] = {};
    for (const testFile of lesson.testFiles) {
      ordered[lesson.slug][testFile] = declared[lesson.slug][testFile];
    }
  }
  return ordered;
}

/** The fixed parts of grading a class, computed once. */
export interface Grader {
  /** The teacher's copy. */
  kitRoot: string;
  /** Every lesson of the teacher's copy (all are staged, so lessons may build on each other). */
  allLessons: Lesson[];
  /** The lessons graded. */
  lessons: Lesson[];
  /** The graded tests per lesson and file. */
  declared: Manifest;
  /** The fingerprint of the teacher's copy and the settings. */
  version: string;
  /** Wall-clock limit of one lesson, ms. */
  lessonTimeoutMs: number;
  /** Memory cap, MiB. */
  memoryMiB: number;
  /** Command wrapper for the memory cap. */
  wrapper: string[];
  /** Test files run at once. */
  concurrency: number;
  /** Where per-student results are kept. */
  resultsDir?: string;
  /** Progress lines. */
  log: (line: string) => void;
  /**
   * What the reference run on the teacher's solutions found; when present, expected values are
   * kept out of students' runs and judged here (see judge.ts). Absent without `solutions/`.
   */
  discovery?: Discovery;
}

/**
 * Prepares grading: lists the lessons, the declared tests, the kit's fingerprint, and makes sure
 * the npm packages the kit's own helpers use are cached (graded runs may not download anything).
 *
 * @example
 * ```ts ignore
 * const grader = await prepareGrader({ kitRoot: Deno.cwd() });
 * ```
 */
export async function prepareGrader(options: GradeOptions): Promise<Grader> {
  const kitRoot = resolve(options.kitRoot);
  const log = options.log ?? (() => {});
  const allLessons = await listLessons(kitRoot);
  const lessons = options.lessons ?? allLessons;
  const lessonTimeoutMs = options.lessonTimeoutMs ?? DEFAULT_LESSON_TIMEOUT_S * 1000;
  const memoryMiB = options.memoryMiB ?? DEFAULT_MEMORY_MIB;
  const concurrency = options.concurrency ?? Math.min(4, navigator.hardwareConcurrency || 2);
  const declared = await declaredTests(kitRoot, lessons, log);
  const settings = `${lessons.map((l) => l.slug).join(",")}/${lessonTimeoutMs}/${memoryMiB}/${
    JSON.stringify(declared)
  }`;
  let discovery: Discovery | undefined;
  if ((await lstatOrNull(join(kitRoot, "solutions")))?.isDirectory) {
    discovery = await discoverExpected(kitRoot, lessons, declared);
    for (const problem of discovery.problems) log(`warning: ${problem}`);
  } else {
    log(
      "note: no solutions/ here, so expected values cannot be kept out of students' runs; " +
        "grade with the teacher's copy for that",
    );
  }
  return {
    kitRoot,
    allLessons,
    lessons,
    declared,
    discovery,
    version: await kitVersion(kitRoot, lessons, settings),
    lessonTimeoutMs,
    memoryMiB,
    wrapper: await memoryWrapper(memoryMiB),
    concurrency,
    resultsDir: options.resultsDir,
    log,
  };
}

function emptyLesson(grader: Grader, lesson: Lesson, reason: string): LessonResult {
  const declared = grader.declared[lesson.slug] ?? {};
  const exercises = lesson.testFiles.map((testFile) =>
    scoreFile(testFile, declared[testFile] ?? [], {
      tests: [],
      loadError: reason,
      timedOut: false,
      durationMs: 0,
    })
  );
  return {
    lesson,
    exercises,
    score: 0,
    maxScore: exercises.reduce((sum, e) => sum + e.maxScore, 0),
    durationMs: 0,
  };
}

/** Grades every graded lesson of one staged student in one go (see `scoreLessons`). */
async function gradeLessons(
  grader: Grader,
  workspace: string,
  refused: string[],
  verdicts: Map<string, string | undefined>,
): Promise<LessonResult[]> {
  return await scoreLessons(grader.lessons, {
    workspace,
    manifest: grader.declared,
    lessonTimeoutMs: grader.lessonTimeoutMs,
    concurrency: grader.concurrency,
    allowRead: [join(workspace, "data")],
    maxHeapMiB: Math.max(64, Math.floor(grader.memoryMiB / 2)),
    wrapper: grader.wrapper,
    extraArgs: [...SANDBOX_FLAGS],
    observe: grader.discovery !== undefined,
    judge: grader.discovery ? (_, run) => judgeRun(run, grader.discovery!) : undefined,
    refuse: (testFile, lesson) => {
      const exercise = testFile.replace(/_test\.ts$/, ".ts");
      const refusal = refused.find((r) => r.startsWith(`${lesson.slug}/${exercise}:`)) ??
        refused.find((r) => r.startsWith(`${lesson.slug}/:`) || r.startsWith(`${lesson.slug}:`));
      return verdicts.get(join("exercises", lesson.slug, testFile)) ??
        (refusal ? `refused: ${refusal}` : undefined);
    },
  });
}

async function readCached(path: string, key: string): Promise<StudentResult | null> {
  try {
    const cached = JSON.parse(await Deno.readTextFile(path)) as StudentResult;
    return cached.key === key ? cached : null;
  } catch {
    return null;
  }
}

/**
 * Grades one submission in a fresh sandboxed workspace, or returns the kept result when neither
 * the submission nor the teacher's copy changed since.
 *
 * @example
 * ```ts ignore
 * const result = await gradeSubmission(grader, submission);
 * console.log(`${result.student}: ${result.score}/${result.maxScore}`);
 * ```
 */
export async function gradeSubmission(
  grader: Grader,
  submission: Submission,
): Promise<StudentResult> {
  try {
    return await gradeInspected(grader, submission);
  } catch (error) {
    // Whatever went wrong for one student, the class still gets its gradebook: this student
    // gets a row that says why, and a re-run tries again.
    const reason = `not graded: ${error instanceof Error ? error.message : String(error)}`;
    grader.log(`${submission.name}: ${reason}`);
    return notGraded(grader, submission, reason, "");
  }
}

function notGraded(
  grader: Grader,
  submission: Submission,
  reason: string,
  key: string,
  notes: string[] = [],
): StudentResult {
  const lessons = grader.lessons.map((lesson) => emptyLesson(grader, lesson, reason));
  return {
    student: submission.name,
    source: submission.source,
    lessons,
    score: 0,
    maxScore: lessons.reduce((sum, l) => sum + l.maxScore, 0),
    notes: [...notes, reason],
    key,
  };
}

async function gradeInspected(grader: Grader, submission: Submission): Promise<StudentResult> {
  const inspection = await inspectSubmission(submission, grader.allLessons);
  const key = await sha256(`${grader.version}\n${await submissionHash(inspection)}`);
  const keptAt = grader.resultsDir ? join(grader.resultsDir, `${submission.name}.json`) : undefined;
  if (keptAt) {
    const cached = await readCached(keptAt, key);
    if (cached) {
      grader.log(
        `${submission.name}: unchanged since the last run, ${cached.score}/${cached.maxScore}`,
      );
      return cached;
    }
  }
  const notes = inspection.refused.map((r) => `refused ${r}`);
  let result: StudentResult;
  if (inspection.problem) {
    result = notGraded(grader, submission, inspection.problem, key, notes);
  } else {
    const stage = await stageWorkspace({
      kitRoot: grader.kitRoot,
      implementationRoot: submission.implementationRoot!,
      lessons: grader.allLessons,
      files: inspection.files,
    });
    const lessons: LessonResult[] = [];
    try {
      if (grader.discovery) await stageRedactedCases(stage.root, grader.kitRoot, grader.discovery);
      // One import analysis for every graded lesson of the student.
      const verdicts = await vetImports({
        workspace: stage.root,
        testFiles: grader.lessons.flatMap((lesson) =>
          lesson.testFiles.map((testFile) => join("exercises", lesson.slug, testFile))
        ),
        timeoutMs: Math.min(20_000, grader.lessonTimeoutMs),
      });
      const refused = [...inspection.refused, ...stage.refused];
      notes.push(...stage.refused.map((r) => `refused ${r}`));
      lessons.push(...await gradeLessons(grader, stage.root, refused, verdicts));
    } finally {
      await stage.dispose();
    }
    result = {
      student: submission.name,
      source: submission.source,
      lessons,
      score: lessons.reduce((sum, l) => sum + l.score, 0),
      maxScore: lessons.reduce((sum, l) => sum + l.maxScore, 0),
      notes,
      key,
    };
  }
  if (keptAt) {
    result = await keepOtherLessons(result, keptAt);
    await writeTextFileAtomic(keptAt, JSON.stringify(result) + "\n");
  }
  grader.log(`${submission.name}: ${result.score}/${result.maxScore}`);
  return result;
}

/**
 * Adds to `result` the lessons a previous run graded and this one did not (a re-run with
 * `--lessons 3` keeps lessons 1, 2, 4, 5), so the gradebook keeps every lesson.
 */
async function keepOtherLessons(result: StudentResult, keptAt: string): Promise<StudentResult> {
  let previous: StudentResult;
  try {
    previous = JSON.parse(await Deno.readTextFile(keptAt));
  } catch {
    return result;
  }
  const graded = new Set(result.lessons.map((l) => l.lesson.slug));
  const kept = (previous.lessons ?? []).filter((l) => !graded.has(l.lesson?.slug));
  if (kept.length === 0) return result;
  const lessons = [...result.lessons, ...kept].sort((a, b) => a.lesson.number - b.lesson.number);
  return {
    ...result,
    lessons,
    score: lessons.reduce((sum, l) => sum + l.score, 0),
    maxScore: lessons.reduce((sum, l) => sum + l.maxScore, 0),
  };
}

/**
 * Grading a class: setting the grader up once, then grading each submission in a sandboxed
 * workspace with the teacher's tests, and keeping a per-student result file so that an
 * interrupted run resumes where it stopped. Finding and inspecting submissions is
 * submissions.ts; fingerprints, fingerprint.ts; the declared tests, declared.ts; judging out of
 * the student's reach, trusted.ts and judge.ts.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { type Lesson, listLessons } from "../course/lessons.ts";
import type { Manifest } from "../course/manifest.ts";
import { type LessonResult, mapConcurrent, scoreFile, scoreLessons } from "./score.ts";
import { makeTempFolder, type TempFolder } from "./temp.ts";
import { declaredTests } from "./declared.ts";
import { kitVersion, sha256, submissionHash } from "./fingerprint.ts";
import { stagedKitFiles, stageWorkspace } from "./stage.ts";
import { DEFAULT_MEMORY_MIB, memoryWrapper, SANDBOX_FLAGS, vetImports } from "./sandbox.ts";
import { writeTextFileAtomic } from "../lib/files.ts";
import { discoverExpected, type Discovery, judgeRun, stageRedactedCases } from "./trusted.ts";
import { withHeldOutCases } from "./held_out.ts";
import { boundLessons, cutText, graderErrorNote } from "./boundary.ts";
import {
  type AcceptedFile,
  inspectSubmission,
  lstatOrNull,
  readAccepted,
  type Submission,
} from "./submissions.ts";

export { findSubmissions, safeName, type Submission } from "./submissions.ts";
export { declaredTests } from "./declared.ts";
export { kitVersion } from "./fingerprint.ts";

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
  /**
   * A teacher's secret: grade with cases drawn afresh from it (held out from the student
   * edition) instead of the public ones. Needs `solutions/` and `kit/content/`.
   */
  heldOutSeed?: string;
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
  /** The files of the teacher's copy a student's workspace gets (see `stagedKitFiles`). */
  kitFiles: string[];
  /** Per lesson, its untouched stubs (file name → text): a lesson handed in as they are is
   * graded 0 without running anything. */
  stubs: Map<string, Map<string, string>>;
}

/**
 * Prepares grading: lists the lessons, the declared tests, the kit's fingerprint, and makes sure
 * the npm packages the kit's own helpers use are cached (graded runs may not download anything).
 * The example is not run: it runs the reference solutions of every lesson (the grading tests
 * prepare the fixture kit).
 *
 * @example
 * ```ts ignore
 * const grader = await prepareGrader({ kitRoot: Deno.cwd() });
 * assert.ok(grader.lessons.length > 0);
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
  let discovery: Discovery | undefined;
  if ((await lstatOrNull(join(kitRoot, "solutions")))?.isDirectory) {
    if (options.heldOutSeed) {
      // The drawn cases are read into the discovery (redacted texts included) and their
      // folder removed before any student's code runs.
      const found = await withHeldOutCases(
        kitRoot,
        options.heldOutSeed,
        (folder) => discoverExpected(kitRoot, lessons, declared, folder),
      );
      if ("value" in found) {
        discovery = found.value;
        log(
          `held-out cases drawn from the teacher's seed for ${discovery.heldOutTests.size} tests`,
        );
      } else log(`warning: ${found.problem}; the public cases are used`);
    }
    discovery ??= await discoverExpected(kitRoot, lessons, declared);
    for (const problem of discovery.problems) log(`warning: ${problem}`);
  } else {
    log(
      "note: no solutions/ here, so expected values cannot be kept out of students' runs; " +
        "grade with the teacher's copy for that",
    );
  }
  // Held-out cases are part of the setting (a hash of the seed, never the seed itself).
  const cases = discovery?.heldOutTests.size
    ? `held-out ${await sha256(options.heldOutSeed!)}`
    : "public";
  const settings = `${lessons.map((l) => l.slug).join(",")}/${lessonTimeoutMs}/${memoryMiB}/${
    JSON.stringify(declared)
  }/${cases}`;
  return {
    kitRoot,
    allLessons,
    lessons,
    declared,
    discovery,
    kitFiles: await stagedKitFiles(kitRoot, allLessons, discovery === undefined),
    stubs: await readStubs(kitRoot, lessons),
    version: await kitVersion(kitRoot, lessons, settings),
    lessonTimeoutMs,
    memoryMiB,
    wrapper: await memoryWrapper(memoryMiB),
    concurrency,
    resultsDir: options.resultsDir,
    log,
  };
}

/** The kit's stubs of each lesson: its implementation files (not tests) as the kit has them. */
async function readStubs(
  kitRoot: string,
  lessons: Lesson[],
): Promise<Map<string, Map<string, string>>> {
  const stubs = new Map<string, Map<string, string>>();
  for (const lesson of lessons) {
    const files = new Map<string, string>();
    const folder = join(kitRoot, "exercises", lesson.slug);
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      files.set(entry.name, await Deno.readTextFile(join(folder, entry.name)));
    }
    stubs.set(lesson.slug, files);
  }
  return stubs;
}

/**
 * The graded lessons a submission hands in as the untouched stubs (the same files, byte for
 * byte): every graded test fails on the stubs (the kit's self-test checks), so they score 0
 * without a process.
 */
async function untouchedLessons(
  grader: Grader,
  files: AcceptedFile[],
  maxBytes: number,
): Promise<Set<string>> {
  const untouched = new Set<string>();
  for (const lesson of grader.lessons) {
    const stubs = grader.stubs.get(lesson.slug);
    const mine = files.filter((f) => f.slug === lesson.slug);
    if (!stubs || mine.length !== stubs.size) continue;
    let same = true;
    for (const file of mine) {
      const stub = stubs.get(file.name);
      if (stub === undefined || file.size !== new TextEncoder().encode(stub).length) {
        same = false;
        break;
      }
      const text = new TextDecoder().decode(
        await readAccepted(file, maxBytes).catch(() => new Uint8Array()),
      );
      if (text !== stub) {
        same = false;
        break;
      }
    }
    if (same) untouched.add(lesson.slug);
  }
  return untouched;
}

/** Why an untouched lesson scores 0. */
const UNTOUCHED = "not attempted: the exercise files are the kit's untouched stubs";

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
  lessons: Lesson[],
  workspace: string,
  refused: string[],
  verdicts: Map<string, string | undefined>,
): Promise<LessonResult[]> {
  return await scoreLessons(lessons, {
    workspace,
    manifest: grader.declared,
    lessonTimeoutMs: grader.lessonTimeoutMs,
    concurrency: grader.concurrency,
    limits: {
      allowRead: [join(workspace, "data")],
      maxHeapMiB: Math.max(64, Math.floor(grader.memoryMiB / 2)),
      wrapper: grader.wrapper,
      extraArgs: [...SANDBOX_FLAGS],
      // Inside the student's workspace (emptied after), outside what the child may read.
      scratchDir: join(workspace, ".kit-run"),
    },
    observe: grader.discovery !== undefined,
    testLimitMs: grader.discovery ? (name) => grader.discovery!.limits.get(name) : undefined,
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
 * The example is not run: it needs a prepared grader and a submission (see grade_test.ts).
 *
 * @example
 * ```ts ignore
 * const result = await gradeSubmission(grader, submission);
 * assert.ok(result.score <= result.maxScore);
 * ```
 */
export async function gradeSubmission(
  grader: Grader,
  submission: Submission,
  report?: (result: StudentResult) => Promise<void>,
  workspace?: string,
): Promise<StudentResult> {
  try {
    const result = await gradeInspected(grader, submission, workspace);
    // The student's own reports are part of grading them: one that cannot be written costs
    // this student's row, never the class's gradebook.
    await report?.(result);
    return result;
  } catch (error) {
    // Whatever went wrong for one student, the class still gets its gradebook: this student
    // gets a row that says why, and a re-run tries again.
    const reason = graderErrorNote(error, isHeldOut(grader));
    grader.log(`${submission.name}: ${reason}`);
    const row = notGraded(grader, submission, reason, "");
    await report?.(row).catch(() => {});
    return row;
  }
}

/**
 * Grades a class, `concurrency` students at once, in order, with {@link gradeSubmission}; each
 * student's `report` is made inside their grading. The students share one workspace folder per
 * student graded at once, emptied between students (see `into` in stage.ts) and removed at the
 * end, on an interrupt too.
 * The example is not run: it needs a prepared grader and a class folder (see grade_test.ts).
 *
 * @example
 * ```ts ignore
 * const submissions = await findSubmissions(["class/"]);
 * const results = await gradeClass(grader, submissions, { concurrency: 2 });
 * assert.equal(results.length, submissions.length);
 * ```
 */
export async function gradeClass(
  grader: Grader,
  submissions: Submission[],
  options: { concurrency: number; report?: (result: StudentResult) => Promise<void> },
): Promise<StudentResult[]> {
  const held: TempFolder[] = [];
  const free: string[] = [];
  try {
    return await mapConcurrent(submissions, options.concurrency, async (submission) => {
      let workspace = free.pop();
      if (workspace === undefined) {
        const folder = await makeTempFolder("kit-stage-", true);
        held.push(folder);
        workspace = folder.path;
      }
      try {
        return await gradeSubmission(grader, submission, options.report, workspace);
      } finally {
        free.push(workspace);
      }
    });
  } finally {
    for (const folder of held) await folder.remove();
  }
}

/** Whether the grader holds cases out: then no text of a student's run reaches a report. */
function isHeldOut(grader: Grader): boolean {
  return (grader.discovery?.heldOutTests.size ?? 0) > 0;
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

/** Largest implementation file staged, bytes (stage.ts's default). */
const MAX_FILE_BYTES = 1 << 20;

/** Stages a submission, vets its imports and grades `lessons` there; results bounded. */
async function gradeStaged(
  grader: Grader,
  submission: Submission,
  inspection: Awaited<ReturnType<typeof inspectSubmission>>,
  lessons: Lesson[],
  notes: string[],
  workspace?: string,
): Promise<LessonResult[]> {
  const stage = await stageWorkspace({
    into: workspace,
    kitRoot: grader.kitRoot,
    implementationRoot: submission.implementationRoot!,
    lessons: grader.allLessons,
    files: inspection.files,
    kitFiles: grader.kitFiles,
    maxFileBytes: MAX_FILE_BYTES,
    removeOnInterrupt: true,
  });
  try {
    if (grader.discovery) await stageRedactedCases(stage.root, grader.discovery);
    // One import analysis for every graded lesson of the student.
    const verdicts = await vetImports({
      workspace: stage.root,
      testFiles: lessons.flatMap((lesson) =>
        lesson.testFiles.map((testFile) => join("exercises", lesson.slug, testFile))
      ),
      timeoutMs: Math.min(20_000, grader.lessonTimeoutMs),
    });
    const refused = [...inspection.refused, ...stage.refused];
    notes.push(...stage.refused.map((r) => cutText(`refused ${r}`)));
    const graded = await gradeLessons(grader, lessons, stage.root, refused, verdicts);
    // From here on, only bounded text (boundary.ts): reports, the gradebook, NAME.json.
    return boundLessons(graded, isHeldOut(grader));
  } finally {
    await stage.dispose();
  }
}

async function gradeInspected(
  grader: Grader,
  submission: Submission,
  workspace?: string,
): Promise<StudentResult> {
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
  const notes = inspection.refused.map((r) => cutText(`refused ${r}`));
  let result: StudentResult;
  if (inspection.problem) {
    result = notGraded(grader, submission, inspection.problem, key, notes);
  } else {
    // Lessons handed in as the untouched stubs cost no process; a submission with nothing else
    // costs no workspace either.
    const untouched = await untouchedLessons(grader, inspection.files, MAX_FILE_BYTES);
    const toRun = grader.lessons.filter((lesson) => !untouched.has(lesson.slug));
    const graded = toRun.length
      ? await gradeStaged(grader, submission, inspection, toRun, notes, workspace)
      : [];
    const lessons: LessonResult[] = [];
    for (const lesson of grader.lessons) {
      const done = graded.find((l) => l.lesson.slug === lesson.slug);
      lessons.push(done ?? emptyLesson(grader, lesson, UNTOUCHED));
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

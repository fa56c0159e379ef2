/**
 * `deno task grade PATH… [options]`: grade student copies of the kit with this copy's tests.
 *
 * ```
 * deno task grade ~/class/                 every student folder in ~/class/
 * deno task grade ~/class/alice            one student's copy (or ~/class/alice/exercises)
 * deno task grade ~/class/ --lessons 1,3 --timeout 60 --out reports/
 * ```
 *
 * See kit/TEACHERS.md for what the sandbox guarantees and what the outputs hold.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Lesson, listLessons, resolveLesson, UnknownLessonError } from "../course/lessons.ts";
import {
  DEFAULT_LESSON_TIMEOUT_S,
  findSubmissions,
  gradeClass,
  prepareGrader,
} from "../grading/classroom.ts";
import { DEFAULT_MEMORY_MIB } from "../grading/sandbox.ts";
import { toClassroomResult, toClassSummary, toGradebookCsv } from "../grading/gradebook.ts";
import { toJUnit, toResultsJson } from "../grading/report.ts";
import { exists, writeTextFileAtomic } from "../lib/files.ts";
import { cacheModules } from "../lib/process.ts";
import {
  parseCommandLine,
  positiveNumber,
  runMain,
  UsageError,
  wholeNumber,
  withUsage,
} from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task grade PATH... [--out DIR] [--lessons LIST] [--timeout SECONDS]
                       [--memory MIB] [--jobs N] [--fresh] [--classroom FILE]

  PATH            a student's copy of the kit, or its exercises/ folder, or a folder holding one
                  such copy per student (the subfolder's name is the student's name)
  --out DIR       where the reports go (default reports/): gradebook.csv, summary.md, and per
                  student students/NAME.junit.xml, students/NAME.results.json, students/NAME.json
  --lessons LIST  lessons to grade, e.g. 1,3 or lesson-01 (default: every lesson)
  --timeout S     wall-clock limit of one lesson of one student, in seconds (default ${DEFAULT_LESSON_TIMEOUT_S});
                  a test file still running then is killed and its tests score 0, "timed out"
  --memory MIB    memory cap of one test process (default ${DEFAULT_MEMORY_MIB}; at least 1024,
                  Deno itself needs about 600)
  --jobs N        students graded at once (default: CPUs, at most 4)
  --fresh         grade every student again, even those unchanged since the last run
  --classroom F   also write F: the GitHub Classroom reporter's result (base64 JSON) of the
                  first student graded
  --public-cases  grade with the public cases of kit/cases only (a student can hard-code them).
                  By default a copy with solutions/ and kit/content/ grades with held-out
                  cases as well, drawn afresh from a secret: KIT_HELD_OUT_SEED when set (use
                  it where several runs must draw the same cases, e.g. a CI matrix), else the
                  one saved in OUT/held-out-seed, else a new random one saved there. Reports
                  show no input or value of held-out cases
  --held-out      insist on held-out cases (an error where they cannot be drawn)

Grading uses this copy's tests, helpers, deno.json, data and kit/manifest.json; it takes only the
exercise files (exercises/NN-slug/*.ts, not *_test.ts) of each submission. Student code runs with
no network, no writes, no environment, no subprocesses, no FFI, reading only data/, and may import
only its own exercise files and kit/lib/. An interrupted run resumes where it stopped.`;

/**
 * The secret the held-out cases are drawn from. It comes from the environment (a CI secret) or
 * a file in the teacher's reports folder, never the command line; when neither exists, a new
 * random one is saved there, so that a re-run draws the same cases and unchanged students are
 * not graded again.
 */
async function heldOutSecret(out: string): Promise<string> {
  const fromEnvironment = Deno.env.get("KIT_HELD_OUT_SEED");
  if (fromEnvironment) return fromEnvironment;
  const file = join(out, "held-out-seed");
  try {
    const saved = (await Deno.readTextFile(file)).trim();
    if (saved) return saved;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const secret = Array.from(
    crypto.getRandomValues(new Uint8Array(24)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  await Deno.mkdir(out, { recursive: true });
  await writeTextFileAtomic(file, secret + "\n");
  await Deno.chmod(file, 0o600).catch(() => {});
  console.log(
    `held-out cases drawn from a new secret saved in ${file}: keep it private (delete it to draw new cases)`,
  );
  return secret;
}

const OPTIONS = {
  out: { type: "string", default: "reports" },
  lessons: { type: "string" },
  timeout: { type: "string", default: String(DEFAULT_LESSON_TIMEOUT_S) },
  memory: { type: "string", default: String(DEFAULT_MEMORY_MIB) },
  jobs: { type: "string" },
  fresh: { type: "boolean", default: false },
  classroom: { type: "string" },
  "held-out": { type: "boolean", default: false },
  "public-cases": { type: "boolean", default: false },
} as const;

/** What the command line asks for, checked. */
interface GradeRequest {
  paths: string[];
  out: string;
  lessonList?: string;
  timeout: number;
  memory: number;
  jobs?: number;
  fresh: boolean;
  classroom?: string;
  heldOut: boolean;
  publicCases: boolean;
}

function readCommandLine(args: string[]): GradeRequest {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (positionals.length === 0) throw new UsageError("name at least one PATH");
  if (values["held-out"] && values["public-cases"]) {
    throw new UsageError("choose --held-out or --public-cases, not both");
  }
  return {
    paths: positionals,
    out: resolve(values.out),
    lessonList: values.lessons,
    timeout: positiveNumber("timeout", values.timeout, "seconds"),
    memory: positiveNumber("memory", values.memory, "MiB", 1024),
    jobs: values.jobs === undefined ? undefined : wholeNumber("jobs", values.jobs),
    fresh: values.fresh,
    classroom: values.classroom,
    heldOut: values["held-out"],
    publicCases: values["public-cases"],
  };
}

/** The lessons `--lessons` names (every lesson without it). */
async function chosenLessons(list: string | undefined): Promise<Lesson[]> {
  const all = await listLessons(KIT_ROOT);
  if (!list) return all;
  try {
    return list.split(",").filter((s) => s.trim()).map((s) => resolveLesson(s, all));
  } catch (error) {
    if (error instanceof UnknownLessonError) {
      throw new UsageError(error.message, { showUsage: false });
    }
    throw error;
  }
}

/** The held-out secret, or undefined when grading with the public cases only (said so). */
async function heldOutSeedFor(request: GradeRequest): Promise<string | undefined> {
  const canHoldOut = await exists(join(KIT_ROOT, "solutions")) &&
    await exists(join(KIT_ROOT, "kit", "content"));
  if (request.heldOut && !canHoldOut) {
    throw new UsageError("--held-out needs the teacher's copy (solutions/ and kit/content/)", {
      showUsage: false,
    });
  }
  const seed = request.publicCases || !canHoldOut ? undefined : await heldOutSecret(request.out);
  if (!seed) {
    console.log(
      "grading with the public cases of kit/cases (a student can hard-code them; see kit/TEACHERS.md)",
    );
  }
  return seed;
}

const main = withUsage("grade", USAGE, async (args) => {
  const request = readCommandLine(args);
  // The graded processes are sandboxed (`--cached-only`): what they load is fetched here first.
  await cacheModules(KIT_ROOT);
  const lessons = await chosenLessons(request.lessonList);
  const submissions = await findSubmissions(request.paths);
  if (submissions.length === 0) {
    throw new UsageError("no submission found in the given paths", { showUsage: false });
  }
  const heldOutSeed = await heldOutSeedFor(request);
  const { out, timeout, memory, jobs } = request;
  const studentsDir = join(out, "students");
  if (request.fresh) await Deno.remove(studentsDir, { recursive: true }).catch(() => {});
  const grader = await prepareGrader({
    kitRoot: KIT_ROOT,
    lessons,
    lessonTimeoutMs: timeout * 1000,
    memoryMiB: memory,
    concurrency: jobs,
    resultsDir: studentsDir,
    log: (line) => console.log(line),
    heldOutSeed,
  });
  console.log(
    `grading ${submissions.length} submission(s), ${lessons.map((l) => l.id).join(", ")}; ` +
      `limit ${timeout} s per lesson, ${memory} MiB per process`,
  );
  // Students graded at once: each runs one test process at a time, so one per CPU.
  const studentsAtOnce = jobs ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  const results = await gradeClass(grader, submissions, {
    concurrency: studentsAtOnce,
    // Everything for one student, their reports and their gradebook row included, is made
    // inside their grading: what fails there costs their row only.
    report: async (result) => {
      toGradebookCsv([result]);
      toClassSummary([result]);
      await writeTextFileAtomic(
        join(studentsDir, `${result.student}.junit.xml`),
        toJUnit(result.lessons, result.student),
      );
      await writeTextFileAtomic(
        join(studentsDir, `${result.student}.results.json`),
        JSON.stringify(toResultsJson(result.lessons), null, 2) + "\n",
      );
    },
  });
  await writeTextFileAtomic(join(out, "gradebook.csv"), toGradebookCsv(results));
  await writeTextFileAtomic(join(out, "summary.md"), toClassSummary(results));
  if (request.classroom) {
    await writeTextFileAtomic(request.classroom, toClassroomResult(results[0]));
  }
  const total = results.reduce((sum, r) => sum + r.score, 0);
  console.log(
    `\nwrote ${join(out, "gradebook.csv")}, summary.md and students/ ` +
      `(${results.length} student(s), mean ${(total / results.length).toFixed(1)}/${
        results[0].maxScore
      })`,
  );
  return 0;
});

if (import.meta.main) await runMain("grade", main);

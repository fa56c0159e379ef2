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

import "./require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { parseArgs } from "node:util";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Lesson, listLessons, resolveLesson, UnknownLessonError } from "../grading/lessons.ts";
import {
  DEFAULT_LESSON_TIMEOUT_S,
  findSubmissions,
  gradeSubmission,
  prepareGrader,
} from "../grading/classroom.ts";
import { DEFAULT_MEMORY_MIB } from "../grading/sandbox.ts";
import { toClassroomResult, toClassSummary, toGradebookCsv } from "../grading/gradebook.ts";
import { toJUnit, toResultsJson } from "../grading/report.ts";
import { writeTextFileAtomic } from "../grading/files.ts";
import { mapConcurrent } from "../grading/score.ts";

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
  --memory MIB    memory cap of one test process (default ${DEFAULT_MEMORY_MIB})
  --jobs N        students graded at once (default: CPUs, at most 4)
  --fresh         grade every student again, even those unchanged since the last run
  --classroom F   also write F: the GitHub Classroom reporter's result (base64 JSON) of the
                  first student graded
  --held-out      grade with cases drawn afresh from the teacher's secret seed in the
                  environment variable KIT_HELD_OUT_SEED (teacher's copy: needs solutions/
                  and kit/content/); reports then show no input or value of those cases

Grading uses this copy's tests, helpers, deno.json, data and kit/manifest.json; it takes only the
exercise files (exercises/NN-slug/*.ts, not *_test.ts) of each submission. Student code runs with
no network, no writes, no environment, no subprocesses, no FFI, reading only data/, and may import
only its own exercise files and kit/lib/. An interrupted run resumes where it stopped.`;

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: "string", default: "reports" },
        lessons: { type: "string" },
        timeout: { type: "string", default: String(DEFAULT_LESSON_TIMEOUT_S) },
        memory: { type: "string", default: String(DEFAULT_MEMORY_MIB) },
        jobs: { type: "string" },
        fresh: { type: "boolean", default: false },
        classroom: { type: "string" },
        "held-out": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`grade: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`grade: name at least one PATH\n\n${USAGE}`);
    return 2;
  }
  const timeout = Number(values.timeout);
  const memory = Number(values.memory);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (!(timeout > 0) || !(memory >= 1024) || (jobs !== undefined && !(jobs >= 1))) {
    console.error(
      "grade: --timeout must be > 0 s, --memory ≥ 1024 MiB (Deno itself needs about 600), --jobs ≥ 1",
    );
    return 2;
  }
  const all = await listLessons(KIT_ROOT);
  let lessons: Lesson[] = all;
  if (values.lessons) {
    try {
      lessons = values.lessons.split(",").filter((s) => s.trim()).map((s) => resolveLesson(s, all));
    } catch (error) {
      if (error instanceof UnknownLessonError) {
        console.error(`grade: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  const submissions = await findSubmissions(positionals);
  if (submissions.length === 0) {
    console.error("grade: no submission found in the given paths");
    return 2;
  }
  // The seed comes from the environment (a CI secret, or typed once), never the command line.
  const heldOutSeed = Deno.env.get("KIT_HELD_OUT_SEED") ?? "";
  if (values["held-out"] && !heldOutSeed) {
    console.error(
      "grade: --held-out needs the teacher's seed in the environment: KIT_HELD_OUT_SEED",
    );
    return 2;
  }
  const out = resolve(values.out);
  const studentsDir = join(out, "students");
  if (values.fresh) await Deno.remove(studentsDir, { recursive: true }).catch(() => {});
  const grader = await prepareGrader({
    kitRoot: KIT_ROOT,
    lessons,
    lessonTimeoutMs: timeout * 1000,
    memoryMiB: memory,
    concurrency: jobs,
    resultsDir: studentsDir,
    log: (line) => console.log(line),
    heldOutSeed: values["held-out"] ? heldOutSeed : undefined,
  });
  console.log(
    `grading ${submissions.length} submission(s), ${lessons.map((l) => l.id).join(", ")}; ` +
      `limit ${timeout} s per lesson, ${memory} MiB per process`,
  );
  // Students graded at once: each runs one test process at a time, so one per CPU.
  const studentsAtOnce = jobs ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  const results = await mapConcurrent(submissions, studentsAtOnce, async (submission) => {
    const result = await gradeSubmission(grader, submission);
    await writeTextFileAtomic(
      join(studentsDir, `${result.student}.junit.xml`),
      toJUnit(result.lessons, result.student),
    );
    await writeTextFileAtomic(
      join(studentsDir, `${result.student}.results.json`),
      JSON.stringify(toResultsJson(result.lessons), null, 2) + "\n",
    );
    return result;
  });
  await writeTextFileAtomic(join(out, "gradebook.csv"), toGradebookCsv(results));
  await writeTextFileAtomic(join(out, "summary.md"), toClassSummary(results));
  if (values.classroom) await writeTextFileAtomic(values.classroom, toClassroomResult(results[0]));
  const total = results.reduce((sum, r) => sum + r.score, 0);
  console.log(
    `\nwrote ${join(out, "gradebook.csv")}, summary.md and students/ ` +
      `(${results.length} student(s), mean ${(total / results.length).toFixed(1)}/${
        results[0].maxScore
      })`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`grade: ${(error as Error).message ?? error}`);
    Deno.exit(2);
  }
}

/**
 * `deno task check [lesson] [options]`: runs a lesson's graded tests and reports points.
 *
 * ```
 * deno task check lesson-03            the learner's exercises/03-…, exercise by exercise
 * deno task check                      every lesson, as a progress table
 * deno task check lesson-03 --solutions   the same tests against the reference solutions
 * deno task check lesson-03 --watch    run again whenever a file in exercises/ is saved
 * deno task check lesson-03 --junit report.xml --json results.json
 * ```
 *
 * Exit code 0 only when every graded test passes.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Lesson, listLessons, resolveLesson, UnknownLessonError } from "../grading/lessons.ts";
import { loadManifest } from "../grading/manifest.ts";
import { type LessonResult, scoreLesson } from "../grading/score.ts";
import { formatLesson, formatProgress, toJUnit, toResultsJson } from "../grading/report.ts";
import { stageWorkspace } from "../grading/stage.ts";
import { writeTextFileAtomic } from "../grading/files.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task check [lesson] [--solutions] [--watch] [--verbose] [--show-output]
                       [--junit FILE] [--json FILE] [--timeout SECONDS]

  lesson        lesson-03, 3, 03 or the folder name; none: every lesson, as a table
  --solutions   run the graded tests against solutions/ instead of your exercises/
  --watch       run again each time a file under exercises/ changes (Ctrl-C stops)
  --verbose     show every failing test's details, not only the first of each exercise
  --show-output show what the tests printed (your console.log output included)
  --junit FILE  also write the results as JUnit XML
  --json FILE   also write the results as JSON (exercism results.json v3, with points)
  --timeout S   wall-clock limit of one exercise's tests, in seconds (default 60)`;

interface CheckOptions {
  kitRoot: string;
  lessons: Lesson[];
  solutions: boolean;
  verbose: boolean;
  showOutput: boolean;
  junit?: string;
  json?: string;
  fileTimeoutMs: number;
  table: boolean;
}

async function runOnce(options: CheckOptions): Promise<boolean> {
  const { kitRoot } = options;
  const manifest = await loadManifest(kitRoot);
  const stage = options.solutions
    ? await stageWorkspace({
      kitRoot,
      implementationRoot: join(kitRoot, "solutions"),
      lessons: options.lessons,
    })
    : undefined;
  const results: LessonResult[] = [];
  try {
    for (const lesson of options.lessons) {
      results.push(
        await scoreLesson(lesson, {
          workspace: stage?.root ?? kitRoot,
          manifest,
          lessonTimeoutMs: options.fileTimeoutMs,
          trace: true,
        }),
      );
    }
  } finally {
    await stage?.dispose();
  }
  const target = options.solutions ? " [target: solutions/]" : "";
  if (options.table) {
    console.log(formatProgress(results) + target);
  } else {
    for (const result of results) console.log(formatLesson(result, options) + target);
  }
  if (options.junit) await writeTextFileAtomic(options.junit, toJUnit(results, "deno task check"));
  if (options.json) {
    await writeTextFileAtomic(options.json, JSON.stringify(toResultsJson(results), null, 2) + "\n");
  }
  return results.every((r) => r.maxScore > 0 && r.score === r.maxScore);
}

async function watch(options: CheckOptions): Promise<never> {
  const folder = join(options.kitRoot, options.solutions ? "solutions" : "exercises");
  const run = async () => {
    console.clear();
    await runOnce(options).catch((error) => console.error(`check failed: ${error.message}`));
    console.log(`\nWatching ${folder} for changes. Ctrl-C stops.`);
  };
  await run();
  let timer: ReturnType<typeof setTimeout> | undefined;
  for await (const event of Deno.watchFs(folder)) {
    if (!event.paths.some((path) => path.endsWith(".ts"))) continue;
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  }
  throw new Error("stopped watching");
}

/**
 * Runs the check command with `args` on the kit at `kitRoot`; returns the exit code.
 *
 * @example
 * ```ts ignore
 * const code = await main(["lesson-03", "--solutions"]);
 * ```
 */
export async function main(args: string[], kitRoot: string = KIT_ROOT): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        solutions: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        "show-output": { type: "boolean", default: false },
        junit: { type: "string" },
        json: { type: "string" },
        timeout: { type: "string", default: "60" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`check: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) {
    console.error(`check: --timeout must be a positive number of seconds, got "${values.timeout}"`);
    return 2;
  }
  if (values.solutions) {
    try {
      await Deno.stat(join(kitRoot, "solutions"));
    } catch {
      console.error(
        "check: there is no solutions/ folder here (this is the student edition): --solutions needs the teacher's copy",
      );
      return 2;
    }
  }
  const all = await listLessons(kitRoot);
  let lessons: Lesson[];
  try {
    lessons = positionals.length ? positionals.map((p) => resolveLesson(p, all)) : all;
  } catch (error) {
    if (error instanceof UnknownLessonError) {
      console.error(`check: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const options: CheckOptions = {
    kitRoot,
    lessons,
    solutions: values.solutions,
    verbose: values.verbose,
    showOutput: values["show-output"],
    junit: values.junit,
    json: values.json,
    fileTimeoutMs: timeoutSeconds * 1000,
    table: positionals.length === 0,
  };
  if (values.watch) await watch(options);
  return (await runOnce(options)) ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`check: ${(error as Error).message ?? error}`);
    Deno.exit(2);
  }
}

/**
 * `deno task check [lesson | file] [options]`: runs a lesson's graded tests and reports points.
 *
 * ```
 * deno task check lesson-03            the learner's exercises/03-…, exercise by exercise
 * deno task check exercises/03-lr-schedules/decays.ts   one exercise file
 * deno task check                      every lesson, as a progress table
 * deno task check lesson-03 --solutions   the same tests against the reference solutions
 * deno task check lesson-03 --watch    run again whenever a file in exercises/ is saved
 * deno task check lesson-03 --junit report.xml --json results.json
 * ```
 *
 * Exit code 0 only when every graded test passes; 2 for a usage error; 130 when interrupted.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Lesson, listLessons, resolveLesson, UnknownLessonError } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { type LessonResult, scoreLessons } from "../grading/score.ts";
import { formatLesson, formatProgress, toJUnit, toResultsJson } from "../grading/report.ts";
import { stageWorkspace } from "../grading/stage.ts";
import { dependencyNotesIn } from "../grading/dependencies.ts";
import { exists, writeTextFileAtomic } from "../lib/files.ts";
import type { ProgressLine } from "../grading/run.ts";
import { cacheModules, runDeno } from "../lib/process.ts";
import { formatInput } from "../testkit/describe.ts";
import { parseCommandLine, positiveNumber, runMain, UsageError, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task check [lesson | file] [--solutions] [--watch] [--verbose]
                       [--show-output] [--junit FILE] [--json FILE] [--timeout SECONDS]

  lesson        lesson-03, 3, 03 or the folder name; none: every lesson, as a table
  file          one exercise, e.g. exercises/03-lr-schedules/decays.ts
  --solutions   run the graded tests against solutions/ instead of your exercises/
  --watch       run again each time a file under exercises/ is saved (Ctrl-C stops)
  --verbose     show every failing test's details, not only the first of each exercise
  --show-output show what your code printed (console.log), under each exercise
  --junit FILE  also write the results as JUnit XML
  --json FILE   also write the results as JSON (exercism results.json v3, with points)
  --timeout S   wall-clock limit of one lesson's tests, in seconds (default 60)`;

const OPTIONS = {
  solutions: { type: "boolean", default: false },
  watch: { type: "boolean", default: false },
  verbose: { type: "boolean", short: "v", default: false },
  "show-output": { type: "boolean", default: false },
  junit: { type: "string" },
  json: { type: "string" },
  timeout: { type: "string", default: "60" },
} as const;

interface CheckOptions {
  kitRoot: string;
  lessons: Lesson[];
  solutions: boolean;
  verbose: boolean;
  showOutput: boolean;
  junit?: string;
  json?: string;
  lessonTimeoutMs: number;
  table: boolean;
}

/** What a run printed and whether every graded test passed; undefined when it was stopped. */
interface Outcome {
  text: string;
  ok: boolean;
}

/** Follows which test runs (for the interrupted line) and shows it on a terminal after 1 s. */
function progressLine(): {
  onProgress: (progress: ProgressLine) => void;
  current: () => ProgressLine | undefined;
  stop: () => void;
} {
  let test: ProgressLine | undefined;
  let input: string | undefined;
  let startedAt = 0;
  const live = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const write = (text: string) => live && Deno.stderr.writeSync(encoder.encode(text));
  const timer = live
    ? setInterval(() => {
      if (!test) return;
      const seconds = (performance.now() - startedAt) / 1000;
      if (seconds < 1) return;
      const where = `${test.file?.replace(/_test\.ts$/, ".ts")} › ${test.name}`;
      write(`\r\x1b[Krunning ${where.slice(0, 70)} for ${seconds.toFixed(0)} s (Ctrl-C stops)`);
    }, 250)
    : undefined;
  return {
    onProgress(progress) {
      if (progress.kind === "test") {
        test = progress;
        input = undefined;
        startedAt = performance.now();
      } else if (progress.kind === "case" && test) {
        input = progress.input;
      } else if (progress.kind === "end") {
        test = undefined;
      }
    },
    current: () => test && { ...test, input, at: (performance.now() - startedAt) / 1000 },
    stop() {
      clearInterval(timer);
      write("\r\x1b[K");
    },
  };
}

/** The line that says what was running when a run was interrupted. */
function interruptedLine(running: ProgressLine | undefined): string {
  if (!running) return "check: interrupted.";
  const file = running.file?.replace(/_test\.ts$/, ".ts");
  const input = running.input ? `, on input ${formatInput(running.input)}` : "";
  return `check: interrupted while ${file} › "${running.name}" had been running for ${
    running.at.toFixed(1)
  } s${input}.`;
}

async function runOnce(
  options: CheckOptions,
  signal?: AbortSignal,
  progress: ReturnType<typeof progressLine> = progressLine(),
): Promise<Outcome | undefined> {
  const { kitRoot } = options;
  const manifest = await loadManifest(kitRoot);
  const stage = options.solutions
    ? await stageWorkspace({
      kitRoot,
      implementationRoot: join(kitRoot, "solutions"),
      lessons: options.lessons,
      linkKit: true,
    })
    : undefined;
  const results: LessonResult[] = [];
  const notes: Record<string, string[]>[] = [];
  try {
    // Every lesson asked for in one test process (the progress table runs them all).
    results.push(
      ...await scoreLessons(options.lessons, {
        workspace: stage?.root ?? kitRoot,
        manifest,
        lessonTimeoutMs: options.lessonTimeoutMs,
        trace: true,
        onProgress: progress.onProgress,
        signal,
      }),
    );
    for (const result of results) {
      notes.push(await dependencyNotesIn(stage?.root ?? kitRoot, result));
    }
  } finally {
    progress.stop();
    await stage?.dispose();
  }
  if (signal?.aborted) return undefined;
  const target = options.solutions ? " [target: solutions/]" : "";
  const color = !Deno.noColor && Deno.stdout.isTerminal();
  let text: string;
  if (options.table) {
    text = formatProgress(results) + target;
  } else {
    const blocks: string[] = [];
    for (const [i, result] of results.entries()) {
      const typeErrors = options.solutions ? {} : await typeErrorsOf(kitRoot, result);
      const dependencyNotes = notes[i];
      blocks.push(
        formatLesson(result, { ...options, color, typeErrors, dependencyNotes }) + target,
      );
    }
    text = blocks.join("\n");
  }
  if (options.junit) await writeTextFileAtomic(options.junit, toJUnit(results, "deno task check"));
  if (options.json) {
    await writeTextFileAtomic(options.json, JSON.stringify(toResultsJson(results), null, 2) + "\n");
  }
  return { text, ok: results.every((r) => r.maxScore > 0 && r.score === r.maxScore) };
}

/**
 * `deno check`'s diagnostics for each exercise file with a failing test, unless every failure
 * is the untouched stub's "TODO" (tests run with --no-check, so half-typed code is still graded;
 * a type error is often why a test got NaN). One `deno check` for the whole lesson.
 */
async function typeErrorsOf(
  kitRoot: string,
  result: LessonResult,
): Promise<Record<string, string>> {
  const files = result.exercises.filter((e) =>
    e.score < e.maxScore && !e.problem &&
    !e.tests.every((t) => t.status === "pass" || /threw Error: TODO/.test(t.message ?? ""))
  ).map((e) => join("exercises", result.lesson.slug, e.file));
  if (files.length === 0) return {};
  const output = await runDeno({
    args: ["check", "--quiet", `--config=${join(kitRoot, "deno.json")}`, ...files],
    cwd: kitRoot,
    kind: "kit",
  });
  if (output.success) return {};
  const text = output.stderr + output.stdout;
  const found: Record<string, string[]> = {};
  // Each diagnostic is a block that ends with "at file:///…/name.ts:line:col".
  for (const block of text.split(/\n\s*\n/)) {
    const at = /at (file:\/\/\S+?):(\d+):(\d+)/.exec(block);
    if (!at || !/^TS\d+|error/m.test(block)) continue;
    const path = relative(kitRoot, fileURLToPath(at[1]));
    const file = path.split(sep).at(-1)!;
    if (!files.includes(path)) continue;
    const lines = block.trim().split("\n").map((line) =>
      line.replace(/^error: /, "").replace(/file:\/\/\S+\/(?=[^/]+:\d+:\d+)/, "")
    );
    (found[file] ??= []).push(...lines, "");
  }
  const shown: Record<string, string> = {};
  for (const [file, lines] of Object.entries(found)) {
    const cut = lines.length > 24 ? [...lines.slice(0, 24), "…"] : lines;
    shown[file] = cut.join("\n").trim();
  }
  return shown;
}

async function runAndPrint(options: CheckOptions): Promise<number> {
  const controller = new AbortController();
  const tracker = progressLine();
  const onInterrupt = () => controller.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    const outcome = await runOnce(options, controller.signal, tracker);
    if (!outcome) {
      console.error(interruptedLine(tracker.current()));
      return 130;
    }
    console.log(outcome.text);
    return outcome.ok ? 0 : 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

/**
 * Runs the check each time a `.ts` file of the watched folder is saved. A save during a run
 * cancels that run (its process is killed), so the screen never shows a result older than the
 * last save; "running…" appears at once.
 */
async function watch(options: CheckOptions, stop?: AbortSignal): Promise<number> {
  const folder = join(options.kitRoot, options.solutions ? "solutions" : "exercises");
  let controller: AbortController | undefined;
  let generation = 0;
  let finished = Promise.resolve();
  const run = async () => {
    controller?.abort();
    const mine = ++generation;
    controller = new AbortController();
    const signal = controller.signal;
    await finished;
    if (mine !== generation) return;
    console.clear();
    console.log("running…");
    let done!: () => void;
    finished = new Promise((resolve) => done = resolve);
    try {
      const outcome = await runOnce(options, signal).catch((error) => ({
        text: `check failed: ${error.message}`,
        ok: false,
      }));
      if (!outcome || mine !== generation || signal.aborted) return;
      console.clear();
      // A terminal that ignores the clear still shows which run is the current one.
      console.log(`── check at ${new Date().toLocaleTimeString("en-GB")} ${"─".repeat(40)}`);
      console.log(outcome.text);
      console.log(`\nWatching ${folder} for changes. Ctrl-C stops.`);
    } finally {
      done();
    }
  };
  const watcher = Deno.watchFs(folder);
  const close = () => {
    controller?.abort();
    try {
      watcher.close();
    } catch {
      // Closed already.
    }
  };
  stop?.addEventListener("abort", close);
  const onInterrupt = () => close();
  if (!stop) Deno.addSignalListener("SIGINT", onInterrupt);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const first = run();
  try {
    for await (const event of watcher) {
      if (!event.paths.some((path) => path.endsWith(".ts"))) continue;
      // Editors save in several steps; one run per burst of events.
      clearTimeout(timer);
      if (controller && !controller.signal.aborted) controller.abort();
      timer = setTimeout(run, 100);
    }
  } finally {
    clearTimeout(timer);
    if (!stop) Deno.removeSignalListener("SIGINT", onInterrupt);
    await first;
    await finished;
  }
  return 130;
}

/** Lessons the README's course map lists as coming: lesson id → topic. */
async function comingLessons(kitRoot: string): Promise<Map<number, string>> {
  const coming = new Map<number, string>();
  const readme = await Deno.readTextFile(join(kitRoot, "README.md")).catch(() => "");
  for (const match of readme.matchAll(/^\|\s*lesson-(\d+)\s*\|\s*([^|]+?)\s*\|\s*coming\s*\|/gm)) {
    coming.set(Number(match[1]), match[2]);
  }
  return coming;
}

/**
 * Finds what a command-line argument names: a lesson (`lesson-03`, `3`, the folder), or one
 * exercise by its path (`exercises/03-lr-schedules/decays.ts`, its test file, or the same under
 * `solutions/`), which narrows the lesson to that file's tests.
 */
function resolveTarget(argument: string, lessons: Lesson[], kitRoot: string): Lesson {
  if (!/\.ts$/.test(argument)) return resolveLesson(argument, lessons);
  const path = relative(kitRoot, resolve(argument)).split(sep);
  const [slug, name] = path.slice(-2);
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson || path.length < 2) {
    throw new UnknownLessonError(
      `"${argument}" is not an exercise file; exercise files are exercises/NN-slug/NAME.ts`,
    );
  }
  const testFile = name.replace(/(_test)?\.ts$/, "_test.ts");
  if (!lesson.testFiles.includes(testFile)) {
    const graded = lesson.testFiles.map((t) => t.replace(/_test\.ts$/, ".ts")).join(", ");
    throw new UnknownLessonError(
      `${name} has no graded tests; the graded exercises of ${lesson.id} are ${graded}`,
    );
  }
  return { ...lesson, testFiles: [testFile] };
}

/**
 * Runs the check command with `args` on the kit at `kitRoot`; returns the exit code. `stop`
 * ends a `--watch` (for tests; Ctrl-C ends it otherwise). The example is not run: it grades a
 * whole lesson in child processes (kit/cli/check_test.ts runs it on a small kit).
 *
 * @example
 * ```ts ignore
 * const code = await main(["lesson-03", "--solutions"]);
 * ```
 */
export const main: (
  args: string[],
  kitRoot?: string,
  stop?: AbortSignal,
) => Promise<number> = withUsage("check", USAGE, async (args, kitRoot = KIT_ROOT, stop?) => {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  const timeoutSeconds = positiveNumber("timeout", values.timeout, "seconds");
  if (values.solutions && !await exists(join(kitRoot, "solutions"))) {
    throw new UsageError(
      "there is no solutions/ folder here (this is the student edition): --solutions needs the teacher's copy",
      { showUsage: false },
    );
  }
  const all = await listLessons(kitRoot);
  const lessons = positionals.length ? await resolveTargets(positionals, all, kitRoot) : all;
  const options: CheckOptions = {
    kitRoot,
    lessons,
    solutions: values.solutions,
    verbose: values.verbose,
    showOutput: values["show-output"],
    junit: values.junit,
    json: values.json,
    lessonTimeoutMs: timeoutSeconds * 1000,
    table: positionals.length === 0,
  };
  // The graded processes are sandboxed (`--cached-only`): what they load is fetched here first.
  await cacheModules(kitRoot);
  if (values.watch) return await watch(options, stop);
  return await runAndPrint(options);
});

/** The lessons the positional arguments name; a usage error naming a coming lesson as such. */
async function resolveTargets(
  positionals: string[],
  all: Lesson[],
  kitRoot: string,
): Promise<Lesson[]> {
  try {
    return positionals.map((p) => resolveTarget(p, all, kitRoot));
  } catch (error) {
    if (!(error instanceof UnknownLessonError)) throw error;
    const number = /^(?:lesson-?)?(\d{1,2})$/i.exec(positionals[0]?.trim() ?? "")?.[1];
    const topic = number ? (await comingLessons(kitRoot)).get(Number(number)) : undefined;
    const message = topic && number
      ? `lesson-${number.padStart(2, "0")} (${topic}) is coming: it is not written yet. ` +
        `The lessons so far are: ${all.map((l) => l.id).join(", ")}`
      : error.message;
    throw new UsageError(message, { showUsage: false });
  }
}

if (import.meta.main) await runMain("check", main);

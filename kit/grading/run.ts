/**
 * Running graded test files in `deno test` processes, with limits.
 *
 * A lesson's test files run in **one** process: a generated root module imports each test file
 * with `await import()` inside a `try`, so a syntax error, a missing export or a throw at the top
 * level of one exercise costs only that exercise's tests (the root registers a failing test
 * `kit: load FILE` with the error), and the process pays Deno's per-module test start-up once.
 * What one process cannot survive (an endless loop at the top level, `Deno.exit`, running out of
 * memory) is caught by a watchdog that reads the progress lines graded.ts writes: the process is
 * killed, the file that was loading or running is blamed, and the others run again without it.
 * The child gets no permissions beyond reading `data/` (and whatever the caller adds), a clean
 * environment, a wall-clock limit and a heap cap. Results come from the JUnit file the runtime
 * writes, never from what the child prints; progress lines are only shown.
 *
 * @module
 */

import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseJUnit, type ReportedTest } from "./junit.ts";
import { firstErrorLine, readBounded, startDeno } from "../lib/process.ts";
import { MAX_NAME_LENGTH, type Watch, watchProgress } from "./watch.ts";
import { MARKER } from "../testkit/protocol.ts";

export { MARKER };

/**
 * One progress line of a test process, parsed: where it comes from and what it says (see
 * `MARKER` in kit/testkit/protocol.ts). Not the search's per-trial `Progress`
 * (kit/search/runner.ts): a different thing, hence a different name.
 */
export interface ProgressLine {
  /** `load` (a test file starts loading), `loaded`, `test` (a test starts), `case` (an input),
   * `timeout` (a test was stopped at its limit), `plot` (a failed array answer), `end`. */
  kind: string;
  /** The test file, e.g. `decays_test.ts`. */
  file?: string;
  /** The test's full name. */
  name?: string;
  /** The case's input as the test wrote it. */
  input?: string;
  /** The running test's limit, ms. */
  timeoutMs?: number;
  /** For `plot`: the learner's values and the expected ones (null where not a finite number). */
  got?: (number | null)[];
  /** For `plot`: the expected values. */
  expected?: (number | null)[];
  /** For `cases`, `reference` (a reference run's discoveries) and `observed` (a graded run's
   * answers): the line's data as sent. */
  data?: Record<string, unknown>;
  /** Milliseconds since the process started. */
  at: number;
}

/** How one test file's run ended. */
export interface FileRun {
  /** The tests the runtime reported (empty when the file could not load or was killed). */
  tests: ReportedTest[];
  /** Why no test could run: a syntax error, a missing export, an error at top level. */
  loadError?: string;
  /** True when the file's tests were stopped at a wall-clock limit. */
  timedOut: boolean;
  /** What ran past the limit, when known: "loading decays.ts", a test and its input. */
  timeoutDetail?: string;
  /** Wall time of the process that ran it, in milliseconds. */
  durationMs: number;
  /** What the file's code printed (bounded), learner `console.log` included. */
  printed?: string;
  /** Time-outs and failed array answers the file's tests reported, for display. */
  events?: ProgressLine[];
}

/** The sandbox of a test process: what it may read, its memory, extra flags. */
export interface ProcessLimits {
  /** Folders the tests may read (default: the workspace's `data/`). */
  allowRead?: string[];
  /** V8 heap cap in MiB (default 1024). */
  maxHeapMiB?: number;
  /** Wraps the command, e.g. `["prlimit", "--data=2147483648", "--"]`, for a memory cap. */
  wrapper?: string[];
  /** More `deno test` flags, e.g. `["--cached-only", "--deny-net"]`. */
  extraArgs?: string[];
  /**
   * A folder of the caller's for the generated root module and the runtime's report, instead
   * of a new temporary folder per process; one per process running at once. The child cannot
   * read it (only its root module, which it loads).
   */
  scratchDir?: string;
}

/** What to run and under which limits. */
export interface RunFilesOptions extends ProcessLimits {
  /** The workspace root: holds `deno.json`, `kit/`, `data/` and `exercises/`. */
  workspace: string;
  /** The folder of the test files, relative to the workspace, e.g. `exercises/03-lr-schedules`. */
  folder: string;
  /** The test files, e.g. `["cosine_test.ts", "decays_test.ts"]`. */
  testFiles: string[];
  /** Which test file declares a test name; tests it does not know are left out. */
  ownerOf?: (testName: string) => string | undefined;
  /** The graded tests each file declares: progress lines naming others are not the kit's. */
  testsOf?: (file: string) => ReadonlySet<string> | undefined;
  /** Each graded test's limit, ms, as the reference run found it (default 10 s). */
  testLimitMs?: (testName: string) => number | undefined;
  /** Wall-clock limit of all the files together, in milliseconds. */
  timeoutMs: number;
  /** Limit of one file's import (its module graph's top level), ms (default 5 s, at most a
   * quarter of `timeoutMs`). */
  loadTimeoutMs?: number;
  /**
   * The learner's check: report every case's input as it starts and the values of failed array
   * answers, and fail a file's later tests at once after one of them ran past its time limit.
   */
  trace?: boolean;
  /** Called with each progress line as it arrives. */
  onProgress?: (progress: ProgressLine) => void;
  /**
   * A graded run: answers are recorded for the grader to judge (judge.ts) instead of compared
   * in the test process.
   */
  observe?: boolean;
  /** The grader's reference run: report which parts of the cases are expected values. */
  discover?: boolean;
  /** In a reference run: record the solutions' answers as the expected values (held-out cases,
   * whose values in the cases file come from another random stream), judging nothing. */
  referenceAnswers?: boolean;
  /** Stops the run (the process is killed); unfinished files come back as timed out. */
  signal?: AbortSignal;
}

/** Options of {@link runTestFile}: one file, by its path. */
export interface RunOptions extends Omit<RunFilesOptions, "folder" | "testFiles" | "ownerOf"> {
  /** The test file, relative to the workspace, e.g. `exercises/03-lr-schedules/decays_test.ts`. */
  testFile: string;
}

/**
 * Runs one test file in its own process and reports its tests, a load error, or a time-out.
 * Every test the runtime reports belongs to the file.
 * The example is not run: it starts a `deno test` process on a kit workspace (the grading tests
 * run it on a fixture kit).
 *
 * @example
 * ```ts ignore
 * const run = await runTestFile({
 *   workspace: Deno.cwd(),
 *   testFile: "exercises/03-lr-schedules/decays_test.ts",
 *   timeoutMs: 60_000,
 * });
 * assert.ok(run.loadError !== undefined || run.tests.length > 0);
 * ```
 */
export async function runTestFile(options: RunOptions): Promise<FileRun> {
  const file = options.testFile.split(/[\\/]/).at(-1)!;
  const runs = await runTestFiles({
    ...options,
    folder: dirname(options.testFile),
    testFiles: [file],
    ownerOf: () => file,
  });
  return runs[file];
}

/**
 * Runs test files of one folder in one process (see the module's notes), falling back to runs
 * without a file that hung or crashed the process, and reports each file's tests.
 * The example is not run: it starts `deno test` processes on a kit workspace (the grading tests
 * run it on a fixture kit).
 *
 * @example
 * ```ts ignore
 * const runs = await runTestFiles({
 *   workspace: Deno.cwd(),
 *   folder: "exercises/03-lr-schedules",
 *   testFiles: ["cosine_test.ts", "decays_test.ts"],
 *   ownerOf: (name) => declaredFileOf.get(name),
 *   timeoutMs: 60_000,
 * });
 * assert.deepEqual(Object.keys(runs).sort(), ["cosine_test.ts", "decays_test.ts"]);
 * ```
 */
export async function runTestFiles(options: RunFilesOptions): Promise<Record<string, FileRun>> {
  const started = performance.now();
  const results: Record<string, FileRun> = {};
  let pending = [...options.testFiles];
  let failedAttempts = 0;
  while (pending.length) {
    const left = options.timeoutMs - (performance.now() - started);
    if (left <= 0 || options.signal?.aborted) {
      for (const file of pending) results[file] = { tests: [], timedOut: true, durationMs: 0 };
      break;
    }
    // The blame comes from progress lines, which the code under test can forge (watch.ts): a
    // forged "next file loads" line could make every rerun blame another innocent file and pay
    // the load limit again. After two processes that did not complete, each remaining file runs
    // in a process of its own, where the blame is certain.
    const files = failedAttempts >= 2 ? [pending[0]] : pending;
    const attempt = await runProcess(options, files, left);
    if (files.length === 1 && pending.length > 1) {
      results[files[0]] = attempt.runs[files[0]] ??
        { tests: [], timedOut: true, durationMs: 0 };
      pending = pending.slice(1);
      if (attempt.aborted) {
        for (const file of pending) results[file] = { tests: [], timedOut: true, durationMs: 0 };
        break;
      }
      continue;
    }
    if (!attempt.complete) failedAttempts++;
    if (attempt.complete) {
      Object.assign(results, attempt.runs);
      break;
    }
    // The process was killed or died: the file that was loading or running takes the blame,
    // and the others run again without it.
    const culprit = attempt.culprit && pending.includes(attempt.culprit)
      ? attempt.culprit
      : pending[0];
    results[culprit] = attempt.runs[culprit];
    pending = pending.filter((file) => file !== culprit);
    if (attempt.aborted) {
      for (const file of pending) results[file] = { tests: [], timedOut: true, durationMs: 0 };
      break;
    }
  }
  return results;
}

/** The name of the test the root module registers for a file that did not load. */
const LOAD_TEST_PREFIX = "kit: load ";
/** The name of the last test the root module registers. */
const END_TEST = "kit: end";

interface Attempt {
  /** True when the runtime's report was read: `runs` holds every file. */
  complete: boolean;
  /** True when stopped through the caller's signal. */
  aborted: boolean;
  /** The file to blame when the process did not complete. */
  culprit?: string;
  runs: Record<string, FileRun>;
}

/** Lines the pretty reporter writes around and about tests: not the learner's output. */
const REPORTER_LINE =
  /^(running \d+ tests? from |-+ (pre-test )?output( end)? -+$|.* \.\.\.( (ok|FAILED|ignored)( .*)?)?$|ok \| |FAILED \| | ?ERRORS ?$| ?FAILURES ?$|error: Test failed)/;

async function runProcess(
  options: RunFilesOptions,
  files: string[],
  limitMs: number,
): Promise<Attempt> {
  const { workspace } = options;
  const scratch = await scratchFolder(options);
  const junitPath = join(scratch, "report.xml");
  const rootPath = join(scratch, "run_test.ts");
  await Deno.writeTextFile(rootPath, await rootModuleSource(options, files));
  // Sandboxed: no network settings, and `--cached-only`, so it cannot download anything (the
  // command the user ran fetched what it loads first).
  const child = startDeno({
    args: testArgs(options, junitPath, rootPath),
    cwd: workspace,
    kind: "sandboxed",
    wrapper: options.wrapper,
  });
  const started = performance.now();
  const elapsed = () => performance.now() - started;

  // Loading a test file takes milliseconds; an endless loop at a file's top level should cost
  // a small part of the lesson's time, not all of it.
  const loadLimit = options.loadTimeoutMs ?? Math.min(5_000, limitMs / 4);
  // What the progress lines say, as far as they fit the run (watch.ts): the phase, the file
  // and test running, since when.
  const watch = watchProgress({
    files,
    testsOf: options.testsOf,
    testLimitMs: options.testLimitMs,
    loadLimitMs: loadLimit,
    trusted: options.discover,
  });
  const lines = collectLines(options, watch, elapsed);
  const guard = guardProcess(child, watch, elapsed, limitMs, options.signal);

  // A reference run (trusted code) reports whole arrays of expected values on one line, a
  // graded run each test's answers.
  const lineLimit = options.discover ? 512 << 20 : options.observe ? MAX_OBSERVED_LINE : 64 << 10;
  const [stdoutTail, stderr, status] = await Promise.all([
    readProgressLines(child.stdout, lines.onLine, lineLimit),
    readBounded(child.stderr),
    child.status,
  ]);
  guard.stop();
  const durationMs = elapsed();
  const killedFor = guard.killedFor();
  const report = killedFor ? { oversized: false } : await readReport(junitPath);
  if (!options.scratchDir) await Deno.remove(scratch, { recursive: true }).catch(() => {});
  const base = (name: string): FileRun => ({
    tests: [],
    timedOut: false,
    durationMs,
    printed: lines.printedBy.get(name)?.text(),
    events: lines.events.filter((e) => e.file === name),
  });
  if (report.reported) {
    return completeAttempt(options, files, report.reported, base, status);
  }
  return failedAttempt({
    workspace,
    files,
    base,
    watch,
    killedFor,
    oversized: report.oversized,
    printed: stdoutTail + "\n" + stderr,
    status,
  });
}

/** The folder of one process's root module and report: the caller's, emptied, or a new one. */
async function scratchFolder(options: RunFilesOptions): Promise<string> {
  // The caller's folder for this run, when given (a grading's reused workspace: the same path
  // for every student, so Deno's cache of the transpiled root module is reused, not grown).
  if (!options.scratchDir) return await Deno.makeTempDir({ prefix: "kit-run-" });
  await Deno.mkdir(options.scratchDir, { recursive: true });
  await Deno.remove(join(options.scratchDir, "report.xml")).catch(() => {});
  return options.scratchDir;
}

/** The `deno test` arguments of one process. */
function testArgs(options: RunFilesOptions, junitPath: string, rootPath: string): string[] {
  const allowRead = options.allowRead ?? [join(options.workspace, "data")];
  return [
    "test",
    "--no-check",
    "--no-prompt",
    "--reporter=pretty",
    `--junit-path=${junitPath}`,
    `--config=${join(options.workspace, "deno.json")}`,
    `--v8-flags=--max-old-space-size=${options.maxHeapMiB ?? 1024}`,
    ...(allowRead.length ? [`--allow-read=${allowRead.join(",")}`] : []),
    ...(options.extraArgs ?? []),
    rootPath,
  ];
}

/** What a process's lines leave: each file's printed text and the events kept for display. */
interface CollectedLines {
  onLine: (line: string) => void;
  printedBy: Map<string, BoundedText>;
  events: ProgressLine[];
}

/** Sorts a process's stdout lines: progress lines to the watch, the rest as the file's output. */
function collectLines(
  options: RunFilesOptions,
  watch: Watch,
  elapsed: () => number,
): CollectedLines {
  const events: ProgressLine[] = [];
  let observedBytes = 0;
  const printedBy = new Map<string, BoundedText>();
  // Each block of printed lines is labelled with the test that printed it (or the loading).
  const labelOf = new Map<string, string>();
  const onLine = (line: string) => {
    const at = line.indexOf(MARKER);
    if (at < 0) {
      const file = watch.file();
      // Cut before any pattern is tried on it: a line is the learner's to make long.
      const cut = line.length > 2000 ? line.slice(0, 2000) + "…" : line;
      if (file !== undefined && watch.phase() !== "end" && !REPORTER_LINE.test(cut)) {
        let text = printedBy.get(file);
        if (!text) printedBy.set(file, text = new BoundedText());
        const test = watch.test();
        const label = watch.phase() === "test" && test?.name ? test.name : "while the file loaded";
        if (labelOf.get(file) !== label) {
          labelOf.set(file, label);
          text.add(`── ${label} ──`);
        }
        text.add(cut);
      }
      return;
    }
    const progress = parseProgressLine(line.slice(at + MARKER.length), elapsed(), options.discover);
    if (!progress || !watch.accept(progress)) return;
    options.onProgress?.(progress);
    if (progress.kind === "timeout" || progress.kind === "plot") {
      events.push(progress);
    } else if (progress.kind === "observed" && observedBytes < MAX_OBSERVED_BYTES) {
      // Bounded: output is the learner's to flood, and only answers can be read from it.
      observedBytes += line.length;
      events.push(progress);
    }
  };
  return { onLine, printedBy, events };
}

/** Why the watchdog killed the process. */
interface KilledFor {
  culprit?: string;
  detail: string;
  aborted?: boolean;
}

/** The watchdog: kills the child past the run's limit, a watch's limit, or on the signal. */
function guardProcess(
  child: { kill(signal: Deno.Signal): void },
  watch: Watch,
  elapsed: () => number,
  limitMs: number,
  signal?: AbortSignal,
): { stop(): void; killedFor(): KilledFor | undefined } {
  let killedFor: KilledFor | undefined;
  const kill = (reason: KilledFor) => {
    if (killedFor) return;
    killedFor = reason;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  };
  // The grader's clock and limits; the lines only say where the process is (watch.ts).
  const watchdog = setInterval(() => {
    const now = elapsed();
    const test = watch.test();
    if (now > limitMs) {
      kill({
        culprit: watch.file(),
        detail: test && watch.phase() === "test"
          ? `"${test.name}" was still running when the time ran out`
          : `the tests did not finish within ${seconds(limitMs)}`,
      });
    } else {
      const overdue = watch.overdue(now);
      if (overdue) kill(overdue);
    }
  }, 100);
  const onAbort = () => kill({ culprit: watch.file(), detail: "interrupted", aborted: true });
  signal?.addEventListener("abort", onAbort);
  if (signal?.aborted) onAbort();
  return {
    stop() {
      clearInterval(watchdog);
      signal?.removeEventListener("abort", onAbort);
    },
    killedFor: () => killedFor,
  };
}

/** The runtime's report of a process that was not killed, unless missing or too large. */
async function readReport(
  junitPath: string,
): Promise<{ reported?: ReportedTest[]; oversized: boolean }> {
  try {
    // Learner code can register tests with huge names or failure messages: a report that
    // large is not read, so that it cannot fill the grader's memory.
    if ((await Deno.stat(junitPath)).size > MAX_REPORT_BYTES) return { oversized: true };
    return { reported: parseJUnit(await Deno.readTextFile(junitPath)), oversized: false };
  } catch {
    // No report: the process died.
    return { oversized: false };
  }
}

/** Each file's tests from the runtime's report, with the load errors the root module reported. */
function completeAttempt(
  options: RunFilesOptions,
  files: string[],
  reported: ReportedTest[],
  base: (name: string) => FileRun,
  status: Deno.CommandStatus,
): Attempt {
  const runs: Record<string, FileRun> = {};
  const loadErrors = new Map<string, string>();
  for (const name of files) runs[name] = base(name);
  for (const t of reported) {
    const loading = t.name.startsWith(LOAD_TEST_PREFIX)
      ? t.name.slice(LOAD_TEST_PREFIX.length)
      : undefined;
    if (loading !== undefined) {
      // Only the root module's own test for a file of the run, once; its message cut before
      // any pattern is tried on it.
      if (files.includes(loading) && !loadErrors.has(loading)) {
        loadErrors.set(loading, (t.message ?? "").slice(0, MAX_FAILURE_TEXT));
      }
    } else if (t.name !== END_TEST && t.name.length <= MAX_NAME_LENGTH) {
      const owner = files.length === 1 ? files[0] : options.ownerOf?.(t.name);
      if (owner !== undefined && runs[owner]) runs[owner].tests.push(t);
    }
  }
  for (const [name, message] of loadErrors) {
    if (!runs[name]) continue;
    runs[name].tests = [];
    runs[name].loadError = explainLoadFailure(
      "error: " + message.replace(/^Uncaught (\(in promise\) )?/, "")
        .replace(/^(Type)?Error: (?=(\w*Error: |Module not found))/, ""),
      options.workspace,
      status.code,
    );
  }
  return { complete: true, aborted: false, runs };
}

/** A process with no report: killed, crashed, or its report too large. One file takes the blame. */
function failedAttempt(ended: {
  workspace: string;
  files: string[];
  base: (name: string) => FileRun;
  watch: Watch;
  killedFor?: KilledFor;
  oversized: boolean;
  printed: string;
  status: Deno.CommandStatus;
}): Attempt {
  const { watch, killedFor, printed, status, workspace } = ended;
  const culprit = killedFor ? killedFor.culprit : watch.file();
  const blamed = culprit ?? ended.files[0];
  const run = ended.base(blamed);
  if (killedFor) {
    run.timedOut = true;
    run.timeoutDetail = killedFor.detail;
  } else {
    run.loadError = ended.oversized
      ? `the test report is over ${
        MAX_REPORT_BYTES >> 20
      } MiB (huge test names or messages): not read`
      : watch.phase() === "load" && watch.file() !== undefined
      ? explainLoadFailure(printed, workspace, status.code)
      : explainCrash(printed, status, watch.test());
  }
  return {
    complete: false,
    aborted: killedFor?.aborted ?? false,
    culprit: blamed,
    runs: { [blamed]: run },
  };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Why a process died during the tests, from its exit status and output. */
function explainCrash(printed: string, status: Deno.CommandStatus, test?: ProgressLine): string {
  const during = test ? ` during "${test.name}"` : "";
  if (/out of memory|Reached heap limit|allocation failed/i.test(printed)) {
    return `the test process ran out of memory${during}`;
  }
  if (status.signal === "SIGKILL" || status.code === 137) {
    return `the test process was killed${during} (out of memory?)`;
  }
  if (status.code === 134 || status.signal === "SIGABRT") {
    return `the test process aborted${during} (exit code 134)`;
  }
  const ended =
    `the test process ended${during} (exit code ${status.code}) before reporting its results`;
  const error = firstErrorLine(printed);
  // What it said beats a guess: "could not download …", "… not found in cache".
  return error ? `${ended}: ${error}` : `${ended} without an error (Deno.exit called?)`;
}

/** How much of the end of a child's output is kept for the reasons of a crash. */
const KEEP_TAIL = 48 * 1024;

/**
 * Reads a child's output line by line, calling `onLine` for each line of at most `lineLimit`
 * characters; a longer line is dropped whole (it is not the kit's), and reading it costs time in
 * proportion to its length only: nothing of it is kept or copied once it passes the limit.
 * Returns the output's last 48 KiB, for the reasons of a crash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readProgressLines } from "./run.ts";
 * const lines: string[] = [];
 * const text = `a\n${"x".repeat(50)}\nb\nc`;
 * const tail = await readProgressLines(new Blob([text]).stream(), (l) => lines.push(l), 10);
 * assert.deepEqual(lines, ["a", "b", "c"]);
 * assert.ok(tail.endsWith("b\nc"));
 * ```
 */
export async function readProgressLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
  lineLimit: number,
): Promise<string> {
  let partial = "";
  // The line being read is over the limit: the rest of it is skipped.
  let overlong = false;
  let tail = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    tail = chunk.length >= KEEP_TAIL ? chunk.slice(-KEEP_TAIL) : (tail + chunk).slice(-KEEP_TAIL);
    let start = 0;
    for (let end = chunk.indexOf("\n"); end >= 0; end = chunk.indexOf("\n", start)) {
      if (!overlong && partial.length + (end - start) <= lineLimit) {
        onLine(partial + chunk.slice(start, end));
      }
      partial = "";
      overlong = false;
      start = end + 1;
    }
    if (!overlong && start < chunk.length) {
      if (partial.length + (chunk.length - start) > lineLimit) {
        overlong = true;
        partial = "";
      } else partial += chunk.slice(start);
    }
  }
  if (partial && !overlong) onLine(partial);
  return tail;
}

/** Longest text field (an input) a progress line may carry; longer is cut. */
const MAX_FIELD_LENGTH = 400;
/** Longest failure message a pattern is tried on. */
const MAX_FAILURE_TEXT = 4096;

/** Longest progress line other than a graded test's answers read from an untrusted run. */
export const MAX_CONTROL_LINE = 16 << 10;

/**
 * Reads one progress line (after the marker): its kind and fields, each checked for type and
 * cut to a fixed length. In a run of untrusted code (`trusted` false) a line other than a
 * test's answers (`observed`) longer than {@link MAX_CONTROL_LINE} is not the kit's and is not
 * parsed. The child's `timeoutMs` is kept only in a reference run (the teacher's tests on the
 * solutions), whose limits the graded runs then use (watch.ts). Linear in the line's length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseProgressLine } from "./run.ts";
 * const line = 'test {"file":"a_test.ts","name":"a [1 pt]","timeoutMs":1e9}';
 * assert.deepEqual(parseProgressLine(line, 5), { kind: "test", file: "a_test.ts", name: "a [1 pt]", at: 5 });
 * assert.equal(parseProgressLine(`case {"input":"${"x".repeat(1 << 20)}"}`, 5), undefined);
 * ```
 */
export function parseProgressLine(
  text: string,
  at: number,
  trusted = false,
): ProgressLine | undefined {
  const space = text.indexOf(" ");
  if (space < 0 || space > 32) return undefined;
  if (!trusted && text.length > MAX_CONTROL_LINE && text.slice(0, space) !== "observed") {
    return undefined;
  }
  try {
    const data = JSON.parse(text.slice(space + 1));
    if (typeof data !== "object" || data === null) return undefined;
    const progress: ProgressLine = { kind: text.slice(0, space), at };
    for (const key of ["file", "name"] as const) {
      if (typeof data[key] === "string") {
        if (data[key].length > MAX_NAME_LENGTH) return undefined;
        progress[key] = data[key];
      }
    }
    if (typeof data.input === "string") {
      progress.input = data.input.length > MAX_FIELD_LENGTH
        ? data.input.slice(0, MAX_FIELD_LENGTH) + "…"
        : data.input;
    }
    if (trusted && typeof data.timeoutMs === "number") progress.timeoutMs = data.timeoutMs;
    if (["cases", "reference", "observed"].includes(progress.kind)) progress.data = data;
    for (const key of ["got", "expected"] as const) {
      if (Array.isArray(data[key])) {
        progress[key] = data[key].map((v: unknown) => typeof v === "number" ? v : null);
      }
    }
    return progress;
  } catch {
    return undefined;
  }
}

/**
 * The source of the generated root module: freezes the graded cases the files import, then
 * imports each test file in turn, turning a failed import into a failing `kit: load FILE` test.
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile(root, await rootModuleSource(options, ["decays_test.ts"]));
 * ```
 */
async function rootModuleSource(options: RunFilesOptions, files: string[]): Promise<string> {
  const { workspace, folder } = options;
  const url = (path: string) => JSON.stringify(pathToFileURL(resolve(workspace, path)).href);
  const testPaths = files.map((file) => join(folder, file));
  const cases = new Set<string>();
  for (const path of testPaths) {
    const text = await Deno.readTextFile(join(workspace, path)).catch(() => "");
    for (const match of text.matchAll(/kit\/cases\/([\w.-]+\.json)/g)) cases.add(match[1]);
  }
  const settings = JSON.stringify({
    traceCases: options.trace,
    // Graded runs too: a loop every test of a file reaches costs one test's limit, not each's.
    skipAfterTimeout: true,
    observe: options.observe,
    discover: options.discover,
    referenceAnswers: options.referenceAnswers,
  });
  const lines = [
    "// Written by kit/grading/run.ts; see its notes.",
    // Node compatibility patches built-ins as it starts, which must happen before graded.ts
    // freezes them; it costs ~40 ms, so only where a module of the run needs it.
    ...(await needsNodeCompatibility(workspace, testPaths) ? ['import "node:module";'] : []),
    `import { beginTestFile, endOfTestFiles, testFileFailed } from ${
      url("kit/testkit/graded.ts")
    };`,
    ...[...cases].map((name, i) =>
      `import cases${i} from ${url(`kit/cases/${name}`)} with { type: "json" };`
    ),
    // Learner code gets the cases' arrays as inputs and can reach the module with a computed
    // import() (a loaded module needs no permission): frozen, they cannot be emptied.
    "const seen = new Set();",
    "function deepFreeze(value) {",
    '  if (typeof value !== "object" || value === null || seen.has(value)) return;',
    "  seen.add(value);",
    "  Object.freeze(value);",
    "  for (const key of Reflect.ownKeys(value)) deepFreeze(value[key]);",
    "}",
    ...[...cases].map((_, i) => `deepFreeze(cases${i});`),
  ];
  files.forEach((file, i) => {
    lines.push(
      `beginTestFile(${JSON.stringify(file)}, ${settings});`,
      `try {\n  await import(${url(testPaths[i])});\n} catch (error) {\n  testFileFailed(${
        JSON.stringify(file)
      }, error);\n}`,
    );
  });
  lines.push("endOfTestFiles();", "");
  return lines.join("\n");
}

/** Largest source read when looking for npm and node imports. */
const MAX_SCANNED_BYTES = 1 << 20;

/**
 * Whether any module reachable from `paths` by relative imports imports something that is not
 * a local file (an `npm:`, `node:` or bare specifier), which starts Deno's Node compatibility.
 * A text scan, generous on purpose: a false "yes" costs ~40 ms, a false "no" a crash at load.
 */
async function needsNodeCompatibility(workspace: string, paths: string[]): Promise<boolean> {
  const queue = paths.map((path) => resolve(workspace, path));
  const seen = new Set<string>();
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
  while (queue.length && seen.size < 500) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    let text: string;
    try {
      const info = await Deno.stat(path);
      if (!info.isFile || info.size > MAX_SCANNED_BYTES) continue;
      text = await Deno.readTextFile(path);
    } catch {
      continue;
    }
    // Imports in comments (JSDoc examples import node:assert) do not count.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const match of code.matchAll(specifier)) {
      const target = match[1];
      if (target.startsWith(".") || target.startsWith("/")) {
        if (/\.(ts|js|mts|mjs)$/.test(target)) queue.push(resolve(dirname(path), target));
      } else if (!target.startsWith("file:")) {
        return true;
      }
    }
  }
  return false;
}

/**
 * A fresh copy of a short string, holding no reference to the longer string it was cut from.
 *
 * @example
 * ```ts ignore
 * kept.push(detach(line.slice(0, 2000)));
 * ```
 */
function detach(text: string): string {
  return DETACH_DECODER.decode(DETACH_ENCODER.encode(text));
}
// Made once: detach runs for every line a child's output keeps (neither keeps state between calls).
const DETACH_ENCODER = new TextEncoder(), DETACH_DECODER = new TextDecoder();

/** Text kept per file: the first and last lines, bounded. */
class BoundedText {
  #head: string[] = [];
  #tail: string[] = [];
  #dropped = 0;
  #last: string | undefined;
  #repeats = 0;
  add(line: string): void {
    // A print in a loop is one line with a count, not a page of copies.
    if (line === this.#last) {
      this.#repeats++;
      return;
    }
    this.#flushRepeats();
    this.#last = line;
    this.#push(line.length > 2000 ? line.slice(0, 2000) + "…" : line);
  }
  #flushRepeats(): void {
    if (this.#repeats) this.#push(`  (the line above ${this.#repeats} more times)`);
    this.#repeats = 0;
  }
  #push(line: string): void {
    // A copy, not a slice: a slice of the runtime's output keeps the whole chunk it came from
    // (kilobytes for a short line, megabytes for a long one) alive in the grader's memory.
    const cut = detach(line);
    if (this.#head.length < 100) this.#head.push(cut);
    else {
      this.#tail.push(cut);
      if (this.#tail.length > 100) {
        this.#tail.shift();
        this.#dropped++;
      }
    }
  }
  text(): string {
    this.#flushRepeats();
    this.#last = undefined;
    const gap = this.#dropped ? [`[… ${this.#dropped} lines left out …]`] : [];
    return [...this.#head, ...gap, ...this.#tail].join("\n");
  }
}

/** Most bytes of answers read from one graded run (the whole course's are about 1.5 MB). */
const MAX_OBSERVED_BYTES = 64 << 20;
/** Longest line of one test's answers read from a graded run. */
const MAX_OBSERVED_LINE = 16 << 20;

/** Largest JUnit report read; a real one is a few kilobytes per test. */
const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/**
 * Turns what `deno test` printed for a file that could not load into one or two readable lines:
 * the error and where it is, relative to the workspace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { explainLoadFailure } from "./run.ts";
 * const printed = "error: SyntaxError: Expected ',', got 'x'\n    at file:///k/exercises/a.ts:3:9\n";
 * assert.equal(
 *   explainLoadFailure(printed, "/k", 1),
 *   "syntax error in exercises/a.ts:3:9: Expected ',', got 'x'",
 * );
 * ```
 */
export function explainLoadFailure(printed: string, workspace: string, exitCode: number): string {
  // Every line cut before a pattern is tried on it: the text is the learner's to make long.
  const lines = printed.split("\n").map((line) => line.slice(0, MAX_FAILURE_TEXT));
  const errorAt = lines.findIndex((line) => line.startsWith("error: "));
  if (errorAt < 0) {
    if (/out of memory|Reached heap limit|allocation failed/i.test(printed)) {
      return "the test process ran out of memory";
    }
    if (exitCode === 137) return "the test process was killed (out of memory?)";
    if (exitCode === 134) return "the test process aborted (exit code 134)";
    return `the test process ended (exit code ${exitCode}) before reporting any test, without an error (Deno.exit called?)`;
  }
  const message = lines[errorAt].slice("error: ".length).replace(/^\(in promise\)\s*/, "").trim();
  const missing = /^Module not found "file:\/\/([^"]+)"/.exec(message);
  if (missing) {
    const path = relative(workspace, decodeURIComponent(missing[1]));
    return `${path} is missing: create it again, or restore the stub with \`git checkout -- ${path}\``;
  }
  const location = lines.slice(errorAt + 1).map((line) => /file:\/\/(\/[^\s)]+:\d+:\d+)/.exec(line))
    .find((match) => match !== null);
  // Deno reports a module that does not parse as "TypeError: SyntaxError: …": say it once, as
  // what it is, with the line.
  const syntax = /^(?:TypeError: )?SyntaxError: (?!The requested module)(.*)$/.exec(message);
  if (!location) return syntax ? `syntax error: ${syntax[1]}` : message;
  const path = decodeURIComponent(location[1]);
  if (!syntax) return `${message} (${relative(workspace, path)})`;
  return `syntax error in ${relative(workspace, path)}: ${syntax[1]}${sourceLine(path)}`;
}

/** The line `file:line:col` points at, with a caret under the column; empty when unreadable. */
function sourceLine(location: string): string {
  const match = /^(.*):(\d+):(\d+)$/.exec(location);
  if (!match) return "";
  try {
    const line = Deno.readTextFileSync(match[1]).split("\n")[Number(match[2]) - 1];
    if (line === undefined) return "";
    const number = `${match[2]} | `;
    return `\n${number}${line}\n${" ".repeat(number.length + Number(match[3]) - 1)}^`;
  } catch {
    return "";
  }
}

/**
 * Running one graded test file in its own `deno test` process, with limits.
 *
 * One process per test file, because Deno stops a whole run on one syntax error: a half-written
 * exercise must only cost its own tests. The child gets no permissions beyond reading `data/`
 * (and whatever the caller adds), a clean environment, a wall-clock limit, and a heap cap.
 * Results come from the JUnit file the runtime writes, never from what the child prints.
 *
 * @module
 */

import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseJUnit, type ReportedTest } from "./junit.ts";

/** How one test file's run ended. */
export interface FileRun {
  /** The tests the runtime reported (empty when the file could not load or was killed). */
  tests: ReportedTest[];
  /** Why no test could run: a syntax error, a missing export, an error at top level. */
  loadError?: string;
  /** True when the process was killed at the wall-clock limit. */
  timedOut: boolean;
  /** Wall time of the process in milliseconds. */
  durationMs: number;
  /** What the process printed (learner `console.log` included), for `--show-output`. */
  printed?: string;
}

/** What to run and under which limits. */
export interface RunOptions {
  /** The workspace root: holds `deno.json`, `kit/`, `data/` and `exercises/`. */
  workspace: string;
  /** The test file, relative to the workspace, e.g. `exercises/03-lr-schedules/decays_test.ts`. */
  testFile: string;
  /** Wall-clock limit of the whole process, in milliseconds. */
  timeoutMs: number;
  /** Folders the tests may read (default: the workspace's `data/`). */
  allowRead?: string[];
  /** V8 heap cap in MiB (default 1024). */
  maxHeapMiB?: number;
  /** Wraps the command, e.g. `["prlimit", "--data=2147483648", "--"]`, for a memory cap. */
  wrapper?: string[];
  /** More `deno test` flags placed before the test file, e.g. `["--cached-only", "--deny-net"]`. */
  extraArgs?: string[];
}

/**
 * The environment a child `deno` gets: enough to find its cache and nothing of the caller's.
 *
 * @example
 * ```ts ignore
 * const env = childEnvironment(); // { PATH, HOME, DENO_DIR?, NO_COLOR: "1", ... }
 * ```
 */
export function childEnvironment(): Record<string, string> {
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
  };
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Runs one test file and reports its tests, a load error, or a time-out.
 *
 * @example
 * ```ts ignore
 * const run = await runTestFile({
 *   workspace: Deno.cwd(),
 *   testFile: "exercises/03-lr-schedules/decays_test.ts",
 *   timeoutMs: 60_000,
 * });
 * console.log(run.tests.filter((t) => t.passed).length);
 * ```
 */
export async function runTestFile(options: RunOptions): Promise<FileRun> {
  const scratch = await Deno.makeTempDir({ prefix: "kit-run-" });
  const junitPath = join(scratch, "report.xml");
  const allowRead = options.allowRead ?? [join(options.workspace, "data")];
  const preload = await writeCasesPreload(options.workspace, scratch);
  const args = [
    "test",
    "--no-check",
    "--no-prompt",
    "--quiet",
    ...(preload ? [`--preload=${preload}`] : []),
    // The pretty reporter shows each test's console output, for `check --show-output`.
    "--reporter=pretty",
    `--junit-path=${junitPath}`,
    `--config=${join(options.workspace, "deno.json")}`,
    `--v8-flags=--max-old-space-size=${options.maxHeapMiB ?? 1024}`,
    ...(allowRead.length ? [`--allow-read=${allowRead.join(",")}`] : []),
    ...(options.extraArgs ?? []),
    options.testFile,
  ];
  const wrapper = options.wrapper ?? [];
  const command = new Deno.Command(wrapper[0] ?? Deno.execPath(), {
    args: wrapper.length ? [...wrapper.slice(1), Deno.execPath(), ...args] : args,
    cwd: options.workspace,
    clearEnv: true,
    env: childEnvironment(),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  const started = performance.now();
  const child = command.spawn();
  const deadline = killAfter(child, options.timeoutMs);
  const [stdout, stderr, status] = await Promise.all([
    readBounded(child.stdout),
    readBounded(child.stderr),
    child.status,
  ]);
  const timedOut = deadline.stop();
  const durationMs = performance.now() - started;
  const printed = stdout + "\n" + stderr;
  const output = { code: status.code };
  let tests: ReportedTest[] = [];
  let oversized = false;
  try {
    // Learner code can register tests with huge names or failure messages: a report that large
    // is not read, so that it cannot fill the grader's memory.
    oversized = !timedOut && (await Deno.stat(junitPath)).size > MAX_REPORT_BYTES;
    tests = timedOut || oversized ? [] : parseJUnit(await Deno.readTextFile(junitPath));
  } catch {
    // No report: the file did not load, or the process died.
  }
  await Deno.remove(scratch, { recursive: true }).catch(() => {});
  const run: FileRun = { tests, timedOut, durationMs, printed };
  if (!timedOut && tests.length === 0) {
    run.loadError = oversized
      ? `the test report is over ${
        MAX_REPORT_BYTES >> 20
      } MiB (huge test names or messages): not read`
      : explainLoadFailure(printed, options.workspace, output.code);
  }
  return run;
}

/**
 * The source of a module that deep-freezes the given JSON modules. Run before the test file
 * (`deno test --preload`), it freezes the very objects the test file's `import cases from
 * "…json"` receives, since a module is loaded once per process.
 *
 * Why: the graded cases are shared, mutable objects otherwise. Learner code gets their arrays and
 * objects as inputs, and can reach the whole module with a computed `import()` (a module that is
 * already loaded needs no read permission). Emptying a list of cases, or an input array that a
 * later test loops over, would make a test check nothing and pass.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { casesPreloadSource } from "./run.ts";
 * assert.ok(casesPreloadSource(["file:///k/kit/cases/01-demo.json"]).includes("01-demo"));
 * ```
 */
export function casesPreloadSource(specifiers: readonly string[]): string {
  const imports = specifiers.map((specifier, i) =>
    `import cases${i} from ${JSON.stringify(specifier)} with { type: "json" };`
  );
  return [
    "// Written by kit/grading/run.ts: freezes the graded cases before any other module runs.",
    ...imports,
    "const seen = new Set();",
    "function deepFreeze(value) {",
    '  if (typeof value !== "object" || value === null || seen.has(value)) return;',
    "  seen.add(value);",
    "  Object.freeze(value);",
    "  for (const key of Reflect.ownKeys(value)) deepFreeze(value[key]);",
    "}",
    ...specifiers.map((_, i) => `deepFreeze(cases${i});`),
    "",
  ].join("\n");
}

/**
 * Writes into `folder` the preload that freezes every `kit/cases/*.json` of the workspace (where
 * graded tests take their cases from, see kit/AUTHORING.md) and returns its path, or undefined
 * when the workspace has no such file.
 */
async function writeCasesPreload(workspace: string, folder: string): Promise<string | undefined> {
  const casesDir = join(workspace, "kit", "cases");
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(casesDir)) {
      if (entry.name.endsWith(".json") && !entry.isDirectory) files.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  if (files.length === 0) return undefined;
  files.sort();
  const path = join(folder, "freeze_cases.js");
  const specifiers = files.map((name) => pathToFileURL(join(casesDir, name)).href);
  await Deno.writeTextFile(path, casesPreloadSource(specifiers));
  return path;
}

/** Largest JUnit report read; a real one is a few kilobytes per test. */
const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/**
 * Kills `child` with SIGKILL once `ms` milliseconds have passed. `stop()` cancels the timer and
 * tells whether the kill happened, i.e. whether the child ran out of time.
 *
 * @example
 * ```ts ignore
 * const deadline = killAfter(child, 5_000);
 * await child.status;
 * if (deadline.stop()) console.log("timed out");
 * ```
 */
export function killAfter(child: Deno.ChildProcess, ms: number): { stop(): boolean } {
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }, ms);
  return {
    stop() {
      clearTimeout(timer);
      return killed;
    },
  };
}

/** How much of a child's output is kept: its start and its end. */
const KEEP_HEAD = 16 * 1024;
const KEEP_TAIL = 48 * 1024;

/**
 * Reads a stream to its end, keeping only its first 16 KiB and last 48 KiB, so that a program
 * printing in an endless loop cannot fill the grader's memory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBounded } from "./run.ts";
 * const text = await readBounded(new Blob(["hello"]).stream());
 * assert.equal(text, "hello");
 * ```
 */
export async function readBounded(stream: ReadableStream<Uint8Array>): Promise<string> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let tail: Uint8Array[] = [];
  let tailBytes = 0;
  let dropped = 0;
  for await (const chunk of stream) {
    if (headBytes < KEEP_HEAD) {
      head.push(chunk);
      headBytes += chunk.length;
      continue;
    }
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tailBytes - tail[0].length >= KEEP_TAIL) {
      tailBytes -= tail[0].length;
      dropped += tail[0].length;
      tail = tail.slice(1);
    }
  }
  const decode = (parts: Uint8Array[]) => new TextDecoder().decode(concat(parts));
  const gap = dropped ? `\n[… ${dropped} bytes of output left out …]\n` : "";
  return decode(head) + gap + decode(tail);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

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
 *   "SyntaxError: Expected ',', got 'x' (exercises/a.ts:3:9)",
 * );
 * ```
 */
export function explainLoadFailure(printed: string, workspace: string, exitCode: number): string {
  const lines = printed.split("\n");
  const errorAt = lines.findIndex((line) => line.startsWith("error: "));
  if (errorAt < 0) {
    if (exitCode === 137 || exitCode === 134 || /out of memory/i.test(printed)) {
      return "the process ran out of memory";
    }
    return `the test process ended (exit code ${exitCode}) before reporting any test`;
  }
  const message = lines[errorAt].slice("error: ".length).replace(/^\(in promise\)\s*/, "").trim();
  const missing = /^Module not found "file:\/\/([^"]+)"/.exec(message);
  if (missing) {
    const path = relative(workspace, decodeURIComponent(missing[1]));
    return `${path} is missing: create it again, or restore the stub with \`git checkout -- ${path}\``;
  }
  const location = lines.slice(errorAt + 1).map((line) => /file:\/\/(\/[^\s)]+:\d+:\d+)/.exec(line))
    .find((match) => match !== null);
  if (!location) return message;
  const path = decodeURIComponent(location[1]);
  return `${message} (${relative(workspace, path)})`;
}

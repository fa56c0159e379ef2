/**
 * The watchdog's view of a test process, from progress lines it cannot trust.
 *
 * Progress lines (`MARKER` lines, see graded.ts) come from the test process, where student code
 * can print lines of the same shape. So a line counts only when it fits what the run can do at
 * that point: a file starts loading only in the root module's order, the graded tests start only
 * after every file loaded, a test line must name a test the manifest declares for a file of the
 * run (once: a test starts once), and the end comes after the tests; a time-out, a plot or an
 * answer must name a declared test, an input comes only while a test runs, and a reference
 * run's lines (`cases`, `reference`) count only in a reference run. Limits come from the
 * grader: each test's from the reference run (the teacher's test declarations) or the default,
 * never from a number on a line; the clock is the grader's. A forged line can at most move the
 * blame to another file of the same run, or start a declared test's limit early: it can never
 * make a limit longer than the declared tests allow.
 *
 * @module
 */

import type { ProgressLine } from "./run.ts";

/** A graded test's limit when the reference run gave none (graded.ts's default). */
export const DEFAULT_TEST_LIMIT_MS = 10_000;
/** How long past a test's own limit the watchdog waits before killing the process. */
export const TEST_GRACE_MS = 5_000;
/** Longest name or file a progress line may carry; longer ones are not the kit's. */
export const MAX_NAME_LENGTH = 1_000;

/** What the watchdog knows about the run. */
export interface WatchRules {
  /** The run's test files, in the order the root module imports them. */
  files: readonly string[];
  /** The graded tests of each file, when the manifest declares them (else any name counts). */
  testsOf?: (file: string) => ReadonlySet<string> | undefined;
  /** A test's limit, ms, from the reference run; default {@link DEFAULT_TEST_LIMIT_MS}. */
  testLimitMs?: (name: string) => number | undefined;
  /** Limit of one file's loading, ms. */
  loadLimitMs: number;
  /** A reference run (the teacher's tests on the solutions): its `cases` and `reference`
   * lines count. In any other run they are forged. */
  trusted?: boolean;
}

/** Why the watchdog stops a process: the file to blame and what ran too long. */
export interface Overdue {
  culprit?: string;
  detail: string;
}

/** The watchdog's state machine: `accept` each progress line, ask `overdue` on each tick. */
export interface Watch {
  /** Whether the line fits the run (and then updates the state); forged lines return false. */
  accept(progress: ProgressLine): boolean;
  /** Why the process must stop now, if it must. */
  overdue(now: number): Overdue | undefined;
  /** The file loading or running now, for blame when the process dies. */
  file(): string | undefined;
  /** The graded test running now. */
  test(): ProgressLine | undefined;
  /** `load` until every file loaded, `test`, then `end`. */
  phase(): "load" | "test" | "end";
}

/**
 * A watch over one process's progress lines.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { watchProgress } from "./watch.ts";
 * const watch = watchProgress({
 *   files: ["a_test.ts"],
 *   testsOf: () => new Set(["a [1 pt]"]),
 *   loadLimitMs: 5_000,
 * });
 * assert.ok(watch.accept({ kind: "load", file: "a_test.ts", at: 0 }));
 * assert.ok(!watch.accept({ kind: "test", file: "a_test.ts", name: "a [1 pt]", at: 1 }));
 * assert.ok(watch.accept({ kind: "loaded", at: 2 }));
 * assert.ok(!watch.accept({ kind: "test", file: "a_test.ts", name: "forged", at: 3 }));
 * assert.ok(watch.accept({ kind: "test", file: "a_test.ts", name: "a [1 pt]", timeoutMs: 1e9, at: 4 }));
 * assert.equal(watch.overdue(4 + 10_000 + 5_001)?.culprit, "a_test.ts");
 * ```
 */
export function watchProgress(rules: WatchRules): Watch {
  const state: WatchState = {
    phase: "load",
    loaded: -1,
    testLimit: 0,
    since: 0,
    started: new Set<string>(),
  };
  return {
    accept: (progress) => accept(state, rules, progress),
    overdue: (now) => overdueOf(state, rules, now),
    file: () => state.file,
    test: () => state.test,
    phase: () => state.phase,
  };
}

/** What a watch knows so far: the phase, the file and test running, since when. */
interface WatchState {
  phase: "load" | "test" | "end";
  /** Index of the last file that started loading. */
  loaded: number;
  file?: string;
  test?: ProgressLine;
  /** The running test's limit, ms. */
  testLimit: number;
  /** When the current phase, file or test began, ms. */
  since: number;
  /** The tests that started, as "file\nname": a test starts once. */
  started: Set<string>;
}

/** Whether a progress line names a file of the run and a test it declares. */
function declared(rules: WatchRules, progress: ProgressLine): boolean {
  if (!inRun(rules, progress.file) || typeof progress.name !== "string") return false;
  const tests = rules.testsOf?.(progress.file!);
  return !tests || tests.has(progress.name);
}

function inRun(rules: WatchRules, name: unknown): boolean {
  return typeof name === "string" && rules.files.includes(name);
}

/** Whether the line fits the run; if it does, the state moves on. */
function accept(state: WatchState, rules: WatchRules, progress: ProgressLine): boolean {
  switch (progress.kind) {
    case "load":
      // Files load in the root module's order: only the next one can start.
      if (state.phase !== "load" || progress.file !== rules.files[state.loaded + 1]) return false;
      state.loaded++;
      state.file = progress.file;
      state.since = progress.at;
      return true;
    case "loaded":
      if (state.phase !== "load" || state.loaded !== rules.files.length - 1) return false;
      state.phase = "test";
      state.since = progress.at;
      return true;
    case "test":
      return acceptTest(state, rules, progress);
    case "end":
      if (state.phase !== "test") return false;
      state.phase = "end";
      state.since = progress.at;
      return true;
    case "timeout":
    case "plot":
    case "observed":
      // Each names a declared test of a file of the run (a stop, a failed array, the
      // answers), or any test where the manifest declares none (the learner's own files).
      return declared(rules, progress) || (!rules.testsOf && inRun(rules, progress.file));
    case "case":
      // An input, shown while a test runs.
      return state.phase === "test" && state.test !== undefined;
    case "cases":
    case "reference":
      return rules.trusted === true;
    default:
      return false;
  }
}

/** A graded test starts: once, a declared one, after every file loaded. */
function acceptTest(state: WatchState, rules: WatchRules, progress: ProgressLine): boolean {
  if (state.phase !== "test" || !declared(rules, progress)) return false;
  const key = `${progress.file}\n${progress.name}`;
  if (state.started.has(key)) return false;
  state.started.add(key);
  state.file = progress.file;
  state.test = { ...progress, timeoutMs: undefined };
  state.testLimit = rules.testLimitMs?.(progress.name!) ?? DEFAULT_TEST_LIMIT_MS;
  state.since = progress.at;
  return true;
}

/** Why the process must stop at `now`, if it must. */
function overdueOf(state: WatchState, rules: WatchRules, now: number): Overdue | undefined {
  const { phase, file, test } = state;
  const idle = now - state.since;
  if (phase === "load" && file !== undefined && idle > rules.loadLimitMs) {
    return {
      culprit: file,
      detail: `loading it did not finish within ${seconds(rules.loadLimitMs)} ` +
        "(an endless loop at the top level of a file?)",
    };
  }
  if (phase === "test" && test && idle > state.testLimit + TEST_GRACE_MS) {
    return { culprit: test.file, detail: `"${test.name}" did not stop at its time limit` };
  }
  // Between the last load and the first test, and after the end, the process has nothing of
  // its own to wait for: a hang there (after a forged line, say) is stopped as a load is.
  if ((phase === "test" && !test) || phase === "end") {
    if (idle > rules.loadLimitMs + TEST_GRACE_MS) {
      return {
        culprit: test?.file ?? file,
        detail: phase === "end"
          ? "the test process did not end after its tests"
          : "no graded test started after loading",
      };
    }
  }
  return undefined;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

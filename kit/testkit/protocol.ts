/**
 * What the sandboxed test process and the kit's runner share: the start of a progress line and
 * the shape of an answer the graded run records. One definition for both sides, in
 * `kit/testkit/` because the child loads it beside the learner's code: no imports, no side
 * effects.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MARKER, type Observation } from "./protocol.ts";
 * const seen: Observation = { kind: "number", input: "square(3)", outcome: { value: 9 } };
 * assert.ok(`${MARKER}observed ${JSON.stringify(seen)}`.startsWith("\u0001kit:"));
 * ```
 *
 * @module
 */

/**
 * The start of every progress line the child writes (graded.ts) and the runner reads (run.ts):
 * which test file is loading, which test runs, what it observed.
 */
export const MARKER = "\u0001kit:";

/** One case as the student's run observed it. */
export interface Observation {
  /** Which `expect*` made it; `error` when the test itself stopped on an error. */
  kind: "number" | "numbers" | "equal" | "throws" | "error";
  /** The call, as the test wrote it. */
  input: string;
  /** Reference cases only: the expected value, as plain data. */
  expected?: unknown;
  rel?: number;
  abs?: number;
  hint?: string;
  names?: string[];
  messageIncludes?: string;
  /** What the learner's code returned (as plain data, see graded.ts) or threw. */
  outcome?: { value: unknown } | { threw: string; message: string };
  /** For `error`: why the test stopped. */
  detail?: string;
}

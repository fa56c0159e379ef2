// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 2: asynchronous successive halving (ASHA), the decision a free worker asks for.
 *
 * @module
 */

/** One finished evaluation at a rung: which configuration, and its validation score there. */
export interface RungResult {
  /** The configuration's id (the order it was first started in). */
  id: number;
  /** Validation score at the rung's budget, higher is better. Not finite: the run diverged. */
  score: number;
}

/** What the scheduler knows about one rung when a worker asks for a job. */
export interface AshaRung {
  /** The evaluations that have FINISHED at this rung, in the order they finished. */
  results: readonly RungResult[];
  /** The ids already promoted from this rung to the next (finished there or still running). */
  promoted: readonly number[];
}

/** The job a free worker is given. */
export type AshaJob =
  /** Continue configuration `id` to rung `rung` (one above the rung it was promoted from). */
  | { kind: "promote"; id: number; rung: number }
  /** Draw a new configuration and train it to the bottom rung's budget. */
  | { kind: "new"; rung: 0 };

/**
 * ASHA's `get_job` (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys
 * 2020, Algorithm 2): look at the rungs from the second highest down to the bottom; at rung k,
 * the candidates are the top ⌊nₖ/η⌋ of its nₖ finished results; the first candidate, best first,
 * that has not been promoted yet is promoted to rung k + 1. When no rung has one, the worker
 * starts a new configuration at rung 0. The top rung (the last of `rungs`) never promotes.
 *
 * Only the results a rung has SO FAR count: a configuration may be promoted from a rung where
 * it is in the top 1/η of three results and would not be among twenty-seven (a mispromotion,
 * which the lesson counts). Ranking is within the rung, never across rungs: every result of a
 * rung has the same budget, so scores there are comparable.
 *
 * Tie rule: higher score first; equal scores, the lower id first (an id is the order in which
 * configurations were started, so the earlier one wins, whatever order the results finished
 * in). A diverged result (score not finite) ranks after every finite one and is never promoted.
 *
 * Throws a `RangeError` when `eta` is not a finite number > 1, when `rungs` is empty, when an id
 * appears twice in one rung's results or its promoted list, or when a promoted id has no result
 * at that rung (a configuration is promoted only after it finished there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type AshaRung, ashaNextJob } from "./asha.ts";
 * // Rung 0 has three results, so its top ⌊3/3⌋ = 1 is configuration 2, not yet promoted.
 * const rungs: AshaRung[] = [
 *   { results: [{ id: 0, score: 0.6 }, { id: 1, score: 0.5 }, { id: 2, score: 0.8 }], promoted: [] },
 *   { results: [], promoted: [] },
 * ];
 * assert.deepEqual(ashaNextJob(rungs, 3), { kind: "promote", id: 2, rung: 1 });
 * // Once it is promoted, rung 0 has nothing left to give: a new configuration starts.
 * rungs[0].promoted = [2];
 * assert.deepEqual(ashaNextJob(rungs, 3), { kind: "new", rung: 0 });
 * ```
 */
export function ashaNextJob(rungs: readonly AshaRung[], eta: number): AshaJob {
  throw new Error("TODO: ashaNextJob (lesson 10, 'ASHA: promote as soon as a rung allows it')");
}

/**
 * Stops a kit command early, with a clear message, on a Deno older than the kit needs.
 *
 * Every command-line entry point of the kit imports this module first (`import
 * "../lib/require_deno.ts";`): static imports are evaluated in order, so the check runs before any
 * other module of the command does, in the same process (a separate `deno run` before each task
 * cost every `deno task check` another process start). Deno 2.3 and 2.4 then stop here with
 * this message instead of failing every graded test; `.ci/run` runs this file alone to decide
 * whether to install Deno 2.9.6. Deno 2.2 and older cannot reach it: `deno task` itself reads the lock file first and
 * stops with "Unsupported lockfile version '5'", which the README explains.
 *
 * @module
 */

/**
 * The oldest Deno the kit runs on: 2.5 is the first with `deno test --preload`, which the
 * graded runs use (2.3 and 2.4 read the lock file but fail every test); before 2.3 the lock
 * file cannot be read at all.
 */
export const MINIMUM_DENO = "2.5.0";

/**
 * Whether version `a` ("major.minor.patch", anything after a `-` or `+` ignored) is older than
 * `b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { olderThan } from "./require_deno.ts";
 * assert.equal(olderThan("2.2.15", "2.5.0"), true);
 * assert.equal(olderThan("2.10.0", "2.5.0"), false);
 * ```
 */
export function olderThan(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[-+]/)[0].split(".").map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  }
  return false;
}

/**
 * The message for a Deno too old for the kit, or `null` when `version` will do.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denoVersionProblem } from "./require_deno.ts";
 * assert.equal(denoVersionProblem("2.9.6"), null);
 * assert.ok(denoVersionProblem("2.2.15")?.startsWith("This course needs Deno 2.5.0"));
 * ```
 */
export function denoVersionProblem(version: string): string | null {
  if (!olderThan(version, MINIMUM_DENO)) return null;
  return `This course needs Deno ${MINIMUM_DENO} or newer, and this is Deno ${version}.\n` +
    "Upgrade it with `deno upgrade`, or run the course's commands through npm instead,\n" +
    "e.g. `npx -y deno@2.9.6 task check lesson-01`.";
}

const problem = denoVersionProblem(Deno.version.deno);
if (problem) {
  console.error(problem);
  Deno.exit(1);
}

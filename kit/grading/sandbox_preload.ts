/**
 * Loaded by `deno test --preload` in every graded run of a submission, before the test file and
 * so before any learner code: freezes the built-ins (as `graded.ts` does, in case a test file
 * forgets to import it first) and the runtime's internal object that `Deno.test` consults, so
 * learner code cannot reconfigure the test runner.
 *
 * @example
 * ```ts ignore
 * // deno test --preload=kit/grading/sandbox_preload.ts exercises/01-demo/half_test.ts
 * ```
 *
 * @module
 */

import { hardenIntrinsics } from "./harden.ts";

const internalKey = (Deno as unknown as { internal: symbol }).internal;
const internals = (Deno as unknown as Record<symbol, unknown>)[internalKey];
if (typeof internals === "object" && internals !== null) Object.freeze(internals);
hardenIntrinsics();

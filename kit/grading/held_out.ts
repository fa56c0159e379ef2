/**
 * Held-out cases: the lessons' cases drawn again under a teacher's secret seed, for the grade of
 * record. The generators (kit/content, teacher's copy only) name their random draws with string
 * seeds; with a seed namespace set (kit/lib/random.ts) every draw changes, while the lessons'
 * tables and the numeric seeds the code under test also uses stay. Expected values come from the
 * reference code, in this separate process; the student's run never sees them (judge.ts).
 *
 * `deno run -A kit/grading/held_out.ts KIT_ROOT OUT_DIR` with the seed on stdin writes
 * `OUT_DIR/NN-slug.json` for every lesson with a generator.
 *
 * @module
 */

import { join } from "node:path";
import { listLessons } from "../course/lessons.ts";
import { runDeno } from "../lib/process.ts";
import { setSeedNamespace } from "../lib/random.ts";
import type { Discovery } from "./trusted.ts";
import { makeTempFolder } from "./temp.ts";

/**
 * Draws held-out cases in a separate process and returns the folder holding them
 * (`NN-slug.json`, one per lesson), or why it could not. The caller removes the folder: prefer
 * {@link withHeldOutCases}, which does on every way out.
 * The example is not run: it runs every lesson's case generator (about two minutes;
 * held_out_test.ts runs it).
 *
 * @example
 * ```ts ignore
 * const drawn = await drawHeldOutCases(kitRoot, "a teacher's secret");
 * assert.ok(!("problem" in drawn));
 * await drawn.remove();
 * ```
 */
export async function drawHeldOutCases(
  kitRoot: string,
  seed: string,
): Promise<{ folder: string; remove: () => Promise<void> } | { problem: string }> {
  // Removed on an interrupt too (temp.ts), until the caller removes it.
  const held = await makeTempFolder("kit-held-out-", true);
  const folder = held.path;
  try {
    // The seed goes through stdin: never on a command line that other users can list. The kit's
    // own code runs there (trusted), so it is a kit child.
    const output = await runDeno({
      args: ["run", "-A", "--no-check", new URL(import.meta.url).pathname, kitRoot, folder],
      cwd: kitRoot,
      kind: "kit",
    }, seed);
    if (!output.success) {
      await held.remove();
      const why = output.stderr.split("\n").find((l) => l.trim());
      return { problem: `held-out cases could not be drawn: ${why ?? "no reason given"}` };
    }
    return { folder, remove: held.remove };
  } catch (error) {
    await held.remove();
    throw error;
  }
}

/**
 * Draws held-out cases (see {@link drawHeldOutCases}), hands their folder to `use`, and removes
 * the folder however `use` ends: returned, thrown, or the grader interrupted (SIGINT, SIGTERM)
 * meanwhile. The folder holds the teacher's held-out expected values; no run leaves it behind.
 * The example is not run: it runs every lesson's case generator (about two minutes;
 * held_out_test.ts runs it).
 *
 * @example
 * ```ts ignore
 * const found = await withHeldOutCases(kitRoot, seed, async (folder) => (await Deno.stat(folder)).isDirectory);
 * assert.equal(found, true);
 * ```
 */
export async function withHeldOutCases<T>(
  kitRoot: string,
  seed: string,
  use: (folder: string) => Promise<T>,
): Promise<{ value: T } | { problem: string }> {
  const drawn = await drawHeldOutCases(kitRoot, seed);
  if ("problem" in drawn) return drawn;
  try {
    return { value: await use(drawn.folder) };
  } finally {
    await drawn.remove();
  }
}

/**
 * The graded tests none of whose cases a held-out draw changes: a submission that hard-codes
 * the public cases passes them in the grade of record too. Compares, per test, the cases the
 * reference run made with the public cases and with held-out ones (kind, input, expected value).
 * Both runs must take their expected values from the solutions' answers (`discoverExpected`
 * with a cases folder), so that only a changed draw makes a case differ.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testsWithoutHeldOutCases } from "./held_out.ts";
 * import type { Discovery } from "./trusted.ts";
 * const run = (expected: number) =>
 *   ({ reference: new Map([["t", [{ kind: "number", input: "f(1)", expected }]]]) }) as Discovery;
 * assert.deepEqual(testsWithoutHeldOutCases(run(1), run(1)), ["t"]);
 * assert.deepEqual(testsWithoutHeldOutCases(run(1), run(2)), []);
 * ```
 */
export function testsWithoutHeldOutCases(
  publicRun: Pick<Discovery, "reference">,
  heldOutRun: Pick<Discovery, "reference">,
): string[] {
  const key = (o: { kind: string; input: string; expected?: unknown }) =>
    JSON.stringify([o.kind, o.input, o.expected]);
  const lacking: string[] = [];
  for (const [name, cases] of heldOutRun.reference) {
    const open = new Set((publicRun.reference.get(name) ?? []).map(key));
    if (cases.every((c) => open.has(key(c)))) lacking.push(name);
  }
  return lacking;
}

if (import.meta.main) {
  const [kitRoot, folder] = Deno.args;
  const seed = (await new Response(Deno.stdin.readable).text()).trim();
  if (!seed) throw new Error("no seed on stdin");
  // The generators live in the teacher's copy only (kit/content).
  const sync = await import(new URL("../content/sync.ts", import.meta.url).href);
  const lessons = await listLessons(kitRoot);
  for (const { lesson, content } of await sync.loadGenerators(kitRoot, lessons)) {
    if (!content.cases) continue;
    // A generator may refuse a draw (a near tie, say) rather than draw again: then the next
    // namespace derived from the seed.
    let cases: unknown;
    let lastError: unknown;
    for (let attempt = 0; attempt < 20 && cases === undefined; attempt++) {
      setSeedNamespace(`held-out:${seed}:${attempt}`);
      try {
        cases = content.cases();
      } catch (error) {
        lastError = error;
      }
    }
    if (cases === undefined) throw lastError;
    await Deno.writeTextFile(join(folder, `${lesson.slug}.json`), JSON.stringify(cases));
  }
}

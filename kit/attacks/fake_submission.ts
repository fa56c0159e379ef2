/**
 * Fake submissions of the whole course for the kit's self-test: each implements nothing and
 * tries one way round the grade of record (held-out cases, judged apart, reports bounded). The
 * self-test (kit/grading/held_out_test.ts) grades each as a student and requires 0 points on
 * every lesson and none of the fake's text in any report.
 *
 * - `case-lookup`: every exported function answers from the cases module its test process
 *   already loaded (see `writeCaseLookup` in hard_coder.ts).
 * - `heap-snapshot`: takes a V8 heap snapshot (`node:v8`, reached by a computed import), which
 *   holds the source text of every loaded module (the teacher's test files included), answers
 *   from the numbers that follow the call's numbers there, and throws what it read (test-file
 *   text, expected values) so that it would reach the reports.
 * - `forged-markers`: prints the kit's progress lines as its own for every declared test
 *   (starts with huge limits, answers, time-outs, the end), then hangs at the top level of its
 *   first file: the watchdog must still stop that file at the load limit and grade the rest.
 * - `huge-names`: registers (from its first file) a test with a multi-megabyte name and tests
 *   named like the kit's load and end tests with long messages made to stall a backtracking
 *   pattern, prints such a line, and throws such text from every function.
 *
 * Every text a fake means to smuggle into a report starts with {@link FAKE_TEXT}, so that a test
 * can look for it.
 *
 * @module
 */

import { join } from "node:path";
import { loadManifest } from "../course/manifest.ts";
import { writeCaseLookup } from "./hard_coder.ts";

/** The kinds of fake submission. */
export type FakeSubmissionKind = "case-lookup" | "heap-snapshot" | "forged-markers" | "huge-names";

/** Every kind, in the order the self-test grades them. */
export const FAKE_SUBMISSION_KINDS: readonly FakeSubmissionKind[] = [
  "case-lookup",
  "heap-snapshot",
  "forged-markers",
  "huge-names",
];

/** The start of every text a fake tries to get into a report. */
export const FAKE_TEXT = "FAKE-SUBMISSION-TEXT";

const EXPORTED_FUNCTION = /^export (async )?function ([A-Za-z_$][\w$]*)/gm;

/** Each kind's code run once per test process (kept on `globalThis`), then its answer. */
const RUNTIMES: Record<Exclude<FakeSubmissionKind, "case-lookup">, string> = {
  "heap-snapshot": String.raw`
const g = globalThis as any;
const snapshot = async (): Promise<string> => {
  if (g.__fakeSnapshot === undefined) {
    g.__fakeSnapshot = "";
    try {
      const v8 = await import(["node", "v8"].join(":"));
      const chunks: string[] = [];
      for await (const chunk of v8.getHeapSnapshot()) chunks.push(String(chunk));
      g.__fakeSnapshot = chunks.join("");
    } catch {
      // No snapshot: nothing to read.
    }
  }
  return g.__fakeSnapshot;
};
const text = await snapshot();
const flat = (v: unknown, out: number[] = []): number[] => {
  if (out.length > 64) return out;
  if (typeof v === "number") out.push(v);
  else if (ArrayBuffer.isView(v)) for (const x of v as unknown as number[]) out.push(x);
  else if (Array.isArray(v)) for (const x of v) flat(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) flat(x, out);
  return out;
};
const answer = (name: string) => (...args: unknown[]): any => {
  const got = flat(args);
  const key = got.slice(0, 4).join(", ");
  const at = key ? text.indexOf(key) : -1;
  const around = at < 0 ? "" : text.slice(at, at + 400);
  const numbers = (around.slice(key.length).match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? []).map(Number);
  // What the snapshot shows of the teacher's test files, thrown so that a report might carry it.
  const test = text.indexOf("graded({");
  const leak = ${JSON.stringify(FAKE_TEXT)} + " " + name + " " + around + " " +
    (test < 0 ? "" : text.slice(test, test + 2000));
  if (numbers.length === 0) throw new Error(leak);
  return numbers.length === 1 ? numbers[0] : Float64Array.from(numbers);
};
`,
  "forged-markers": String.raw`
const g = globalThis as any;
const forge = (kind: string, data: unknown) =>
  Deno.stdout.writeSync(new TextEncoder().encode("\u0001kit:" + kind + " " + JSON.stringify(data) + "\n"));
for (const [file, names] of Object.entries(DECLARED)) {
  forge("load", { file });
  for (const name of names) {
    forge("test", { file, name, timeoutMs: 1e9 });
    forge("observed", { file, name, hint: ${JSON.stringify(FAKE_TEXT)}, observations: [] });
    forge("timeout", { file, name, input: ${JSON.stringify(FAKE_TEXT)} });
  }
}
forge("loaded", { timeoutMs: 1e9 });
forge("end", {});
// The course's first exercise file (no other imports it) hangs while it loads; the watchdog
// must stop it at the load limit, not at a forged one, and grade the others without it.
if (FIRST && !g.__fakeHung) {
  g.__fakeHung = true;
  while (Date.now() > 0) {}
}
const answer = (_name: string) => (..._args: unknown[]): any => 0;
`,
  "huge-names": String.raw`
const g = globalThis as any;
const long = ${JSON.stringify(FAKE_TEXT)} + " file:///" + "1:1:".repeat(128 * 1024);
// Registered by the course's first exercise file, once a process.
if (FIRST && !g.__fakeRegistered) {
  g.__fakeRegistered = true;
  Deno.test({ name: ${JSON.stringify(FAKE_TEXT)} + "x".repeat(5 << 20), fn() {} });
  for (const file of Object.keys(DECLARED)) {
    Deno.test({ name: "kit: load " + file, fn() { throw new Error(long); } });
  }
  Deno.test({ name: "kit: end", fn() { throw new Error(long); } });
  console.log(long);
}
const answer = (_name: string) => (..._args: unknown[]): any => {
  throw new Error(long);
};
`,
};

/**
 * Writes the fake of kind `kind` as a submission (`OUT/exercises/NN-slug/*.ts`) from the kit's
 * stubs: the stub's types and other exports stay, and every exported function is replaced by
 * the kind's answer. Returns how many functions it replaces.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FAKE_TEXT, writeFakeSubmission } from "./fake_submission.ts";
 * import { join } from "node:path";
 * import { fileURLToPath } from "node:url";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
 * const out = await Deno.makeTempDir();
 * const slug = "01-parameters-and-hyperparameters";
 * assert.ok(await writeFakeSubmission(kitRoot, [slug], "huge-names", out) > 0);
 * assert.ok((await Deno.readTextFile(join(out, "exercises", slug, "classify.ts"))).length > 0);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function writeFakeSubmission(
  kitRoot: string,
  slugs: string[],
  kind: FakeSubmissionKind,
  out: string,
): Promise<number> {
  if (kind === "case-lookup") return await writeCaseLookup(kitRoot, slugs, out);
  // A student edition has the test files, so a student knows every test's name.
  const manifest = await loadManifest(kitRoot);
  const declared: Record<string, string[]> = {};
  for (const slug of slugs) {
    for (const [testFile, tests] of Object.entries(manifest[slug] ?? {})) {
      declared[`${slug}/${testFile}`] = tests.map((t) => t.name);
    }
  }
  let replaced = 0;
  let first = true;
  for (const slug of slugs) {
    const folder = join(kitRoot, "exercises", slug);
    await Deno.mkdir(join(out, "exercises", slug), { recursive: true });
    const entries = (await Array.fromAsync(Deno.readDir(folder))).map((e) => e.name).sort();
    for (const name of entries) {
      if (!name.endsWith(".ts") || name.endsWith("_test.ts")) continue;
      const stub = await Deno.readTextFile(join(folder, name));
      const names = [...stub.matchAll(EXPORTED_FUNCTION)].map((m) => m[2]);
      replaced += names.length;
      const renamed = stub.replace(
        EXPORTED_FUNCTION,
        (_, async, fn) => `${async ?? ""}function stub_${fn}`,
      );
      const exports = names.map((fn) =>
        `export const ${fn}: typeof stub_${fn} = answer(${JSON.stringify(fn)});`
      );
      await Deno.writeTextFile(
        join(out, "exercises", slug, name),
        `// deno-lint-ignore-file\n${renamed}\nconst DECLARED: Record<string, string[]> = ${
          JSON.stringify(declared)
        };\nconst FIRST = ${first};\n${RUNTIMES[kind]}\n${exports.join("\n")}\n`,
      );
      first = false;
    }
  }
  return replaced;
}

/**
 * The strongest "knows every file of the student edition" attacks, made at test time:
 * submissions that implement nothing and answer every call of every exported function by
 * looking its arguments up in what the public cases and test files reveal
 * ({@link writeHardCoder}), or in the cases the test process has loaded
 * ({@link writeCaseLookup}).
 *
 * What a student could learn by running the public tests against a recorder is exactly what the
 * reference run on the public cases records (trusted.ts): per test, each call's input text and
 * expected value. Each exported function of the generated submission takes the numbers of its
 * arguments, finds the recorded call of the same function whose numbers they are (the input
 * text may be cut short, so a prefix of them), and returns its expected value, or throws for a
 * recorded refusal. Anything else gets 0, as an honest wrong answer would.
 *
 * @module
 */

import { join } from "node:path";
import type { Observation } from "../testkit/protocol.ts";
import type { Discovery } from "../grading/trusted.ts";

/** One recorded call of a function: the numbers in its input text and what it should give. */
interface Known {
  numbers: number[];
  expected?: unknown;
  throws?: string;
}

const LEADING_NAME = /^([A-Za-z_$][\w$]*)\s*\(/;
const NUMBER = /(?<![\w.$])-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|Infinity)|NaN/g;

/**
 * The numbers written in an input text, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numbersIn } from "./hard_coder.ts";
 * assert.deepEqual(numbersIn("stepDecay({ lr0: 0.1, l2: 1e-3 }, 4)"), [0.1, 0.001, 4]);
 * ```
 */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBER)].map((m) => Number(m[0]));
}

/** Per function name, every call the public reference run recorded. */
function knownCalls(discovery: Discovery): Map<string, Known[]> {
  const calls = new Map<string, Known[]>();
  for (const observations of discovery.reference.values()) {
    for (const o of observations as Observation[]) {
      const name = LEADING_NAME.exec(o.input)?.[1];
      if (!name) continue;
      const args = o.input.slice(name.length);
      const known: Known = o.kind === "throws"
        ? { numbers: numbersIn(args), throws: o.messageIncludes ?? "" }
        : { numbers: numbersIn(args), expected: o.expected };
      calls.set(name, [...(calls.get(name) ?? []), known]);
    }
  }
  return calls;
}

/**
 * The runtime of the attack, inlined into every generated file (a submission may import only
 * its own files and kit/lib). `fromPlain` is judge.ts's, `table` maps names to known calls.
 */
const RUNTIME = String.raw`
const flat = (v: unknown, out: number[] = []): number[] => {
  if (typeof v === "number") out.push(v);
  else if (ArrayBuffer.isView(v)) for (const x of v as unknown as number[]) out.push(x);
  else if (Array.isArray(v)) for (const x of v) flat(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) flat(x, out);
  return out;
};
const same = (a: number, b: number) =>
  Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
const fromPlain = (value: any): any => {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(fromPlain);
  if ("$number" in value) return value.$number === "-0" ? -0 : Number(value.$number);
  if ("$undefined" in value) return undefined;
  if ("$typed" in value) return Float64Array.from(value.values.map(fromPlain));
  if ("$object" in value) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value.$object)) o[k] = fromPlain(v);
    return o;
  }
  return value;
};
const answer = (name: string) => (...args: unknown[]): any => {
  const got = flat(args);
  let best: { numbers: number[]; expected?: unknown; throws?: string } | undefined;
  for (const known of TABLE[name] ?? []) {
    const n = known.numbers;
    if (n.length > got.length || !n.every((x, i) => same(x, got[i]))) continue;
    // A full match beats a prefix (an input text cut short); an answer beats a refusal.
    const rank = (k: typeof known) => (k.numbers.length === got.length ? 2 : 0) + (k.throws === undefined ? 1 : 0) + k.numbers.length / 1e6;
    if (!best || rank(known) > rank(best)) best = known;
  }
  if (!best) return 0;
  if (best.throws !== undefined) throw new RangeError(name + ": " + best.throws);
  return fromPlain(best.expected);
};
`;

const EXPORTED_FUNCTION = /^export (async )?function ([A-Za-z_$][\w$]*)/gm;

/**
 * Writes the attack as a submission (`OUT/exercises/NN-slug/*.ts`) from the kit's stubs and the
 * reference run on the public cases; returns how many functions it answers from the table.
 * The example is not run: it needs a reference run's discovery, which runs every lesson's
 * solutions (held_out_test.ts runs it).
 *
 * @example
 * ```ts ignore
 * const discovery = await discoverExpected(kitRoot, lessons, manifest);
 * const answered = await writeHardCoder(kitRoot, lessons.map((l) => l.slug), discovery, out);
 * assert.ok(answered > 0);
 * ```
 */
export async function writeHardCoder(
  kitRoot: string,
  slugs: string[],
  discovery: Discovery,
  out: string,
): Promise<number> {
  const calls = knownCalls(discovery);
  let answered = 0;
  for (const slug of slugs) {
    const folder = join(kitRoot, "exercises", slug);
    await Deno.mkdir(join(out, "exercises", slug), { recursive: true });
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const stub = await Deno.readTextFile(join(folder, entry.name));
      const names = [...stub.matchAll(EXPORTED_FUNCTION)].map((m) => m[2]);
      const table: Record<string, Known[]> = {};
      for (const name of names) {
        if (calls.has(name)) {
          table[name] = calls.get(name)!;
          answered++;
        }
      }
      // The stub's types and other exports stay; each function is replaced by the look-up.
      const renamed = stub.replace(
        EXPORTED_FUNCTION,
        (_, async, name) => table[name] ? `${async ?? ""}function stub_${name}` : _,
      );
      const exports = Object.keys(table).map((name) =>
        `export const ${name}: typeof stub_${name} = answer(${JSON.stringify(name)});`
      );
      await Deno.writeTextFile(
        join(out, "exercises", slug, entry.name),
        `// deno-lint-ignore-file\n${renamed}\nconst TABLE: Record<string, any[]> = ${
          JSON.stringify(table)
        };\n${RUNTIME}\n${exports.join("\n")}\n`,
      );
    }
  }
  return answered;
}

/**
 * The runtime of the case-lookup attack, inlined into every generated file: it reaches the
 * cases the test loaded (a computed import of a loaded module needs no permission) and answers
 * a call with a field of the case object whose other fields hold the call's numbers.
 */
const LOOKUP_RUNTIME = String.raw`
const flat = (v: unknown, out: number[] = []): number[] => {
  if (out.length > 4000) return out;
  if (typeof v === "number") out.push(v);
  else if (typeof v === "string" && String(Number(v)) === v) out.push(Number(v));
  else if (ArrayBuffer.isView(v)) for (const x of v as unknown as number[]) out.push(x);
  else if (Array.isArray(v)) for (const x of v) flat(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) flat(x, out);
  return out;
};
const key = (numbers: number[]) => numbers.map((x) => String(x)).join(",");
const INDEX = new Map<string, { field: string; value: unknown }[]>();
const walk = (node: unknown, depth: number): void => {
  if (!node || typeof node !== "object" || depth > 8 || ArrayBuffer.isView(node)) return;
  if (Array.isArray(node)) {
    for (const x of node) walk(x, depth + 1);
    return;
  }
  const entries = Object.entries(node as Record<string, unknown>);
  for (const [field, value] of entries) {
    const rest = entries.filter(([f]) => f !== field).map(([, v]) => v);
    const k = key(flat(rest));
    if (!INDEX.has(k)) INDEX.set(k, []);
    INDEX.get(k)!.push({ field, value });
    walk(value, depth + 1);
  }
};
try {
  const path = ["..", "..", "kit", "cases", CASES_FILE].join("/");
  walk((await import(path, { with: { type: "json" } })).default, 0);
} catch {
  // Not loaded by this test process: nothing to look up.
}
const lookup = (_name: string) => (...args: unknown[]): any => {
  const found = INDEX.get(key(flat(args))) ?? [];
  const pick = found.find((f) => /expected/i.test(f.field)) ?? found.find((f) => typeof f.value === "object") ?? found[0];
  return pick ? pick.value : 0;
};
`;

/**
 * Writes the case-lookup attack as a submission (`OUT/exercises/NN-slug/*.ts`): every exported
 * function of every exercise implements nothing and answers each call from the cases its test
 * process loaded, with the field (`expected` first) of the case object whose other fields hold
 * the call's numbers. The grade of record must give it nothing: the student's copy of the cases
 * keeps only inputs (trusted.ts, judge.ts). Returns how many functions it replaces.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeCaseLookup } from "./hard_coder.ts";
 * import { join } from "node:path";
 * import { fileURLToPath } from "node:url";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
 * const out = await Deno.makeTempDir();
 * const slug = "01-parameters-and-hyperparameters";
 * assert.ok(await writeCaseLookup(kitRoot, [slug], out) > 0);
 * assert.ok((await Deno.stat(join(out, "exercises", slug, "classify.ts"))).isFile);
 * await Deno.remove(out, { recursive: true });
 * ```
 */
export async function writeCaseLookup(
  kitRoot: string,
  slugs: string[],
  out: string,
): Promise<number> {
  let replaced = 0;
  for (const slug of slugs) {
    const folder = join(kitRoot, "exercises", slug);
    await Deno.mkdir(join(out, "exercises", slug), { recursive: true });
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const stub = await Deno.readTextFile(join(folder, entry.name));
      const names = [...stub.matchAll(EXPORTED_FUNCTION)].map((m) => m[2]);
      replaced += names.length;
      const renamed = stub.replace(
        EXPORTED_FUNCTION,
        (_, async, name) => `${async ?? ""}function stub_${name}`,
      );
      const exports = names.map((name) =>
        `export const ${name}: typeof stub_${name} = lookup(${JSON.stringify(name)});`
      );
      await Deno.writeTextFile(
        join(out, "exercises", slug, entry.name),
        `// deno-lint-ignore-file\n${renamed}\nconst CASES_FILE = ${
          JSON.stringify(`${slug}.json`)
        };\n${LOOKUP_RUNTIME}\n${exports.join("\n")}\n`,
      );
    }
  }
  return replaced;
}

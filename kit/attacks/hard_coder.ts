/**
 * The strongest "knows every file of the student edition" attack, made at test time: a
 * submission that implements nothing and answers every call of every exported function by
 * looking its arguments up in what the public cases and test files reveal.
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
import type { Observation } from "../grading/judge.ts";
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
 *
 * @example
 * ```ts ignore
 * const discovery = await discoverExpected(kitRoot, lessons, manifest);
 * await writeHardCoder(kitRoot, lessons.map((l) => l.slug), discovery, out);
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

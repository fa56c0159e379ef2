/**
 * Short, safe descriptions of values for failure messages.
 *
 * Values come from learner code and may be anything: huge arrays, cycles, proxies, objects whose
 * getters throw. Describing one must never throw and never print pages of output.
 *
 * @module
 */

const MAX_ITEMS = 8;
const MAX_LENGTH = 200;

/**
 * Describes a number so that distinct doubles look distinct (shortest round-trip form).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeNumber } from "./describe.ts";
 * assert.equal(describeNumber(6.25e-5), "0.0000625");
 * ```
 */
export function describeNumber(x: number): string {
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/**
 * Describes any value in at most about 200 characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeValue } from "./describe.ts";
 * assert.equal(describeValue([1, 2, 3]), "[1, 2, 3]");
 * assert.equal(describeValue(undefined), "undefined (did the function forget to return?)");
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    const text = describe(value, 0);
    return text.length > MAX_LENGTH ? text.slice(0, MAX_LENGTH) + "…" : text;
  } catch {
    return "(a value that could not be displayed)";
  }
}

function describe(value: unknown, depth: number): string {
  switch (typeof value) {
    case "number":
      return describeNumber(value);
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "undefined":
      // Said once, about the whole value, not for each element of an array of them.
      return depth === 0 ? "undefined (did the function forget to return?)" : "undefined";
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    case "boolean":
      return String(value);
  }
  if (value === null) return "null";
  if (depth > 2) return "…";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = value as unknown as ArrayLike<unknown>;
    const n = list.length;
    const shown: string[] = [];
    for (let i = 0; i < Math.min(n, MAX_ITEMS); i++) shown.push(describe(list[i], depth + 1));
    if (n > MAX_ITEMS) shown.push(`… ${n - MAX_ITEMS} more`);
    const prefix = Array.isArray(value) ? "" : `${value.constructor?.name ?? "TypedArray"} `;
    return `${prefix}[${shown.join(", ")}]`;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const keys = Object.keys(value as object);
  const shown = keys.slice(0, MAX_ITEMS).map((key) =>
    `${key}: ${describe((value as Record<string, unknown>)[key], depth + 1)}`
  );
  if (keys.length > MAX_ITEMS) shown.push(`… ${keys.length - MAX_ITEMS} more`);
  return `{ ${shown.join(", ")} }`;
}

const MAX_INPUT_LENGTH = 240;

/**
 * Puts a test's `input` text into the one format failure messages use: JSON-style objects and
 * arrays inside it (`{"lr0":0.1,"decay":0.5}`, as tests often build them with `JSON.stringify`)
 * become JavaScript literals with spaces (`{ lr0: 0.1, decay: 0.5 }`), arrays longer than eight
 * items are cut like expected values (`[1, 2, … 58 more]`), and the whole text is cut at about
 * 240 characters. Text inside string literals is left alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatInput } from "./describe.ts";
 * assert.equal(formatInput('f({"lr0":0.1,"gamma":0.5}, 3)'), "f({ lr0: 0.1, gamma: 0.5 }, 3)");
 * assert.equal(formatInput("g([1,2,3,4,5,6,7,8,9,10])"), "g([1, 2, 3, 4, 5, 6, 7, 8, … 2 more])");
 * ```
 */
export function formatInput(text: string): string {
  const out: string[] = [];
  // Per open bracket: is it an array, how many items so far, is the rest being skipped.
  const stack: { array: boolean; items: number; skipping: boolean; cut: boolean }[] = [];
  const skipping = () => stack.some((frame) => frame.skipping);
  const emit = (piece: string) => {
    if (!skipping()) out.push(piece);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      const literal = text.slice(i, j + 1);
      // An object key that is a plain identifier loses its quotes: {"lr0": …} → { lr0: … }.
      const isKey = text[j + 1] === ":" && stack.at(-1)?.array === false &&
        /^"[A-Za-z_$][\w$]*"$/.test(literal);
      emit(isKey ? literal.slice(1, -1) : literal);
      i = j + 1;
      continue;
    }
    if (c === "[" || c === "{") {
      while (text[i + 1] === " ") i++;
      emit(c === "{" && text[i + 1] !== "}" ? "{ " : c);
      // An array the test already shortened ("…") is shown as written.
      stack.push({ array: c === "[", items: 0, skipping: false, cut: !alreadyCut(text, i) });
    } else if ((c === "]" || c === "}") && stack.length) {
      const frame = stack.pop()!;
      if (frame.skipping) out.push(`… ${frame.items + 1 - MAX_ITEMS} more`);
      if (!skipping() && out.at(-1) === " ") out.pop();
      emit(c === "}" && out.at(-1) !== "{" ? " }" : c);
    } else if (c === "," && stack.length) {
      const frame = stack.at(-1)!;
      frame.items++;
      if (frame.array && frame.cut && frame.items === MAX_ITEMS && !skipping()) {
        out.push(", ");
        frame.skipping = true;
      } else emit(", ");
      while (text[i + 1] === " ") i++;
    } else if (c === ":" && stack.at(-1)?.array === false) {
      emit(": ");
      while (text[i + 1] === " ") i++;
    } else {
      emit(c);
    }
    i++;
  }
  const result = out.join("");
  return result.length > MAX_INPUT_LENGTH ? result.slice(0, MAX_INPUT_LENGTH) + "…" : result;
}

/** Whether the bracket opened at `start` closes after an ellipsis the text already holds. */
function alreadyCut(text: string, start: number): boolean {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "[" || text[i] === "{") depth++;
    else if (text[i] === "]" || text[i] === "}") {
      if (--depth === 0) return false;
    } else if (text[i] === "…" && depth === 1) return true;
  }
  return false;
}

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/**
 * Names the entries of a network's flat parameter (or gradient) vector by layer and position,
 * for failure messages: layer l's weights (inSize × outSize, row-major) then its biases, as
 * lesson 05 lays them out. Entry 18 of a [4, 3, 2] network is `W₂[0,0]`, not "index 18".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flatParameterName } from "./describe.ts";
 * const name = flatParameterName([4, 3, 2]);
 * assert.deepEqual([name(0), name(12), name(15), name(21)], ["W₁[0,0]", "b₁[0]", "W₂[0,0]", "b₂[0]"]);
 * ```
 */
export function flatParameterName(sizes: readonly number[]): (index: number) => string {
  return (index) => {
    let offset = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inSize = sizes[l], outSize = sizes[l + 1];
      const layer = String(l + 1).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
      const at = index - offset;
      if (at < inSize * outSize) return `W${layer}[${Math.floor(at / outSize)},${at % outSize}]`;
      if (at < inSize * outSize + outSize) return `b${layer}[${at - inSize * outSize}]`;
      offset += inSize * outSize + outSize;
    }
    return `index ${index}`;
  };
}

/** Numbers as an input text writes them (`-0.25`, `1e-7`, `3`), read left to right once. */
const WRITTEN_NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?Infinity|NaN/g;

/**
 * How many times an input text writes each number (in any form `Number()` reads back to the
 * same value, sign or no sign) and each of `true`, `false`, `null`. Linear in the text's length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writtenValues } from "./describe.ts";
 * const written = writtenValues("f([0.5, -0.5, 1e-3], true)");
 * assert.equal(written.get(0.5), 2);
 * assert.equal(written.get(0.001), 1);
 * assert.equal(written.get(true), 1);
 * ```
 */
export function writtenValues(text: string): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  const add = (value: unknown) => counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const match of text.matchAll(WRITTEN_NUMBER)) {
    const value = Number(match[0]);
    add(value);
    if (value < 0) add(-value);
  }
  for (const word of text.split(/[^A-Za-z]+/)) {
    if (word === "true" || word === "false") add(word === "true");
    else if (word === "null") add(null);
  }
  return counts;
}

/**
 * Whether an input text shows a primitive value: a number, boolean or null it writes (see
 * {@link writtenValues}), a string it contains.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shownIn } from "./describe.ts";
 * const shown = shownIn("fit([0.5, NaN, 1e-3], true)  // a note");
 * assert.ok(shown(0.5) && shown(0.001) && shown(Number.NaN) && shown(true) && shown("a note"));
 * assert.ok(!shown(2) && !shown(false) && !shown(0.25));
 * ```
 */
export function shownIn(text: string): (value: unknown) => boolean {
  const written = writtenValues(text);
  return (value) =>
    typeof value === "string" ? value.length > 0 && text.includes(value) : written.has(value);
}

// The typed arrays' own accessors, taken before any learner module runs (graded.ts imports this
// module first and then freezes %TypedArray%.prototype): an object that only looks like a typed
// array (a plain array, a proxy, an own `buffer` property) cannot answer them.
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayGetter = (key: PropertyKey) =>
  Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, key)!.get!;
const TAG_OF = typedArrayGetter(Symbol.toStringTag);
const BUFFER_OF = typedArrayGetter("buffer");
const BYTE_OFFSET_OF = typedArrayGetter("byteOffset");
const LENGTH_OF = typedArrayGetter("length");
const applyGetter = Reflect.apply;

/**
 * Where `view` lies in `base`, judged by the runtime's own typed-array accessors, never by the
 * objects' properties: `[first index, length]` when both are real `Float64Array`s over the same
 * memory, else what they are not. Structural tests (lesson 05's layers) compare it with the
 * layout the reference has on the same configuration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { viewPlacement } from "./describe.ts";
 * const params = new Float64Array(10);
 * assert.deepEqual(viewPlacement(params.subarray(4, 7), params), [4, 3]);
 * assert.equal(viewPlacement(new Float64Array(3), params), "not a view of the same memory");
 * assert.equal(viewPlacement([0, 0, 0], params), "not a Float64Array");
 * ```
 */
export function viewPlacement(view: unknown, base: unknown): [number, number] | string {
  const tag = (value: unknown) => applyGetter(TAG_OF, value, []);
  if (tag(view) !== "Float64Array") return "not a Float64Array";
  if (tag(base) !== "Float64Array") return "not a view of a Float64Array";
  if (applyGetter(BUFFER_OF, view, []) !== applyGetter(BUFFER_OF, base, [])) {
    return "not a view of the same memory";
  }
  const at = (applyGetter(BYTE_OFFSET_OF, view, []) - applyGetter(BYTE_OFFSET_OF, base, [])) /
    Float64Array.BYTES_PER_ELEMENT;
  return [at, applyGetter(LENGTH_OF, view, [])];
}

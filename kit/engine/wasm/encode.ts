/**
 * A small WebAssembly binary writer: just enough of the format for the engine's kernels
 * (`kernels.ts`), so the module is built from TypeScript with no assembler.
 *
 * A function body is written as a stack program through a {@link FunctionWriter}: instructions
 * by their WAT names (`w.op("f64x2.add")`), locals by handle, structured control flow with
 * labels. {@link encodeModule} wraps the functions into a module that imports its
 * transcendental functions (`env.exp`, …), owns one growable memory and exports both.
 *
 * Format reference: the WebAssembly core specification, "Binary Format" (webassembly.github.io/spec),
 * with the fixed-width SIMD and relaxed SIMD opcode tables.
 *
 * @module
 */

/** Value types the kernels use. */
export type ValType = "i32" | "f64" | "v128";

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/**
 * Unsigned LEB128, the format's variable-length integers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { uleb } from "./encode.ts";
 * assert.deepEqual(uleb(624485), [229, 142, 38]);
 * ```
 */
export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/**
 * Signed LEB128 (the immediates of `i32.const`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sleb } from "./encode.ts";
 * assert.deepEqual(sleb(-123456), [192, 187, 120]);
 * ```
 */
export function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Plain opcodes by WAT name; SIMD ones are `0xfd` followed by their number in LEB128. */
const PLAIN: Record<string, number> = {
  "return": 0x0f,
  "drop": 0x1a,
  "select": 0x1b,
  "i32.eqz": 0x45,
  "i32.eq": 0x46,
  "i32.ne": 0x47,
  "i32.lt_s": 0x48,
  "i32.gt_s": 0x4a,
  "i32.le_s": 0x4c,
  "i32.ge_s": 0x4e,
  "f64.eq": 0x61,
  "f64.lt": 0x63,
  "f64.gt": 0x64,
  "i32.add": 0x6a,
  "i32.sub": 0x6b,
  "i32.mul": 0x6c,
  "i32.and": 0x71,
  "i32.or": 0x72,
  "i32.shl": 0x74,
  "f64.neg": 0x9a,
  "f64.sqrt": 0x9f,
  "f64.add": 0xa0,
  "f64.sub": 0xa1,
  "f64.mul": 0xa2,
  "f64.div": 0xa3,
  "f64.max": 0xa5,
  "f64.convert_i32_s": 0xb7,
};

const SIMD: Record<string, number> = {
  "f64x2.splat": 0x14,
  "f64x2.eq": 0x47,
  "f64x2.gt": 0x4a,
  "v128.and": 0x4e,
  "f64x2.neg": 0xed,
  "f64x2.sqrt": 0xef,
  "f64x2.add": 0xf0,
  "f64x2.sub": 0xf1,
  "f64x2.mul": 0xf2,
  "f64x2.div": 0xf3,
  "f64x2.max": 0xf5,
  // Relaxed SIMD: a fused multiply-add where the hardware has one (a·b + c, rounded once).
  "f64x2.relaxed_madd": 0x107,
};

/** Memory instructions: opcode bytes and the natural alignment (log2 bytes). */
const MEMORY: Record<string, { code: number[]; align: number }> = {
  "i32.load": { code: [0x28], align: 2 },
  "f64.load": { code: [0x2b], align: 3 },
  "i32.store": { code: [0x36], align: 2 },
  "f64.store": { code: [0x39], align: 3 },
  "v128.load": { code: [0xfd, 0x00], align: 4 },
  "v128.load64_splat": { code: [0xfd, 0x0a], align: 3 },
  "v128.store": { code: [0xfd, 0x0b], align: 4 },
};

/** A local variable (parameters included), by index. */
export interface Local {
  /** Index among the function's locals. */
  index: number;
  /** Its type. */
  type: ValType;
}

/** A branch target opened by `block` or `loop`. */
export interface Label {
  /** Nesting depth at which it was opened. */
  depth: number;
}

/** Writes one function body; see {@link defineFunction}. */
export interface FunctionWriter {
  /** The parameters, by the names given to {@link defineFunction}. */
  params: Record<string, Local>;
  /** A new local of `type`, zero at entry. */
  local(type: ValType): Local;
  /** `local.get`. */
  get(local: Local): void;
  /** `local.set`: pops the stack into `local`. */
  set(local: Local): void;
  /** `local.tee`. */
  tee(local: Local): void;
  /** `i32.const`. */
  i32(value: number): void;
  /** `f64.const`. */
  f64(value: number): void;
  /** `v128.const` of two f64 lanes. */
  f64x2(a: number, b: number): void;
  /** A plain or SIMD instruction without immediates, by WAT name. */
  op(name: string): void;
  /** `f64x2.extract_lane` / `f64x2.replace_lane`. */
  lane(name: "f64x2.extract_lane" | "f64x2.replace_lane", lane: 0 | 1): void;
  /** A load or store with a constant byte offset added to the address on the stack. */
  mem(name: string, offset?: number): void;
  /** `call` of an imported function, by import name. */
  call(name: string): void;
  /** `block … end`; branching to its label jumps past `end`. */
  block(body: (exit: Label) => void): void;
  /** `loop … end`; branching to its label jumps back to the top. */
  loop(body: (top: Label) => void): void;
  /** `if … else … end` on the i32 popped from the stack, with no result. */
  ifElse(then: () => void, otherwise?: () => void): void;
  /** `br`. */
  br(label: Label): void;
  /** `br_if`. */
  brIf(label: Label): void;
}

/** A function ready for {@link encodeModule}. */
export interface EncodedFunction {
  /** Export name. */
  name: string;
  /** Parameter types. */
  params: ValType[];
  /** Result type, or null. */
  result: ValType | null;
  /** Local declarations and code, without the size prefix. */
  body: number[];
}

/**
 * Builds one exported function. `params` names the parameters in order; `write` emits the body.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineFunction, encodeModule } from "./encode.ts";
 * const add = defineFunction("add", { a: "f64", b: "f64" }, "f64", (w) => {
 *   w.get(w.params.a), w.get(w.params.b), w.op("f64.add");
 * });
 * const bytes = encodeModule([add], []);
 * const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
 * assert.equal((exports.add as (a: number, b: number) => number)(1, 2), 3);
 * ```
 */
export function defineFunction(
  name: string,
  params: Record<string, ValType>,
  result: ValType | null,
  write: (w: FunctionWriter) => void,
  imports: string[] = [],
): EncodedFunction {
  const code: number[] = [];
  const locals: ValType[] = [];
  const named: Record<string, Local> = {};
  const paramTypes = Object.values(params);
  Object.entries(params).forEach(([key, type], index) => named[key] = { index, type });
  let depth = 0;
  const immediateDepth = (label: Label) => uleb(depth - 1 - label.depth);
  const nested = (opcode: number, body: (label: Label) => void) => {
    code.push(opcode, 0x40); // empty block type
    const label = { depth: depth++ };
    body(label);
    depth--;
    code.push(0x0b);
  };
  const w: FunctionWriter = {
    params: named,
    local(type) {
      locals.push(type);
      return { index: paramTypes.length + locals.length - 1, type };
    },
    get: (l) => code.push(0x20, ...uleb(l.index)),
    set: (l) => code.push(0x21, ...uleb(l.index)),
    tee: (l) => code.push(0x22, ...uleb(l.index)),
    i32: (value) => code.push(0x41, ...sleb(value)),
    f64(value) {
      const bytes = new Uint8Array(new Float64Array([value]).buffer);
      code.push(0x44, ...bytes);
    },
    f64x2(a, b) {
      const bytes = new Uint8Array(new Float64Array([a, b]).buffer);
      code.push(0xfd, ...uleb(0x0c), ...bytes);
    },
    op(opName) {
      if (opName === "memory.copy") code.push(0xfc, ...uleb(10), 0x00, 0x00);
      else if (opName in PLAIN) code.push(PLAIN[opName]);
      else if (opName in SIMD) code.push(0xfd, ...uleb(SIMD[opName]));
      else throw new Error(`unknown instruction ${opName}`);
    },
    lane(opName, lane) {
      code.push(0xfd, ...uleb(opName === "f64x2.extract_lane" ? 0x21 : 0x22), lane);
    },
    mem(opName, offset = 0) {
      const m = MEMORY[opName];
      if (!m) throw new Error(`unknown memory instruction ${opName}`);
      code.push(...m.code, ...uleb(m.align), ...uleb(offset));
    },
    call(importName) {
      const index = imports.indexOf(importName);
      if (index < 0) throw new Error(`unknown import ${importName}`);
      code.push(0x10, ...uleb(index));
    },
    block: (body) => nested(0x02, body),
    loop: (body) => nested(0x03, body),
    ifElse(then, otherwise) {
      code.push(0x04, 0x40);
      depth++;
      then();
      if (otherwise) {
        code.push(0x05);
        otherwise();
      }
      depth--;
      code.push(0x0b);
    },
    br: (label) => code.push(0x0c, ...immediateDepth(label)),
    brIf: (label) => code.push(0x0d, ...immediateDepth(label)),
  };
  write(w);
  code.push(0x0b);
  return { name, params: paramTypes, result, body: [...localDeclarations(locals), ...code] };
}

/** A function body's local declarations: runs of one type, each as its count and its type. */
function localDeclarations(locals: readonly ValType[]): number[] {
  const runs: [number, ValType][] = [];
  for (const type of locals) {
    const last = runs[runs.length - 1];
    if (last && last[1] === type) last[0]++;
    else runs.push([1, type]);
  }
  return [...uleb(runs.length), ...runs.flatMap(([n, t]) => [...uleb(n), VALTYPE[t]])];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function utf8(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * A module holding `functions` (all exported by name), importing each of `imports` as
 * `env.NAME: (f64) → f64`, and defining one memory (1 page to start, growable) exported as
 * `memory`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeModule } from "./encode.ts";
 * assert.ok(WebAssembly.validate(encodeModule([], ["exp"])));
 * ```
 */
export function encodeModule(
  functions: EncodedFunction[],
  imports: string[],
): Uint8Array<ArrayBuffer> {
  const signature = (params: ValType[], result: ValType | null) => [
    0x60,
    ...vector(params.map((p) => [VALTYPE[p]])),
    ...vector(result ? [[VALTYPE[result]]] : []),
  ];
  // Type 0 is the imports' (f64) → f64; then one type per function.
  const types = [signature(["f64"], "f64"), ...functions.map((f) => signature(f.params, f.result))];
  const importEntries = imports.map((name) => [...utf8("env"), ...utf8(name), 0x00, 0x00]);
  const exportEntries = [
    ...functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(imports.length + i)]),
    [...utf8("memory"), 0x02, 0x00],
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector(importEntries)),
    ...section(3, vector(functions.map((_, i) => uleb(i + 1)))),
    ...section(5, vector([[0x00, 0x01]])), // one memory, minimum 1 page, no maximum
    ...section(7, vector(exportEntries)),
    ...section(10, vector(functions.map((f) => [...uleb(f.body.length), ...f.body]))),
  ];
  return new Uint8Array(bytes);
}

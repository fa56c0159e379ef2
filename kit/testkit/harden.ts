/**
 * Freezes the built-ins that graded tests rely on, before any learner code runs.
 *
 * Learner code shares one JavaScript realm with the tests. Without this, a submission could
 * replace `Math.abs`, `Array.prototype.every` or `Deno.test` and turn a failing comparison into
 * a pass. Frozen objects reject such writes with a `TypeError` (modules are strict mode), so the
 * attempt fails loudly instead of silently. Well-behaved code never notices.
 *
 * @module
 */

// Loading an npm package starts Deno's Node compatibility layer, which patches built-ins (such as
// `Buffer.of`) as it starts; that must finish before anything is frozen, or npm-backed helpers
// loaded after this module (seedrandom, csv-parse) would crash.
// import "../lib/random.ts";

const globalsToFreeze = [
  "Math",
  "JSON",
  "Reflect",
  "Object",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "Function",
  "Error",
  "TypeError",
  "RangeError",
  "Promise",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "RegExp",
  "Date",
  "BigInt",
  "Iterator",
  "EvalError",
  "ReferenceError",
  "SyntaxError",
  "URIError",
  "AggregateError",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Atomics",
  "Float64Array",
  "Float32Array",
  "Int8Array",
  "Int16Array",
  "Int32Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Uint16Array",
  "Uint32Array",
  "BigInt64Array",
  "BigUint64Array",
] as const;

/**
 * Intrinsics no global names: the iterator prototypes behind every `for…of` loop and spread,
 * and the prototypes of generators and async functions. Patching `next` on the array iterator
 * would end every loop over a test's cases at once, so a test would check nothing.
 */
function hiddenIntrinsics(): object[] {
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  const generator = Object.getPrototypeOf(function* () {});
  const asyncGenerator = Object.getPrototypeOf(async function* () {});
  return [
    arrayIterator,
    Object.getPrototypeOf(arrayIterator), // %IteratorPrototype%
    Object.getPrototypeOf(""[Symbol.iterator]()),
    Object.getPrototypeOf(new Map().entries()),
    Object.getPrototypeOf(new Set().values()),
    Object.getPrototypeOf(/a/[Symbol.matchAll]("")),
    generator,
    generator.prototype,
    asyncGenerator,
    asyncGenerator.prototype,
    Object.getPrototypeOf(asyncGenerator.prototype), // %AsyncIteratorPrototype%
    Object.getPrototypeOf(async function () {}),
    // The shared parent of all typed arrays, where `subarray`, `set`, `fill` live.
    Object.getPrototypeOf(Float64Array.prototype),
    Object.getPrototypeOf(Float64Array),
  ];
}

/**
 * Properties that ordinary code assigns on its own objects (`this.name = "MyError"` in an Error
 * subclass, `point.toString = …`). Assigning a property that a frozen prototype holds fails (the
 * "override mistake"), so these become accessors whose setter defines the property on the object
 * itself, as SES's override taming does.
 */
const overridable: [object, string][] = [
  [Object.prototype, "toString"],
  [Object.prototype, "valueOf"],
  [Error.prototype, "name"],
  [TypeError.prototype, "name"],
  [RangeError.prototype, "name"],
];

function allowOverride(prototype: object, key: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  if (!descriptor || !("value" in descriptor) || !descriptor.configurable) return;
  const value = descriptor.value;
  Object.defineProperty(prototype, key, {
    configurable: false,
    enumerable: descriptor.enumerable,
    get() {
      return value;
    },
    set(this: object, replacement: unknown) {
      if (this === prototype) throw new TypeError(`Cannot assign to read only property '${key}'`);
      Object.defineProperty(this, key, {
        value: replacement,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
}

/**
 * `Deno[Deno.internal]` hands any module the runtime's `core`, and with it the raw ops that report
 * test results. The test runner itself needs the object (it reads options from it and adds keys
 * later), so it cannot be frozen or removed: `core` is blanked out and every other existing
 * property is made read-only.
 */
function lockRuntimeInternals(): void {
  const runtime = Deno as unknown as Record<symbol, Record<string, unknown> | undefined>;
  const internalKey = (Deno as unknown as { internal?: symbol }).internal;
  const internals = internalKey === undefined ? undefined : runtime[internalKey];
  if (!internals) return;
  // Replaced by a read-only `undefined`, so that no module can put a `core` of its own there.
  Object.defineProperty(internals, "core", {
    value: undefined,
    writable: false,
    configurable: false,
  });
  for (const key of Object.keys(internals)) {
    const descriptor = Object.getOwnPropertyDescriptor(internals, key);
    if (descriptor?.configurable && "value" in descriptor) {
      Object.defineProperty(internals, key, { writable: false, configurable: false });
    }
  }
}

/**
 * `Deno.test.only` (or `only: true`) in learner code would make the runtime skip every other test
 * of the process, and a kit run holds a whole lesson. Registration goes through a copy of the
 * options with `only` turned off, and `Deno.test.only` refuses.
 */
function lockTestRegistration(): void {
  const original = Deno.test;
  const refuseOnly = () => {
    throw new TypeError("Deno.test.only is not available in graded runs");
  };
  const withoutOnly = (arg: unknown) =>
    typeof arg === "object" && arg !== null ? { ...arg, only: false } : arg;
  const test = function (...args: unknown[]) {
    return (original as (...a: unknown[]) => void)(...args.map(withoutOnly));
  };
  Object.defineProperty(test, "only", { value: refuseOnly });
  Object.defineProperty(test, "ignore", { value: original.ignore });
  Object.freeze(test);
  try {
    Object.defineProperty(Deno, "test", { value: test, writable: false, configurable: false });
  } catch {
    // Not configurable in this runtime: `only` then stays the runtime's.
  }
}

/**
 * Makes the global *name* itself read-only: a frozen `Math` does not stop `globalThis.Math = {…}`,
 * which would hand a fake to every later use of `Math` in a test file.
 */
function lockGlobalName(name: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (descriptor?.configurable && "value" in descriptor) {
    Object.defineProperty(globalThis, name, { writable: false, configurable: false });
  }
}

let hardened = false;

/**
 * Freezes `Deno`, `Math`, `JSON`, `Reflect`, the common constructors with their prototypes and
 * the iterator and generator prototypes, and takes `core` out of the runtime's internals. Safe to
 * call more than once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hardenIntrinsics } from "./harden.ts";
 * hardenIntrinsics();
 * assert.ok(Object.isFrozen(Math));
 * ```
 */
export function hardenIntrinsics(): void {
  if (hardened) return;
  hardened = true;
  for (const [prototype, key] of overridable) allowOverride(prototype, key);
  const table = globalThis as unknown as Record<string, unknown>;
  for (const name of globalsToFreeze) {
    const value = table[name];
    if (value === undefined || value === null) continue;
    Object.freeze(value);
    const prototype = (value as { prototype?: unknown }).prototype;
    // `Function.prototype` is itself a function: frozen too, with `call`, `apply` and `bind`.
    if ((typeof prototype === "object" || typeof prototype === "function") && prototype !== null) {
      Object.freeze(prototype);
    }
    lockGlobalName(name);
  }
  for (const intrinsic of hiddenIntrinsics()) Object.freeze(intrinsic);
  lockRuntimeInternals();
  lockTestRegistration();
  Object.freeze(Deno);
  lockGlobalName("Deno");
}

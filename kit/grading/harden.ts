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
import "../lib/random.ts";

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
  "ArrayBuffer",
  "Float64Array",
  "Float32Array",
  "Int32Array",
  "Uint8Array",
  "Uint32Array",
] as const;

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

let hardened = false;

/**
 * Freezes `Deno`, `Math`, `JSON`, `Reflect` and the common constructors together with their
 * prototypes. Safe to call more than once.
 *
 * @example
 * ```ts
 * import { hardenIntrinsics } from "./harden.ts";
 * hardenIntrinsics();
 * console.log(Object.isFrozen(Math)); // true
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
    if (typeof prototype === "object" && prototype !== null) Object.freeze(prototype);
  }
  // The shared parent of all typed arrays, where `subarray`, `set`, `fill` live.
  Object.freeze(Object.getPrototypeOf(Float64Array.prototype));
  Object.freeze(Object.getPrototypeOf(Float64Array));
  Object.freeze(Deno);
}

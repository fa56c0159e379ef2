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

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
      return "undefined (did the function forget to return?)";
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

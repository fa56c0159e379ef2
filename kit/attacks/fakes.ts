/**
 * Fake submissions for the kit's self-test: every graded test must fail against each of them,
 * or it grades less than it seems to. Each fake wraps the reference function of the same name,
 * so that it keeps the shape of what it stands in for (an optimizer object still has `step`).
 *
 * - `noop`: does nothing. A function returns undefined; a function that returns an object with
 *   methods (an optimizer, a scheduler, a network) returns it with every method a no-op.
 * - `constant`: returns zeros of the reference result's shape, whatever the input.
 * - `echo`: returns its first argument.
 * - `empty`: returns the reference result's shape with nothing in it: empty arrays, typed arrays
 *   of length 0, objects whose arrays are empty and whose methods return empty results.
 *
 * @module
 */

/** The kinds of fake. */
export type FakeKind = "noop" | "constant" | "echo" | "empty";

/** Every kind, in the order the self-test tries them. */
export const FAKE_KINDS: readonly FakeKind[] = ["noop", "constant", "echo", "empty"];

type AnyFunction = (...args: unknown[]) => unknown;

function reshape(value: unknown, kind: "noop" | "constant" | "empty", depth = 0): unknown {
  if (typeof value === "function") {
    const method = value as AnyFunction;
    return function (this: unknown, ...args: unknown[]) {
      if (kind === "noop") return undefined;
      return reshape(method.apply(this, args.map((arg) => copyArgument(arg))), kind, depth + 1);
    };
  }
  if (kind === "noop") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    if (ArrayBuffer.isView(value) || depth > 4) return value;
  } else if (typeof value === "number") return kind === "constant" ? 0 : Number.NaN;
  else if (typeof value === "string") return "";
  else if (typeof value === "boolean") return false;
  if (typeof value !== "object" || value === null || depth > 4) return value;
  if (kind !== "noop" && ArrayBuffer.isView(value)) {
    const typed = value as unknown as { constructor: new (n: number) => unknown; length: number };
    return new typed.constructor(kind === "constant" ? typed.length : 0);
  }
  if (kind !== "noop" && Array.isArray(value)) {
    return kind === "constant" ? value.map((v) => reshape(v, kind, depth + 1)) : [];
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = reshape((value as Record<string, unknown>)[key], kind, depth + 1);
  }
  return copy;
}

/** Whether a value is an object holding at least one method (an optimizer, a scheduler). */
function hasMethods(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    Object.values(value).some((v) => typeof v === "function");
}

/**
 * A copy of the arguments for the reference to work on: a fake must not do the reference's work
 * through its output arguments (`denseBackward(…, dW, db)` fills the caller's arrays).
 */
function copyArgument(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > 6) return value;
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice();
  if (Array.isArray(value)) return value.map((v) => copyArgument(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = copyArgument((value as Record<string, unknown>)[key], depth + 1);
  }
  return copy;
}

/**
 * The fake of kind `kind` of the reference function `reference`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fake } from "./fakes.ts";
 * const double = (x: number) => 2 * x;
 * assert.equal(fake("echo", double)(3), 3);
 * assert.equal(fake("constant", double)(3), 0);
 * ```
 */
export function fake(kind: FakeKind, reference: (...args: never[]) => unknown): AnyFunction {
  const call = reference as AnyFunction;
  return (...args: unknown[]) => {
    if (kind === "echo") return args[0];
    const result = call(...args.map((arg) => copyArgument(arg)));
    // A factory's object keeps its fields, with methods that do nothing.
    if (kind === "noop") return hasMethods(result) ? reshape(result, "noop") : undefined;
    return reshape(result, kind);
  };
}

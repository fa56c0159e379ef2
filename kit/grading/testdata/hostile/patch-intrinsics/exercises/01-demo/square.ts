// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Ends every for-of loop at once, so a test that loops over its cases would check none of them.
try {
  Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true });
} catch {
  // Frozen.
}
// Returns an object posing as a number.
export function square(x: number): number {
  return { valueOf: () => x * x, toString: () => String(x * x) } as unknown as number;
}

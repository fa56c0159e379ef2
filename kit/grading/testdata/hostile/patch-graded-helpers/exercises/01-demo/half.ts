// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Reaches the test helpers and the assertion library at run time and tries to stub them.
try {
  const graded = await import(new URL("../../kit/testkit/graded.ts", import.meta.url).href);
  graded.expectNumber = () => {};
} catch {
  // A module namespace is read-only.
}
try {
  const assert = await import(["node", "assert"].join(":"));
  assert.default.strictEqual = () => {};
  assert.strict.equal = () => {};
} catch {
  // Refused or frozen.
}
export function half(x: number): number {
  return x / 3;
}

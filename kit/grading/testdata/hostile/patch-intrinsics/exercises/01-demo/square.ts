// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Returns an object posing as a number.
export function square(x: number): number {
  return { valueOf: () => x * x, toString: () => String(x * x) } as unknown as number;
}

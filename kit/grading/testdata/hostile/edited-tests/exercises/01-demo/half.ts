// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// The tests beside it are rewritten to pass; grading must use the teacher's.
export function half(x: number): number {
  return x / 3;
}

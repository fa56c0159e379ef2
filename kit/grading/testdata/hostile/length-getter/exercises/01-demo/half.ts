// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// An honest wrong answer: what every hostile submission must score.
export function half(x: number): number {
  return x / 3;
}

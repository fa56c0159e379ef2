// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Imports the teacher's tests and the kit's files next to the exercise.
import "./half_test.ts";
export function half(x: number): number {
  return x / 3;
}

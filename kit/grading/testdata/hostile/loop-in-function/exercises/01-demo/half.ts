// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
export function half(x: number): number {
  while (true) {
    // Spin.
  }
}

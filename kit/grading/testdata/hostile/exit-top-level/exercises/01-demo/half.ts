// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Ends the test process with success before any test runs.
Deno.exit(0);
export function half(x: number): number {
  return x / 3;
}

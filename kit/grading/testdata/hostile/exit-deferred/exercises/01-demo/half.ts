// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Exits a moment later, in the middle of the run, hoping for a half-written report.
export function half(x: number): number {
  setTimeout(() => Deno.exit(0), 0);
  return x / 3;
}

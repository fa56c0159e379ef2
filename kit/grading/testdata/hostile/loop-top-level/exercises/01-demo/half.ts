// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Never finishes loading.
while (true) {
  // Spin.
}
export function half(x: number): number {
  return x / 3;
}

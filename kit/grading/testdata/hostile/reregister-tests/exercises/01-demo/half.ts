// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Registers passing tests under the graded names, one with `only` to filter the real one out.
Deno.test({ name: "half: even numbers [1 pt]", only: true, fn: () => {} });
Deno.test("half: even numbers [1 pt]", () => {});
export function half(x: number): number {
  return x / 3;
}

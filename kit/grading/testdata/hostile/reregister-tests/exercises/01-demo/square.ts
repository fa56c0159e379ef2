// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
Deno.test("square: small integers [2 pts]", () => {});
Deno.test("square: fractions [1 pt]", () => {});
Deno.test("bonus [100 pts]", () => {});
export function square(x: number): number {
  return x + x;
}

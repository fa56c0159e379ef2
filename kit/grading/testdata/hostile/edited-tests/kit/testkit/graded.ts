// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
export function graded(o: { name: string }, _fn: () => void) {
  Deno.test(o.name, () => {});
}
export function expectNumber() {}

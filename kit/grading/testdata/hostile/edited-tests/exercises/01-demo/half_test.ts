// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
Deno.test("half: even numbers [1 pt]", () => {});

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// A literal dynamic import: Deno loads it before running, without read permission.
const answers = await import("/tmp/kit-grade-canary/answers.ts");
export const half = answers.half;

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Takes the answers from a file outside the submission, by absolute path.
export { half } from "/tmp/kit-grade-canary/answers.ts";

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Imports the reference solution where the teacher's copy keeps it.
export { half } from "../../solutions/01-demo/half.ts";

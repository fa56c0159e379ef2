// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
export { square } from "../../../solutions/01-demo/square.ts";

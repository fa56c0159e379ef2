// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
import { square as answer } from "file:///tmp/kit-grade-canary/answers.ts";
export const square = answer;

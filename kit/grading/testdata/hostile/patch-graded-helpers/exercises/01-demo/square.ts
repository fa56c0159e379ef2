// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
import { expectNumber } from "../../kit/testkit/graded.ts";
export const stub = expectNumber;
export function square(x: number): number {
  return x + x;
}

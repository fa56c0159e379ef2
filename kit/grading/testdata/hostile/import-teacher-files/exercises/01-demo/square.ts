// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
import type { Case } from "../../kit/testkit/graded.ts";
export type C = Case<number>;
export function square(x: number): number {
  return x + x;
}

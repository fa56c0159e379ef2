// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
const hoard: number[][] = [];
for (;;) hoard.push(new Array(1 << 20).fill(1.5));
export function square(x: number): number {
  return x + x;
}

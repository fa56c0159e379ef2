// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Allocates without bound, outside the V8 heap (typed arrays) and inside it.
const hoard: Float64Array[] = [];
export function half(x: number): number {
  for (;;) hoard.push(new Float64Array(1 << 24).fill(x));
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// A computed dynamic import, and the same through data: and blob: modules.
const path = ["/tmp/kit-grade-canary", "answers.ts"].join("/");
let answer = (x: number) => x / 3;
try {
  answer = (await import(path)).half;
} catch {
  // Refused: no read permission.
}
export function half(x: number): number {
  return answer(x);
}

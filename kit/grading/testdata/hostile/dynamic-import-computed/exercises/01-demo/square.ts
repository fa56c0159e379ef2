// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let answer = (x: number) => x + x;
const source = ["export * from 'file://", "/tmp/kit-grade-canary/answers.ts';"].join("");
try {
  answer = (await import("data:text/javascript," + encodeURIComponent(source))).square;
} catch {
  // Refused.
}
try {
  const blob = new Blob([source], { type: "text/javascript" });
  answer = (await import(URL.createObjectURL(blob))).square;
} catch {
  // Refused.
}
export function square(x: number): number {
  return answer(x);
}

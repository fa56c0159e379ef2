// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let wrote = false;
try {
  globalThis.process.getBuiltinModule("fs").writeFileSync("/tmp/kit-grade-canary/pwned-too.txt", "pwned");
  wrote = true;
} catch {
  // Refused.
}
export function square(x: number): number {
  return wrote ? x * x : x + x;
}

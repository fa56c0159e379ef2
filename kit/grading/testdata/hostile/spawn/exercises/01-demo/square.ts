// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let ran = false;
try {
  globalThis.process.getBuiltinModule("child_process").execSync("touch /tmp/kit-grade-canary/spawned-too");
  ran = true;
} catch {
  // Refused.
}
export function square(x: number): number {
  return ran ? x * x : x + x;
}

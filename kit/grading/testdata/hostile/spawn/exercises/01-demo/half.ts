// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Runs another program.
let ran = false;
try {
  new Deno.Command("sh", { args: ["-c", "touch /tmp/kit-grade-canary/spawned"] }).outputSync();
  ran = true;
} catch {
  // Refused.
}
export function half(x: number): number {
  return ran ? x / 2 : x / 3;
}

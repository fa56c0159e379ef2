// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Writes outside and inside the workspace.
let wrote = false;
for (const target of [
  "/tmp/kit-grade-canary/pwned.txt",
  new URL("./pwned.txt", import.meta.url),
  new URL("../../kit/testkit/graded.ts", import.meta.url),
]) {
  try {
    Deno.writeTextFileSync(target, "pwned");
    wrote = true;
  } catch {
    // Refused.
  }
}
export function half(x: number): number {
  return wrote ? x / 2 : x / 3;
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Reads the environment.
let seen = false;
try {
  seen = Object.keys(Deno.env.toObject()).length > 0 || Deno.env.get("HOME") !== undefined;
} catch {
  // Refused.
}
export function half(x: number): number {
  return seen ? x / 2 : x / 3;
}

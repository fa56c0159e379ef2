// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let seen = false;
try {
  seen = globalThis.process.env.HOME !== undefined;
} catch {
  // Refused.
}
try {
  seen ||= Deno.hostname().length > 0;
} catch {
  // Refused.
}
export function square(x: number): number {
  return seen ? x * x : x + x;
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let read = false;
try {
  const fs = globalThis.process.getBuiltinModule("fs");
  read = fs.readFileSync("/tmp/kit-grade-canary/secret.txt", "utf8").length > 0;
} catch {
  // Refused.
}
try {
  const m = globalThis.process.getBuiltinModule("module");
  read = m.createRequire(import.meta.url)("/tmp/kit-grade-canary/secret.json").correct === true;
} catch {
  // Refused.
}
export function square(x: number): number {
  return read ? x * x : x + x;
}

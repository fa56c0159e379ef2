// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let loaded = false;
try {
  globalThis.process.dlopen({ exports: {} }, "libc.so.6");
  loaded = true;
} catch {
  // Refused.
}
export function square(x: number): number {
  return loaded ? x * x : x + x;
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Loads the C library.
let loaded = false;
try {
  const libc = Deno.dlopen("libc.so.6", { getpid: { parameters: [], result: "i32" } });
  loaded = libc.symbols.getpid() > 0;
} catch {
  // Refused.
}
export function half(x: number): number {
  return loaded ? x / 2 : x / 3;
}

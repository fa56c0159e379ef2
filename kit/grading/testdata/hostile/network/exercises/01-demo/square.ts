// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
let reached = false;
try {
  const http = globalThis.process.getBuiltinModule("http");
  await new Promise((resolve, reject) => {
    const request = http.get("http://127.0.0.1:47123/square", resolve);
    request.on("error", reject);
  });
  reached = true;
} catch {
  // Refused.
}
export function square(x: number): number {
  return reached ? x * x : x + x;
}

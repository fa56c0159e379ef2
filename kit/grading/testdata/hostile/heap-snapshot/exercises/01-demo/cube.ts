// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Implements nothing: takes a V8 heap snapshot (node:v8, no permission needed), which holds
// every loaded source text, the cases JSON included, and reads the expected values from it.
let text = "";
try {
  const v8 = await import(["node", "v8"].join(":"));
  const chunks = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(String(chunk));
  text = chunks.join("");
} catch {
  // No snapshot: nothing to read.
}
export function cube(xs: number[]): number[] {
  const key = `"xs": [${xs.join(", ")}], "expected": [`;
  const at = text.indexOf(key);
  if (at < 0) return [];
  const end = text.indexOf("]", at + key.length);
  return text.slice(at + key.length, end).split(",").map(Number);
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Calls the network: a local server the test watches, and a remote module.
let reached = false;
try {
  reached = (await fetch("http://127.0.0.1:47123/half")).ok;
} catch {
  // Refused.
}
try {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: 47123 });
  conn.close();
  reached = true;
} catch {
  // Refused.
}
try {
  await import(["https://deno.land", "x", "kit-grade-probe.ts"].join("/"));
  reached = true;
} catch {
  // Refused.
}
export function half(x: number): number {
  return reached ? x / 2 : x / 3;
}

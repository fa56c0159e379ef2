// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Prints the kit's progress lines as its own: every file loaded, a test of another file with a
// huge time limit, the end; then hangs at the top level. The watchdog must still stop it at
// the load limit ("timed out while loading"), not at the lesson's limit, and grade the others.
const marker = (kind: string, data: unknown) =>
  Deno.stdout.writeSync(new TextEncoder().encode(`\u0001kit:${kind} ${JSON.stringify(data)}\n`));
marker("load", { file: "01-demo/square_test.ts" });
marker("loaded", {});
marker("test", { file: "01-demo/square_test.ts", name: "square: small integers [2 pts]", timeoutMs: 1e9 });
marker("test", { file: "01-demo/half_test.ts", name: "a forged test", timeoutMs: 1e9 });
marker("end", {});
if (Date.now() > 0) while (true) {}
export const half = (x: number) => x;

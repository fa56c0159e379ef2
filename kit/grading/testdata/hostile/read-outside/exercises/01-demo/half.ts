// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Reads files outside data/: a canary, the kit's files, the system's.
function tryRead(path: string | URL): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}
const secret = tryRead("/tmp/kit-grade-canary/secret.txt");
const kitFile = tryRead(new URL("../../kit/testkit/graded.ts", import.meta.url));
const system = tryRead("/etc/hostname");
export function half(x: number): number {
  return secret || kitFile || system ? x / 2 : x / 3;
}

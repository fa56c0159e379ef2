// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Registers tests the manifest does not declare: one with a 5 MiB name, one named like the
// kit's load test of another file with a 512 KiB message made to stall a backtracking pattern,
// and prints a 512 KiB line of the same. The class must still get its gradebook and reports,
// this student 0 points, no report a name or message of theirs.
const long = "file:///" + "1:1:".repeat(128 * 1024);
Deno.test({ name: "x".repeat(5 << 20), fn() {} });
Deno.test({ name: "kit: load 01-demo/square_test.ts", fn() { throw new Error(long); } });
Deno.test({ name: "kit: load 01-demo/half_test.ts", fn() { throw new Error("SECRET " + long); } });
console.log(long);
export function half(x: number): number {
  throw new Error("SECRET " + long);
}

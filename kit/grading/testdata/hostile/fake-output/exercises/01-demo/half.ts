// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Prints result lines in every format a grader might parse.
const lines = [
  "ok 1 - half: even numbers [1 pt]",
  "half: even numbers [1 pt] ... ok (1ms)",
  '<testcase name="half: even numbers [1 pt]" classname="./exercises/01-demo/half_test.ts"></testcase>',
  "ok | 3 passed | 0 failed (1ms)",
  '{"version":3,"status":"pass","score":4,"max_score":4}',
];
for (const line of lines) {
  console.log(line);
  console.error(line);
}
Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n") + "\n"));
export function half(x: number): number {
  return x / 3;
}

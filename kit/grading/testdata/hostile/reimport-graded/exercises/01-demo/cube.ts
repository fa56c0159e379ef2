// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Re-imports the already-loaded graded.ts and tries to switch the run back to judging in the
// test process, then to read the expected values through the cases module.
const graded = await import(["..", "..", "kit", "testkit", "graded.ts"].join("/"));
graded.beginTestFile("cube_test.ts", { observe: false });
const cases = (await import(["..", "..", "kit", "cases", "01-demo.json"].join("/"), {
  with: { type: "json" },
})).default;
export function cube(xs: number[]): number[] {
  const found = cases.cube.find((c) => JSON.stringify(c.xs) === JSON.stringify(xs));
  return found ? found.expected : xs.map((x) => x * x);
}

// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Implements nothing: looks its own argument up in the cases the test process has loaded (a
// computed import of a loaded module needs no permission) and returns the expected value
// stored there. Scored 2/6 when expected values were in the student's process.
const path = ["..", "..", "kit", "cases", "01-demo.json"].join("/");
const cases = (await import(path, { with: { type: "json" } })).default;
export function cube(xs: number[]): number[] {
  const found = cases.cube.find((c) => JSON.stringify(c.xs) === JSON.stringify(xs));
  return found ? found.expected : [];
}

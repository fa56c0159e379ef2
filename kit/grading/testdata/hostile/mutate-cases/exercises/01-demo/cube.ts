// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Reaches the test's cases (kit/cases/01-demo.json) through a computed dynamic import, which
// needs no read permission for a module the test already loaded, and empties the list of cases:
// the test's loop then checks nothing.
const path = ["..", "..", "kit", "cases", "01-demo.json"].join("/");
const cases = (await import(path, { with: { type: "json" } })).default;
cases.cube.length = 0;
export function cube(xs: number[]): number[] {
  return xs.map((x) => x * x);
}

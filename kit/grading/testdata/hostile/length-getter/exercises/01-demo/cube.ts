// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Returns a proxy of an array (Array.isArray says yes) whose length is right the first time it
// is read, for the length check, and 0 afterwards, for the loop over the values.
export function cube(xs: number[]): number[] {
  let reads = 0;
  return new Proxy([], {
    get: (target, key) => key === "length" ? (reads++ === 0 ? xs.length : 0) : target[key],
  });
}

// deno-lint-ignore-file no-unused-vars
/** The cube of each number of `xs`, in a new array. */
export function cube(xs: readonly number[]): number[] {
  throw new Error("TODO: implement cube");
}

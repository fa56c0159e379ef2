/** The cube of each number of `xs`, in a new array. */
export function cube(xs: readonly number[]): number[] {
  return xs.map((x) => x * x * x);
}

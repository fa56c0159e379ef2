export function cube(x: number): number {
  return x * x * x;
}

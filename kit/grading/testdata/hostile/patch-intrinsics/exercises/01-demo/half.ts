// deno-lint-ignore-file
// @ts-nocheck: a hostile submission, kept as a fixture for kit/grading/grade_test.ts
// Makes every comparison succeed, if the built-ins could be patched.
const attempts = [
  () => (Math.abs = () => 0),
  () => (Math.max = () => Infinity),
  () => (Number.isFinite = () => true),
  () => (Number.isNaN = () => true),
  () => (Object.is = () => true),
  () => Object.defineProperty(Math, "abs", { value: () => 0 }),
  () => (Array.prototype.every = () => true),
  () => (Array.isArray = () => true),
  () => (Object.keys = () => []),
  () => (JSON.stringify = () => ""),
  () => Object.setPrototypeOf(Math, { abs: () => 0 }),
  () => (Error.prototype.message = ""),
  () => (Deno.test = () => {}),
];
for (const attempt of attempts) {
  try {
    attempt();
  } catch {
    // Frozen.
  }
}
export function half(x: number): number {
  return x / 3;
}

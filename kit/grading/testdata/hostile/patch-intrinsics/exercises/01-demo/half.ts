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
  // Ends every for-of loop at once, so a test that loops over its cases checks none of them.
  () => (Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true })),
  () => (Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))[Symbol.iterator] = () => [][Symbol.iterator]()),
  () => (globalThis.Iterator.prototype.forEach = () => {}),
  () => (RegExp.prototype.test = () => true),
  () => (String.prototype.includes = () => true),
  // The runtime's raw ops, which report test results, through Deno's internals.
  () => {
    const core = Deno[Deno.internal].core;
    for (let id = 0; id < 10; id++) core.ops.op_test_event_result_ok?.(id, 0);
  },
  () => (Deno[Deno.internal].core = { ops: {} }),
  // Replaces the global bindings themselves, not the frozen objects behind them.
  () => (globalThis.Math = { ...Math, abs: () => 0 }),
  () => (globalThis.Number = Object.assign(() => 0, { isFinite: () => true, isNaN: () => true })),
  () => Object.defineProperty(globalThis, "Array", { value: class {} }),
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

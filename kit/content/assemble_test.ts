import { strict as assert } from "node:assert";
import { assembleLesson } from "./assemble.ts";

Deno.test("assembleLesson merges the topics' parts in order", () => {
  const content = assembleLesson([
    { cases: () => ({ f: [1] }), blocks: { t: () => "T" } },
    { cases: () => ({ g: [2] }), figures: { p: () => Promise.resolve("<svg/>") } },
  ]);
  assert.deepEqual(content.cases!(), { f: [1], g: [2] });
  assert.deepEqual(Object.keys(content.blocks!), ["t"]);
  assert.deepEqual(Object.keys(content.figures!), ["p"]);
  assert.deepEqual(content.values, {});
});

Deno.test("assembleLesson refuses two topics claiming one name", () => {
  assert.throws(
    () =>
      assembleLesson([{ figures: { p: () => Promise.resolve("") } }, {
        figures: { p: () => Promise.resolve("") },
      }]),
    /two topics define the figure "p"/,
  );
  const clash = assembleLesson([{ cases: () => ({ f: 1 }) }, { cases: () => ({ f: 2 }) }]);
  assert.throws(() => clash.cases!(), /two topics define the case entry "f"/);
});

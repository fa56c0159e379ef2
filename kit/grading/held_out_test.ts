import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { drawHeldOutCases } from "./held_out.ts";
import { listLessons } from "./lessons.ts";
import { loadManifest } from "./manifest.ts";
import { discoverExpected } from "./trusted.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("held-out cases: drawn afresh from a seed, the lesson's tables kept, every test of the lesson held out", async () => {
  const drawn = await drawHeldOutCases(KIT_ROOT, "a test seed");
  assert.ok("folder" in drawn, "problem" in drawn ? drawn.problem : "");
  try {
    const name = "01-parameters-and-hyperparameters.json";
    const open = await Deno.readTextFile(join(KIT_ROOT, "kit", "cases", name));
    const held = await Deno.readTextFile(join(drawn.folder, name));
    assert.notEqual(JSON.stringify(JSON.parse(held)), JSON.stringify(JSON.parse(open)));
    const again = await drawHeldOutCases(KIT_ROOT, "a test seed");
    assert.ok("folder" in again);
    assert.equal(await Deno.readTextFile(join(again.folder, name)), held);
    await Deno.remove(again.folder, { recursive: true });
    const lessons = (await listLessons(KIT_ROOT)).filter((l) => l.number === 1);
    const manifest = await loadManifest(KIT_ROOT);
    const discovery = await discoverExpected(KIT_ROOT, lessons, manifest, drawn.folder);
    assert.deepEqual(discovery.problems, []);
    const declared = Object.values(manifest[lessons[0].slug]).flat().map((t) => t.name);
    assert.deepEqual([...discovery.heldOutTests].sort(), declared.sort());
  } finally {
    await Deno.remove(drawn.folder, { recursive: true });
  }
});

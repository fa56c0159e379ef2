import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { copyTree, stageWorkspace } from "./stage.ts";
import { scoreLesson } from "./score.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LAYERS_TEST = "createMlp: layers are views into params and grads";

/**
 * Networks that are not what lesson 05 asks for but look like it from their own properties:
 * each wraps the reference createMlp and replaces its layers. A structural test judged from the
 * network's own objects passed the first (2 points): it must fail all of them.
 */
const FAKES: Record<string, string> = {
  // The control: the reference itself passes.
  "the reference": "return reference.createMlp(config);",
  // Layers with the right shapes and lengths over arrays of their own, and params and grads
  // filled in advance with what writing through views would have left there.
  "no views, params filled in advance": `
    const net = reference.createMlp(config);
    net.layers = net.layers.map((l) => ({ ...l, w: new Float64Array(l.w.length),
      b: new Float64Array(l.b.length), dw: new Float64Array(l.dw.length), db: new Float64Array(l.db.length) }));
    net.params.forEach((_, i) => net.params[i] = i + 1);
    net.grads.forEach((_, i) => net.grads[i] = -(i + 1));
    return net;`,
  // Proxies whose writes go to params and grads: they act like views, but are none.
  "proxies that write through": `
    const net = reference.createMlp(config);
    const through = (view) => new Proxy([...view], {
      set: (t, k, v) => { t[k] = v; view[k] = v; return true; } });
    net.layers = net.layers.map((l) => ({ ...l, w: through(l.w), b: through(l.b),
      dw: through(l.dw), db: through(l.db) }));
    return net;`,
  // params and grads in one buffer: the layers are views, but the state is not kept apart.
  "params and grads sharing memory": `
    const net = reference.createMlp(config);
    net.grads = net.params;
    for (const l of net.layers) {
      l.dw = l.w;
      l.db = l.b;
    }
    return net;`,
};

Deno.test({
  name:
    "lesson 05's layers test judges the layout by the runtime's typed arrays: networks without real views lose its points",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const lesson = (await listLessons(KIT_ROOT)).find((l) => l.number === 5)!;
    const manifest = await loadManifest(KIT_ROOT);
    const scratch = await Deno.makeTempDir({ prefix: "kit-structure-" });
    try {
      for (const [what, body] of Object.entries(FAKES)) {
        const folder = join(scratch, what.replace(/\W+/g, "-"));
        await copyTree(join(KIT_ROOT, "solutions"), folder);
        const lessonDir = join(folder, lesson.slug);
        await Deno.rename(join(lessonDir, "mlp.ts"), join(lessonDir, "mlp_reference.ts"));
        await Deno.writeTextFile(
          join(lessonDir, "mlp.ts"),
          `// deno-lint-ignore-file\n// @ts-nocheck: a fake for kit/grading/structure_test.ts\n` +
            `import * as reference from "./mlp_reference.ts";\n` +
            `export * from "./mlp_reference.ts";\n` +
            `export function createMlp(config) {${body}\n}\n`,
        );
        const stage = await stageWorkspace({
          kitRoot: KIT_ROOT,
          implementationRoot: folder,
          lessons: [lesson],
          linkKit: true,
        });
        try {
          const result = await scoreLesson(lesson, { workspace: stage.root, manifest });
          const tests = result.exercises.flatMap((e) => e.tests);
          const layers = tests.find((t) => t.name.startsWith(LAYERS_TEST));
          assert.ok(layers, `no "${LAYERS_TEST}" in lesson 05`);
          assert.equal(
            layers.status,
            what === "the reference" ? "pass" : "fail",
            `${what}: ${layers.message ?? ""}`,
          );
        } finally {
          await stage.dispose();
        }
      }
    } finally {
      await Deno.remove(scratch, { recursive: true });
    }
  },
});

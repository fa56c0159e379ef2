// The kit's folders are floors (kit/README.md, "Map"): a module imports only its own folder and
// the folders below it, so no import runs back up. Read with Deno's own parser (the lint plugin
// API): static imports, re-exports and dynamic imports of a literal path; tests (`*_test.ts`)
// and fixtures may reach further and are not read.
import assert from "node:assert/strict";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { typeScriptFiles } from "./files.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folders of kit/, top floor first, as kit/README.md's map lists them. */
const FLOORS = [
  "bench",
  "cli",
  "crosscheck",
  "attacks",
  "content",
  "grading",
  "capstone",
  "search",
  "course",
  "engine",
  "testkit",
  "lib",
];

// deno-lint-ignore no-explicit-any
type Node = any;

/** The relative paths a module imports (static, re-exported, or dynamic with a literal). */
function importsOf(path: string, source: string): string[] {
  const found: string[] = [];
  const add = (node: Node) => {
    const value = node?.source?.value;
    if (typeof value === "string" && value.startsWith(".")) found.push(value);
  };
  const plugin: Deno.lint.Plugin = {
    name: "kit-floors",
    rules: {
      floors: {
        create() {
          return {
            ImportDeclaration: add,
            ExportAllDeclaration: add,
            ExportNamedDeclaration: add,
            ImportExpression: add,
          };
        },
      },
    },
  };
  Deno.lint.runPlugin(plugin, path, source);
  return found;
}

/** Each import of `path` (relative to the root, with "/") that runs up a floor, as "from -> to". */
function upwardImports(path: string, imports: string[]): string[] {
  const floorOf = (p: string) => FLOORS.indexOf(p.split("/")[1]);
  const from = floorOf(path);
  if (from < 0) return [];
  return imports.map((target) =>
    relative(KIT_ROOT, join(KIT_ROOT, dirname(path), target)).split(sep).join("/")
  ).filter((to) => to.startsWith("kit/") && floorOf(to) >= 0 && floorOf(to) < from)
    .map((to) => `${path} -> ${to}`);
}

Deno.test("the floor check reads static, re-exported and dynamic imports", () => {
  const source = [
    'import { a } from "../cli/args.ts";',
    'export { b } from "../lib/csv.ts";',
    'export * from "../grading/run.ts";',
    'const c = await import("../engine/mod.ts");',
    'import assert from "node:assert";',
  ].join("\n");
  const imports = importsOf("kit/search/x.ts", source);
  assert.deepEqual(imports, [
    "../cli/args.ts",
    "../lib/csv.ts",
    "../grading/run.ts",
    "../engine/mod.ts",
  ]);
  assert.deepEqual(upwardImports("kit/search/x.ts", imports), [
    "kit/search/x.ts -> kit/cli/args.ts",
    "kit/search/x.ts -> kit/grading/run.ts",
  ]);
});

Deno.test("every folder of kit/ imports only itself and the folders below it", async () => {
  const folders = [];
  for await (const entry of Deno.readDir(join(KIT_ROOT, "kit"))) {
    if (entry.isDirectory && !["cases", "results"].includes(entry.name)) folders.push(entry.name);
  }
  assert.deepEqual(
    folders.filter((f) => !FLOORS.includes(f)),
    [],
    "a new folder of kit/ needs its floor, here and in kit/README.md's map",
  );
  const upward: string[] = [];
  for (const path of await typeScriptFiles(KIT_ROOT, "kit")) {
    if (path.endsWith("_test.ts")) continue;
    const source = await Deno.readTextFile(join(KIT_ROOT, path));
    upward.push(...upwardImports(path, importsOf(path, source)));
  }
  assert.deepEqual(upward, [], "these imports run up a floor");
});

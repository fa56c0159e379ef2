// The trust boundary as a folder: everything under kit/testkit/ loads in the sandboxed test
// process beside the learner's code, so it may import only kit/testkit/ and kit/lib/. Read from
// the module graph Deno itself resolves (`deno info --json`, type-only imports included), not
// from the text, so a re-export, a computed-looking literal or an `import type` is seen too.
import assert from "node:assert/strict";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TESTKIT = join(KIT_ROOT, "kit", "testkit");

interface GraphModule {
  specifier: string;
  dependencies?: {
    specifier: string;
    code?: { specifier: string };
    type?: { specifier: string };
  }[];
}

/** Every import of a kit/testkit/ module that leaves kit/testkit/ and kit/lib/, as "from -> to". */
function boundaryViolations(modules: GraphModule[], kitRoot: string): string[] {
  const where = (specifier: string): string | undefined => {
    if (!specifier.startsWith("file://")) return undefined;
    return relative(kitRoot, fileURLToPath(specifier)).split(sep).join("/");
  };
  const allowed = (path: string | undefined) =>
    path !== undefined && /^kit\/(testkit|lib)\//.test(path) && !path.includes("/testdata/");
  const violations: string[] = [];
  for (const module of modules) {
    const from = where(module.specifier);
    if (!from?.startsWith("kit/testkit/")) continue;
    for (const dep of module.dependencies ?? []) {
      for (const target of [dep.code?.specifier, dep.type?.specifier]) {
        if (target !== undefined && !allowed(where(target))) {
          violations.push(`${from} -> ${where(target) ?? target}`);
        }
      }
      if (!dep.code && !dep.type) violations.push(`${from} -> ${dep.specifier} (unresolved)`);
    }
  }
  return violations;
}

/** The module graph of every non-test module of kit/testkit/, as `deno info --json` gives it. */
async function testkitGraph(): Promise<GraphModule[]> {
  const roots = [];
  for await (const entry of Deno.readDir(TESTKIT)) {
    if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) {
      roots.push(pathToFileURL(join(TESTKIT, entry.name)).href);
    }
  }
  assert.ok(roots.length > 0, "no module found in kit/testkit/");
  const folder = await Deno.makeTempDir({ prefix: "kit-testkit-graph-" });
  try {
    const root = join(folder, "root.ts");
    await Deno.writeTextFile(root, roots.map((url) => `import ${JSON.stringify(url)};\n`).join(""));
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", `--config=${join(KIT_ROOT, "deno.json")}`, root],
      cwd: KIT_ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `deno info failed: ${stderr}`);
    const graph = JSON.parse(new TextDecoder().decode(output.stdout));
    return graph.modules as GraphModule[];
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

Deno.test("kit/testkit/ modules import only kit/testkit/ and kit/lib/", async () => {
  const modules = await testkitGraph();
  assert.ok(
    modules.some((m) => m.specifier.endsWith("/kit/testkit/graded.ts")),
    "graded.ts is not in the graph",
  );
  assert.deepEqual(boundaryViolations(modules, KIT_ROOT), []);
});

Deno.test("the boundary check catches an import out of kit/testkit/, type-only ones too", () => {
  const url = (path: string) => pathToFileURL(join(KIT_ROOT, path)).href;
  const modules: GraphModule[] = [
    {
      specifier: url("kit/testkit/graded.ts"),
      dependencies: [
        { specifier: "./harden.ts", code: { specifier: url("kit/testkit/harden.ts") } },
        { specifier: "../lib/random.ts", code: { specifier: url("kit/lib/random.ts") } },
        { specifier: "../grading/judge.ts", type: { specifier: url("kit/grading/judge.ts") } },
        { specifier: "node:fs", code: { specifier: "node:fs" } },
      ],
    },
    // Only kit/testkit/ modules are held to the rule: kit/lib/ may use npm packages.
    {
      specifier: url("kit/lib/random.ts"),
      dependencies: [{ specifier: "seedrandom", code: { specifier: "npm:seedrandom@3.0.5" } }],
    },
  ];
  assert.deepEqual(boundaryViolations(modules, KIT_ROOT), [
    "kit/testkit/graded.ts -> kit/grading/judge.ts",
    "kit/testkit/graded.ts -> node:fs",
  ]);
});

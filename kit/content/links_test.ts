import { strict as assert } from "node:assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linkProblems } from "./links.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The author copy's markdown: the kit's own, every lesson's and the data's. */
async function markdownFiles(): Promise<string[]> {
  const files = ["README.md", "data/README.md"];
  for await (const entry of Deno.readDir(join(KIT_ROOT, "kit"))) {
    if (entry.isFile && entry.name.endsWith(".md")) files.push(`kit/${entry.name}`);
  }
  for await (const entry of Deno.readDir(join(KIT_ROOT, "lessons"))) {
    if (entry.isDirectory) files.push(`lessons/${entry.name}/README.md`);
  }
  return files.sort();
}

Deno.test("linkProblems: the author copy has no dead link or kit path, authors-only regions included", async () => {
  const problems = [];
  for (const path of await markdownFiles()) {
    const text = await Deno.readTextFile(join(KIT_ROOT, path)).catch(() => "");
    problems.push(...await linkProblems(KIT_ROOT, path, text));
  }
  assert.deepEqual(problems, []);
});

Deno.test("linkProblems: a dead link and a dead kit path in an authors-only region are found", async () => {
  const root = await Deno.makeTempDir({ prefix: "links-test-" });
  try {
    await Deno.mkdir(join(root, "kit/bench"), { recursive: true });
    await Deno.writeTextFile(join(root, "kit/bench/mlp_python.py"), "");
    const text = "<!-- authors-only -->\n\n[NumPy](../../kit/bench/mlp_numpy.py), " +
      "`kit/crosscheck/validation_sklearn_test.ts`, `kit/bench/mlp_python.py`\n\n" +
      "<!-- /authors-only -->\n";
    assert.deepEqual(await linkProblems(root, "lessons/05-x/README.md", text), [
      "lessons/05-x/README.md links to ../../kit/bench/mlp_numpy.py, which does not exist",
      "lessons/05-x/README.md names `kit/crosscheck/validation_sklearn_test.ts`, which does not exist",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

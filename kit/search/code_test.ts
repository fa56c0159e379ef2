import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultSource, loadPiece, loadSearchCode } from "./code.ts";

/** A kit folder whose exercises are stubs that throw "TODO: …", as the generated ones do. */
async function stubKit(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "search-code-" });
  const files: Record<string, string[]> = {
    "07-grid-and-random-search/grid.ts": ["gridPoints"],
    "07-grid-and-random-search/random_search.ts": ["randomConfigurations"],
    "07-grid-and-random-search/tracker.ts": ["formatTrialLog", "parseTrialLog"],
    "06-validation/select.ts": ["selectBest"],
  };
  for (const [file, names] of Object.entries(files)) {
    await Deno.mkdir(join(root, "exercises", file, ".."), { recursive: true });
    await Deno.writeTextFile(
      join(root, "exercises", file),
      names.map((n) => `export function ${n}() { throw new Error("TODO: ${n}"); }\n`).join(""),
    );
  }
  return root;
}

Deno.test("loadSearchCode: a stub names the exercise and the check command", async () => {
  const root = await stubKit();
  try {
    assert.equal(await defaultSource(root), "exercises");
    const code = await loadSearchCode(root, "exercises");
    assert.throws(
      () => code.gridPoints({}),
      /gridPoints in exercises\/07-grid-and-random-search\/grid\.ts is not written yet .*deno task check lesson-07/,
    );
    assert.throws(() => code.selectBest([]), /deno task check lesson-06/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("loadSearchCode: a missing file or export is named", async () => {
  // Two kits: a failed import is remembered by the module loader for its path.
  const [missing, empty] = [await stubKit(), await stubKit()];
  try {
    await Deno.remove(join(missing, "exercises/06-validation/select.ts"));
    await assert.rejects(
      () => loadSearchCode(missing, "exercises"),
      /cannot load exercises\/06-validation\/select\.ts/,
    );
    await Deno.writeTextFile(join(empty, "exercises/06-validation/select.ts"), "export {};\n");
    await assert.rejects(() => loadSearchCode(empty, "exercises"), /does not export selectBest/);
  } finally {
    await Deno.remove(missing, { recursive: true });
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("loadPiece: given code calling an unwritten exercise names the exercise's file", async () => {
  const root = await Deno.makeTempDir({ prefix: "search-code-" });
  try {
    const folder = join(root, "exercises", "09-model-based-search");
    await Deno.mkdir(folder, { recursive: true });
    await Deno.writeTextFile(
      join(folder, "propose.ts"),
      "export function gpChoose() {\n  throw new Error(\"TODO: gpChoose (lesson 09, 'Maximising')\");\n}\n",
    );
    await Deno.writeTextFile(
      join(folder, "sampler.ts"),
      'import { gpChoose } from "./propose.ts";\nexport function proposeNext() { return gpChoose(); }\n',
    );
    const proposeNext = await loadPiece(
      root,
      "exercises",
      "09-model-based-search/sampler.ts",
      "proposeNext",
    );
    assert.throws(
      () => proposeNext(),
      /proposeNext in exercises\/09-model-based-search\/sampler\.ts calls gpChoose, which is not written yet \(TODO: gpChoose .*\): finish it in exercises\/09-model-based-search\/propose\.ts and check it with `deno task check lesson-09`/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

import { strict as assert } from "node:assert";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyTree } from "../grading/stage.ts";
import { editionProblems, releaseStudentEdition } from "./release.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Writes `files` (path → text) under a new temporary folder and returns it. */
async function folderWith(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "release-test-" });
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(root, path)), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

Deno.test("editionProblems: finds a dead link, an unknown task and a mention of solutions/", async () => {
  const root = await folderWith({
    "deno.json": JSON.stringify({ tasks: { check: "true" } }),
    "data/a.csv": "x\n",
    "README.md": "[data](data/a.csv) [top](#top) [site](https://deno.com) [gone](missing.md)\n\n" +
      "Run `deno task check lesson-01`, then `deno task sync`.\n\n" +
      "```md\n[not a link](nowhere.md)\n```\n",
    "lessons/01-x/README.md":
      "See [the data](../../data/a.csv#row) and [x][ref].\n\n[ref]: ../02-y/\n",
    "exercises/01-x/f.ts": "// the answer is in solutions/01-x/f.ts\n",
  });
  try {
    assert.deepEqual((await editionProblems(root)).sort(), [
      "README.md links to missing.md, which does not exist",
      "README.md names `deno task sync`, not in deno.json",
      "exercises/01-x/f.ts mentions solutions/, which the edition does not have",
      "lessons/01-x/README.md links to ../02-y/, which does not exist",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("editionProblems: a clean folder has none", async () => {
  const root = await folderWith({
    "deno.json": JSON.stringify({ tasks: { check: "true" } }),
    "README.md": "[lesson](lessons/01-x/README.md): `deno task check`\n",
    "lessons/01-x/README.md": "[back](../../README.md)\n",
  });
  try {
    assert.deepEqual(await editionProblems(root), []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test({
  name:
    "release: a fresh student edition reads cleanly, and its lessons' examples run on solved exercises",
  // Writes a whole edition and runs every graded test in it, then the lessons' examples.
  timeout: 300_000,
  fn: async () => {
    const out = await Deno.makeTempDir({ prefix: "release-test-edition-" });
    try {
      const report = await releaseStudentEdition(KIT_ROOT, out);
      assert.deepEqual(report.problems, []);
      assert.ok(report.tests > 0);
      // Every relative link resolves, every `deno task X` exists, nothing mentions solutions/.
      assert.deepEqual(await editionProblems(out), []);
      const lessons = [];
      for await (const entry of Deno.readDir(join(out, "lessons"))) lessons.push(entry.name);
      for (const lesson of lessons) {
        const text = await Deno.readTextFile(join(out, "lessons", lesson, "README.md"));
        assert.ok(!text.includes("```ts ignore\nimport"), `${lesson}: an example was disabled`);
      }
      // A learner who has solved every exercise can run every example of every lesson.
      await copyTree(join(KIT_ROOT, "solutions"), join(out, "exercises"));
      const run = await new Deno.Command(Deno.execPath(), {
        args: ["test", "--doc", "--allow-read", "--reporter=dot", "lessons/"],
        cwd: out,
        env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(run.stdout) + new TextDecoder().decode(run.stderr);
      assert.ok(run.success, text);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "release: a fresh edition's first check, with an empty Deno cache, gives the stub score online and then offline",
  // Writes a whole edition, then downloads its npm packages into an empty cache.
  timeout: 300_000,
  fn: async () => {
    const out = await Deno.makeTempDir({ prefix: "release-test-fresh-" });
    const cache = await Deno.makeTempDir({ prefix: "release-test-deno-dir-" });
    try {
      const report = await releaseStudentEdition(KIT_ROOT, out);
      assert.deepEqual(report.problems, []);
      const check = async (network: Record<string, string>) => {
        const run = await new Deno.Command(Deno.execPath(), {
          args: ["task", "check", "lesson-01"],
          cwd: out,
          // The learner's own environment (a proxy's certificate authority included).
          env: { ...network, DENO_DIR: cache, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
          stdout: "piped",
          stderr: "piped",
        }).output();
        return new TextDecoder().decode(run.stdout) + new TextDecoder().decode(run.stderr);
      };
      const online = await check({});
      assert.match(online, /^lesson-01: 0\/\d+ points$/m, online);
      // The network unusable: every request goes to a proxy that is not there.
      const unreachable = "http://127.0.0.1:9";
      const offline = await check({ HTTPS_PROXY: unreachable, HTTP_PROXY: unreachable });
      assert.match(offline, /^lesson-01: 0\/\d+ points$/m, offline);
      assert.equal(offline.match(/lesson-01: .*/)![0], online.match(/lesson-01: .*/)![0]);
    } finally {
      await Deno.remove(out, { recursive: true });
      await Deno.remove(cache, { recursive: true });
    }
  },
});

Deno.test("editionProblems: a kit path in a code span that the edition lacks is found", async () => {
  const root = await folderWith({
    "deno.json": JSON.stringify({ tasks: {} }),
    "kit/lib/csv.ts": "",
    "lessons/06-x/README.md":
      "Compared by `kit/crosscheck/06-x_test.ts`; read with `kit/lib/csv.ts`.\n",
  });
  try {
    assert.deepEqual(await editionProblems(root), [
      "lessons/06-x/README.md names `kit/crosscheck/06-x_test.ts`, which does not exist",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

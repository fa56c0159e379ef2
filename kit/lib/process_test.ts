import { strict as assert } from "node:assert";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  childEnvironment,
  CREDENTIALS,
  denoArgs,
  firstErrorLine,
  NETWORK_SETTINGS,
  runDeno,
  userEnvironment,
} from "./process.ts";

const KIT = fileURLToPath(new URL("../", import.meta.url));

const USER: Record<string, string> = {
  PATH: "/bin",
  HOME: "/home/t",
  DENO_DIR: "/cache",
  EDITOR: "vi",
  KIT_HELD_OUT_SEED: "secret",
  ...Object.fromEntries(NETWORK_SETTINGS.map((name) => [name, `value of ${name}`])),
  ...Object.fromEntries(CREDENTIALS.map((name) => [name, `token ${name}`])),
};

Deno.test("childEnvironment: a kit child keeps every network setting, a sandboxed one none", () => {
  const kit = childEnvironment("kit", USER);
  const sandboxed = childEnvironment("sandboxed", USER);
  for (const name of NETWORK_SETTINGS) {
    assert.equal(kit[name], USER[name], name);
    assert.equal(sandboxed[name], undefined, name);
  }
  for (const env of [kit, sandboxed]) {
    assert.equal(env.DENO_DIR, "/cache");
    assert.equal(env.HOME, "/home/t");
    assert.equal(env.EDITOR, undefined);
    assert.equal(env.KIT_HELD_OUT_SEED, undefined);
  }
});

Deno.test("no child gets a credential, not even the installer", () => {
  for (const env of [childEnvironment("kit", USER), childEnvironment("sandboxed", USER)]) {
    for (const name of CREDENTIALS) assert.equal(env[name], undefined, name);
  }
  const installer = userEnvironment(USER);
  for (const name of CREDENTIALS) assert.equal(installer[name], undefined, name);
  assert.equal(installer.NODE_EXTRA_CA_CERTS, USER.NODE_EXTRA_CA_CERTS);
});

Deno.test("a sandboxed child cannot download: run and test get --cached-only", () => {
  assert.deepEqual(denoArgs({ args: ["test", "x.ts"], cwd: ".", kind: "sandboxed" }), [
    "test",
    "--cached-only",
    "x.ts",
  ]);
  const already = ["test", "--cached-only", "a.ts"];
  assert.deepEqual(denoArgs({ args: already, cwd: ".", kind: "sandboxed" }), already);
});

Deno.test("a sandboxed deno info runs: it takes no --cached-only, only --no-remote", async () => {
  // The import analysis of every graded run is such a child; `deno info --cached-only` is
  // refused by Deno ("unexpected argument"), which once refused every submission.
  const folder = await Deno.makeTempDir({ prefix: "process-test-info-" });
  try {
    await Deno.writeTextFile(join(folder, "a.ts"), "export const a = 1;\n");
    const args = ["info", "--json", "--no-remote", "--no-npm", "a.ts"];
    assert.deepEqual(denoArgs({ args, cwd: folder, kind: "sandboxed" }), args);
    const output = await runDeno({ args, cwd: folder, kind: "sandboxed" });
    assert.ok(output.success, output.stderr);
    assert.ok(Array.isArray(JSON.parse(output.stdout).modules));
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("firstErrorLine: the first error of several", () => {
  assert.equal(firstErrorLine("error: one\nerror: two\n"), "one");
});

async function kitSources(): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory && entry.name !== "testdata") await walk(path);
      else if (entry.isFile && /\.ts$/.test(entry.name) && !/_test\.ts$/.test(entry.name)) {
        sources.set(relative(KIT, path).replaceAll("\\", "/"), await Deno.readTextFile(path));
      }
    }
  };
  await walk(KIT);
  return sources;
}

/** The modules whose child `deno` runs the learner's code or reads it: sandboxed, offline. */
const SANDBOXED_CALLERS = ["grading/run.ts", "grading/sandbox.ts"];

Deno.test("every child deno of the kit starts through kit/lib/process.ts, with the right kind", async () => {
  for (const [path, text] of await kitSources()) {
    if (path === "lib/process.ts") continue;
    assert.ok(
      !/new Deno\.Command\(\s*Deno\.execPath\(\)/.test(text),
      `kit/${path} starts a child deno itself: use startDeno or runDeno from kit/lib/process.ts`,
    );
    for (const match of text.matchAll(/\b(?:startDeno|runDeno)\(\{[\s\S]*?kind: "(\w+)"/g)) {
      const expected = SANDBOXED_CALLERS.includes(path) ? "sandboxed" : "kit";
      assert.equal(match[1], expected, `kit/${path}: a child of kind "${match[1]}"`);
    }
  }
});

Deno.test("check, grade, release, sync and the self-test fetch what their children load first", async () => {
  const sources = await kitSources();
  for (const command of ["check", "grade", "release", "sync", "selftest"]) {
    const text = sources.get(`cli/${command}.ts`)!;
    assert.match(text, /await cacheModules\(/, `kit/cli/${command}.ts never calls cacheModules`);
  }
});

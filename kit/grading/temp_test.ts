import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { heldFolders, makeTempFolder } from "./temp.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);

Deno.test("a held temporary folder is removed by its owner, and then no longer held", async () => {
  const folder = await makeTempFolder("kit-temp-test-", true);
  assert.ok(await exists(folder.path));
  await folder.remove();
  assert.ok(!(await exists(folder.path)));
  assert.ok(!heldFolders().includes(folder.path));
});

/**
 * The grader's folders of teacher material in a child process that is then interrupted: a
 * student's workspace and the reference run's (tests, cases, solutions), and drawn held-out
 * cases. Each must be gone after the signal.
 */
const CHILD = (kitRoot: string) => `
import { stageWorkspace } from ${JSON.stringify(new URL("./stage.ts", import.meta.url).href)};
import { drawHeldOutCases } from ${JSON.stringify(new URL("./held_out.ts", import.meta.url).href)};
import { listLessons } from ${
  JSON.stringify(new URL("../course/lessons.ts", import.meta.url).href)
};
const kitRoot = ${JSON.stringify(kitRoot)};
const lessons = (await listLessons(kitRoot)).filter((l) => l.number === 1);
const stage = await stageWorkspace({ kitRoot, implementationRoot: kitRoot + "/solutions", lessons, removeOnInterrupt: true });
const drawn = await drawHeldOutCases(kitRoot, "a test seed");
if (!("folder" in drawn)) throw new Error(drawn.problem);
console.log(JSON.stringify([stage.root, drawn.folder]));
setTimeout(() => {}, 60_000);
`;

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test({
    name: `the grader's folders of teacher material are removed when it gets ${signal}`,
    ignore: Deno.build.os === "windows",
    fn: async () => {
      const scratch = await Deno.makeTempDir({ prefix: "kit-temp-child-" });
      try {
        const script = join(scratch, "child.ts");
        await Deno.writeTextFile(script, CHILD(KIT_ROOT));
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--no-check", `--config=${join(KIT_ROOT, "deno.json")}`, script],
          stdout: "piped",
          stderr: "inherit",
          env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        }).spawn();
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        let text = "";
        while (!text.includes("\n")) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
        }
        const folders: string[] = JSON.parse(text.split("\n")[0]);
        for (const folder of folders) assert.ok(await exists(folder), `${folder} not made`);
        child.kill(signal);
        const status = await child.status;
        reader.releaseLock();
        await child.stdout.cancel().catch(() => {});
        assert.equal(status.code, 130);
        for (const folder of folders) {
          assert.ok(!(await exists(folder)), `${folder} was left behind after ${signal}`);
        }
      } finally {
        await Deno.remove(scratch, { recursive: true });
      }
    },
  });
}

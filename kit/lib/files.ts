/**
 * Files: writing reports so that a reader never sees half of one, asking whether a path exists,
 * and listing a folder's TypeScript files.
 *
 * @module
 */

import { dirname, join } from "node:path";

/**
 * Writes `text` to `path` atomically: to a temporary file beside it, then a rename. An
 * interrupted run leaves either the old file or the new one, never a truncated file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { writeTextFileAtomic } from "./files.ts";
 * const folder = await Deno.makeTempDir();
 * const path = join(folder, "reports", "alice.json");
 * await writeTextFileAtomic(path, "{}\n");
 * await writeTextFileAtomic(path, '{"score": 3}\n');
 * assert.equal(await Deno.readTextFile(path), '{"score": 3}\n');
 * assert.deepEqual([...Deno.readDirSync(join(folder, "reports"))].map((e) => e.name), ["alice.json"]);
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  await Deno.mkdir(folder, { recursive: true });
  const temporary = await Deno.makeTempFile({ dir: folder, prefix: ".writing-" });
  try {
    await Deno.writeTextFile(temporary, text);
    // Temporary files are private (0600); the file replaced, or a new one, is readable by all.
    const mode = await Deno.stat(path).then((info) => info.mode ?? 0o644, () => 0o644);
    await Deno.chmod(temporary, mode & 0o777);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

/**
 * Whether anything (a file, a folder, a link) is at `path`; other errors than "not found" (a
 * folder that cannot be read, say) are thrown, not taken for "absent".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exists } from "./files.ts";
 * const folder = await Deno.makeTempDir();
 * assert.equal(await exists(folder), true);
 * assert.equal(await exists(`${folder}/nothing.txt`), false);
 * await Deno.remove(folder);
 * ```
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Every TypeScript file under `folder` (relative to `root`, with "/"), in subfolders too, except
 * `testdata/` fixtures: what the kit's code-style tests read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { typeScriptFiles } from "./files.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(join(root, "kit", "lib", "testdata"), { recursive: true });
 * for (const file of ["kit/a.ts", "kit/lib/b_test.ts", "kit/lib/notes.md", "kit/lib/testdata/c.ts"]) {
 *   await Deno.writeTextFile(join(root, file), "");
 * }
 * assert.deepEqual((await typeScriptFiles(root, "kit")).sort(), ["kit/a.ts", "kit/lib/b_test.ts"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function typeScriptFiles(root: string, folder: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(join(root, folder))) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "testdata") {
      files.push(...await typeScriptFiles(root, path));
    } else if (entry.isFile && /\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

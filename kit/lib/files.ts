/**
 * Writing report files so that a reader never sees half of one.
 *
 * @module
 */

import { dirname } from "node:path";

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

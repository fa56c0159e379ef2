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
 * ```ts ignore
 * await writeTextFileAtomic("reports/alice.json", JSON.stringify(result));
 * ```
 */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  await Deno.mkdir(folder, { recursive: true });
  const temporary = await Deno.makeTempFile({ dir: folder, prefix: ".writing-" });
  try {
    await Deno.writeTextFile(temporary, text);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

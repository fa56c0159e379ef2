/**
 * Temporary folders that hold teacher material (staged tests and cases, the solutions, drawn
 * held-out cases), removed on every way out: by their owner in a `finally` when the work
 * returns or throws, and here when the grader is interrupted (SIGINT, SIGTERM) meanwhile.
 *
 * A signal listener keeps Deno's event loop alive, so one is installed only while a folder is
 * held, and taken away with the last one.
 *
 * @module
 */

/** Folders held, each with whether an interrupt removes it. */
const held = new Map<string, boolean>();
let listening = false;
const SIGNALS: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];

function onSignal(): void {
  for (const [folder, onInterrupt] of held) {
    if (!onInterrupt) continue;
    try {
      Deno.removeSync(folder, { recursive: true });
    } catch {
      // Already gone.
    }
  }
  Deno.exit(130);
}

/** Listens while a folder an interrupt must remove is held. */
function listen(): void {
  const on = [...held.values()].some((onInterrupt) => onInterrupt);
  if (on === listening) return;
  listening = on;
  for (const signal of SIGNALS) {
    if (on) Deno.addSignalListener(signal, onSignal);
    else Deno.removeSignalListener(signal, onSignal);
  }
}

/** A held temporary folder: its path, and how to remove it. */
export interface TempFolder {
  path: string;
  /** Removes the folder (never throws) and stops holding it. */
  remove(): Promise<void>;
}

/**
 * Makes a temporary folder; call `remove` in a `finally`. With `removeOnInterrupt` (the
 * grader's folders of teacher material), a SIGINT or SIGTERM meanwhile removes it and ends the
 * process (exit code 130); without, an interrupt is the caller's to handle (the learner's check
 * prints where it stopped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heldFolders, makeTempFolder } from "./temp.ts";
 * const folder = await makeTempFolder("kit-example-", true);
 * assert.ok(heldFolders().includes(folder.path));
 * await folder.remove();
 * assert.ok(!heldFolders().includes(folder.path));
 * ```
 */
export async function makeTempFolder(
  prefix: string,
  removeOnInterrupt = false,
): Promise<TempFolder> {
  const path = await Deno.makeTempDir({ prefix });
  held.set(path, removeOnInterrupt);
  listen();
  return {
    path,
    remove: async () => {
      await Deno.remove(path, { recursive: true }).catch(() => {});
      held.delete(path);
      listen();
    },
  };
}

/**
 * The folders held now, for tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heldFolders } from "./temp.ts";
 * assert.ok(Array.isArray(heldFolders()));
 * ```
 */
export function heldFolders(): string[] {
  return [...held.keys()];
}

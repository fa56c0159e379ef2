/**
 * Loads the pieces of a search that the course has the learner write: from `solutions/` (the
 * authors' copy) or from the learner's `exercises/` (the student edition has no `solutions/`).
 * A piece that is still a stub stops the search with a message naming the exercise to finish.
 *
 * @module
 */

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SearchCode } from "./runner.ts";
import type { CodePiece, MethodCode } from "./method.ts";

/** Where the pieces come from. */
export type CodeSource = "solutions" | "exercises";

const PIECES: CodePiece[] = [
  { file: "07-grid-and-random-search/grid.ts", names: ["gridPoints"] },
  { file: "07-grid-and-random-search/random_search.ts", names: ["randomConfigurations"] },
  { file: "07-grid-and-random-search/tracker.ts", names: ["formatTrialLog", "parseTrialLog"] },
  { file: "06-validation/select.ts", names: ["selectBest"] },
];

/** Lesson 06's splits, which `runSearch`'s trials use (`data.ts`). */
const SPLIT_PIECES: CodePiece[] = [
  { file: "06-validation/split.ts", names: ["stratifiedSplit"] },
  { file: "06-validation/kfold.ts", names: ["stratifiedKFold"] },
];

/**
 * `solutions` when the kit has a `solutions/` folder, else `exercises`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultSource } from "./code.ts";
 * // A folder without solutions/ (the student edition) runs the learner's exercises.
 * assert.equal(await defaultSource(await Deno.makeTempDir()), "exercises");
 * ```
 */
export async function defaultSource(kitRoot: string): Promise<CodeSource> {
  try {
    await Deno.stat(join(kitRoot, "solutions"));
    return "solutions";
  } catch {
    return "exercises";
  }
}

/**
 * Imports the search pieces from `kitRoot/source/`. Each function is wrapped so that an error it
 * throws while still a stub ("TODO: …") is reported as "finish `exercises/…` first".
 *
 * Throws an `Error` naming the file when a piece cannot be loaded (missing, or a syntax error).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { loadSearchCode } from "./code.ts";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
 * const code = await loadSearchCode(kitRoot, "solutions");
 * assert.deepEqual(code.gridPoints({ lr: [0.1, 0.01] }), [{ lr: 0.1 }, { lr: 0.01 }]);
 * ```
 */
export async function loadSearchCode(kitRoot: string, source: CodeSource): Promise<SearchCode> {
  return await loadPieces(kitRoot, source, PIECES) as unknown as SearchCode;
}

/**
 * {@link loadSearchCode} plus lesson 06's splits and the {@link CodePiece}s a method declares: what `runSearch` loads
 * for the method it runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { loadMethodCode } from "./code.ts";
 * import { METHODS } from "./methods.ts";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
 * const pieces = METHODS.halving.pieces;
 * const code = await loadMethodCode(kitRoot, "solutions", pieces) as unknown as Record<string, unknown>;
 * for (const name of ["selectBest", "stratifiedSplit", ...pieces.flatMap((p) => p.names)]) {
 *   assert.equal(typeof code[name], "function", name);
 * }
 * ```
 */
export async function loadMethodCode(
  kitRoot: string,
  source: CodeSource,
  pieces: readonly CodePiece[],
): Promise<MethodCode> {
  return await loadPieces(kitRoot, source, [
    ...PIECES,
    ...SPLIT_PIECES,
    ...pieces,
  ]) as unknown as MethodCode;
}

async function loadPieces(
  kitRoot: string,
  source: CodeSource,
  pieces: readonly CodePiece[],
): Promise<Record<string, unknown>> {
  const code: Record<string, unknown> = {};
  for (const { file, names } of pieces) {
    for (const name of names) code[name] = await loadPiece(kitRoot, source, file, name);
  }
  return code;
}

/**
 * Imports the function `name` of `kitRoot/source/file` (e.g. `"06-validation/early_stopping.ts"`),
 * wrapped so that an error it throws while still a stub ("TODO: …") is reported as "finish
 * `exercises/…` first, and check it with `deno task check lesson-NN`".
 *
 * Throws an `Error` naming the file when it cannot be loaded or does not export `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { loadPiece } from "./code.ts";
 * const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
 * const file = "06-validation/early_stopping.ts";
 * assert.equal(typeof await loadPiece(kitRoot, "solutions", file, "fitWithEarlyStopping"), "function");
 * await assert.rejects(
 *   loadPiece(kitRoot, "solutions", file, "fitFaster"),
 *   /solutions\/06-validation\/early_stopping.ts does not export fitFaster/,
 * );
 * ```
 */
export async function loadPiece(
  kitRoot: string,
  source: CodeSource,
  file: string,
  name: string,
): Promise<(...args: unknown[]) => unknown> {
  const path = join(kitRoot, source, file);
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new Error(`cannot load ${source}/${file}: ${(error as Error).message}`);
  }
  const fn = module[name];
  if (typeof fn !== "function") throw new Error(`${source}/${file} does not export ${name}`);
  return (...args: unknown[]) => {
    try {
      return fn(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.startsWith("TODO")) {
        throw new Error(stubMessage(kitRoot, source, file, name, message));
      }
      throw error;
    }
  };
}

/**
 * What to tell the learner when `name` of `file` threw a stub's `message` ("TODO: gpChoose
 * (lesson 09, …)"): the stub itself, or, when `name` is given code calling an exercise (lesson
 * 09's sampler calling `gpChoose`), the exercise's file, found by its stub text in the folder.
 */
function stubMessage(
  kitRoot: string,
  source: CodeSource,
  file: string,
  name: string,
  message: string,
): string {
  const lesson = /\(lesson (\d+)/.exec(message)?.[1] ?? file.slice(0, 2);
  const check = `check it with \`deno task check lesson-${lesson}\``;
  const stub = /^TODO:?\s*([A-Za-z_$][\w$]*)/.exec(message)?.[1];
  if (stub === undefined || stub === name) {
    return `${name} in ${source}/${file} is not written yet (${message}): finish it and ${check}`;
  }
  const folder = file.slice(0, file.lastIndexOf("/") + 1);
  let where = `${source}/${folder}`;
  try {
    for (const entry of Deno.readDirSync(join(kitRoot, source, folder))) {
      const text = entry.isFile
        ? Deno.readTextFileSync(join(kitRoot, source, folder, entry.name))
        : "";
      if (text.includes(`"${message}"`)) where = `${source}/${folder}${entry.name}`;
    }
  } catch {
    // The folder cannot be read: name the folder only.
  }
  return `${name} in ${source}/${file} calls ${stub}, which is not written yet (${message}): ` +
    `finish it in ${where} and ${check}`;
}

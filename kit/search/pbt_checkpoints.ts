/**
 * The checkpoints sidecar of a search whose trials hand their weights back (PBT): `LOG.pbt.json`
 * beside the log holds, by trial id, the weights each such trial ended with (the bytes of a
 * Float64Array in base64, so they come back bit for bit) and the cells of its row, rewritten
 * (atomically, through the {@link LogStore}) before that trial's row enters the log. A resumed
 * search reads the weights of its logged trials back, so a member continues from exactly the
 * weights the uninterrupted run would have given it. SGD runs without momentum there, so the
 * weights are the whole state of the optimizer.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import type { LogRow, LogStore } from "./runner.ts";
import type { TrialPlan } from "./pool.ts";
import type { TrialResult } from "./trial.ts";

/** One trial's checkpoint: the cells that identify its row, and its weights in base64. */
interface Checkpoint {
  cells: Record<string, number | string | boolean>;
  weights: string;
}

/** The sidecar's JSON. */
interface CheckpointFile {
  search: string;
  checkpoints: Record<string, Checkpoint>;
}

/**
 * The sidecar next to a log: `runs/a.csv` → `runs/a.pbt.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkpointsPath } from "./pbt_checkpoints.ts";
 * assert.equal(checkpointsPath("runs/a.csv"), "runs/a.pbt.json");
 * assert.equal(checkpointsPath("log"), "log.pbt.json");
 * ```
 */
export function checkpointsPath(log: string): string {
  return log.replace(/(\.csv)?$/i, ".pbt.json");
}

/** Weights as base64 of their Float64 bytes (exact). */
function encode(weights: readonly number[]): string {
  return Buffer.from(new Float64Array(weights).buffer).toString("base64");
}

/** The inverse of {@link encode}. */
function decode(text: string): number[] {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 8 !== 0) throw new Error("a checkpoint's weights are not whole doubles");
  const copy = new Uint8Array(bytes);
  return [...new Float64Array(copy.buffer, 0, copy.length / 8)];
}

/** The cells a checkpoint is matched on: the plan's, as its log row holds them. */
function planCells(plan: TrialPlan): Record<string, number | string | boolean> {
  return { seed: plan.seed, epochs: plan.epochs, ...plan.labels, ...plan.config };
}

/** Parses a sidecar, or throws naming it. */
function parse(text: string, where: string): CheckpointFile {
  let file: CheckpointFile | undefined;
  try {
    file = JSON.parse(text);
  } catch {
    file = undefined;
  }
  if (
    !file || typeof file.search !== "string" || typeof file.checkpoints !== "object" ||
    file.checkpoints === null
  ) {
    throw new Error(`cannot resume: the checkpoints file ${where} is not one (corrupt?)`);
  }
  return file;
}

/**
 * Keeps the checkpoints sidecar of a search: reads back the weights of the `logged` rows into
 * `weights` (checking that the file is of this search, `identity`, and that each checkpoint is
 * of its logged row), and returns `record`, which adds a finished trial's weights and rewrites
 * the file. Throws an `Error` naming the file when logged trials need weights it lacks (missing
 * or corrupt file, another search's; no `store` at all). With no `store` nothing is kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkpointKeeper } from "./pbt_checkpoints.ts";
 * const store = {
 *   name: "a.pbt.json",
 *   text: undefined as string | undefined,
 *   read() { return Promise.resolve(this.text); },
 *   write(text: string) { this.text = text; return Promise.resolve(); },
 * };
 * const plan = { id: 0, config: { lr: 0.1 }, seed: 7, epochs: 3, returnWeights: true };
 * const keeper = await checkpointKeeper(store, "s", [], new Map(), true);
 * await keeper.record(plan, { weights: [0.1, 1 / 3] } as never);
 * const row = { id: 0, seed: 7, epochs: 3, lr: 0.1, score: 0.5 };
 * const weights = new Map<number, number[]>();
 * await checkpointKeeper(store, "s", [row], weights, true);
 * assert.deepEqual(weights.get(0), [0.1, 1 / 3]); // bit for bit
 * await assert.rejects(checkpointKeeper(store, "t", [row], new Map(), true), /of another search/);
 * ```
 */
export async function checkpointKeeper(
  store: LogStore | undefined,
  identity: string,
  logged: readonly LogRow[],
  weights: Map<number, number[]>,
  needed: boolean,
): Promise<{ record(plan: TrialPlan, result: TrialResult): Promise<void> }> {
  const file: CheckpointFile = { search: identity, checkpoints: {} };
  if (!store && needed && logged.length > 0) {
    throw new Error(
      `cannot resume: the log holds ${logged.length} trials whose weights the search needs, ` +
        "and no checkpoints file is kept beside it",
    );
  }
  const text = await store?.read();
  if (store && needed && logged.length > 0) {
    if (text === undefined || text.trim() === "") {
      throw new Error(
        `cannot resume: the log holds ${logged.length} trials but their checkpoints file ` +
          `${store.name} is missing (use another --out)`,
      );
    }
    readBack(parse(text, store.name), identity, logged, weights, store.name);
    const ids = new Set(logged.map((r) => String(r.id)));
    for (const [id, c] of Object.entries(parse(text, store.name).checkpoints)) {
      if (ids.has(id)) file.checkpoints[id] = c;
    }
  }
  let writing = Promise.resolve();
  return {
    async record(plan, result) {
      if (!store || !result.weights) return;
      file.checkpoints[String(plan.id)] = {
        cells: planCells(plan),
        weights: encode(result.weights),
      };
      const json = JSON.stringify(file);
      writing = writing.then(() => store.write(json));
      await writing;
    },
  };
}

/** Puts each logged row's checkpoint into `weights`, checking it is of that row. */
function readBack(
  file: CheckpointFile,
  identity: string,
  logged: readonly LogRow[],
  weights: Map<number, number[]>,
  where: string,
) {
  if (file.search !== identity) {
    throw new Error(
      `cannot resume: the checkpoints file ${where} is of another search (${file.search}), ` +
        `this is ${identity}`,
    );
  }
  for (const row of logged) {
    const checkpoint = file.checkpoints[String(row.id)];
    if (!checkpoint || typeof checkpoint.weights !== "string") {
      throw new Error(
        `cannot resume: the checkpoints file ${where} lacks trial ${row.id} of the log`,
      );
    }
    const same = Object.entries(checkpoint.cells ?? {}).every(([k, v]) => row[k] === v);
    if (!same || checkpoint.cells === undefined) {
      throw new Error(
        `cannot resume: the checkpoint of trial ${row.id} in ${where} is of another search ` +
          "(another --seed, --space or --trials?)",
      );
    }
    try {
      weights.set(row.id as number, decode(checkpoint.weights));
    } catch (error) {
      throw new Error(`cannot resume: ${where}: trial ${row.id}: ${(error as Error).message}`);
    }
  }
}

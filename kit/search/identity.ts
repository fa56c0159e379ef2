/**
 * Which search wrote a trial log. A row records its configuration, seed and budget, which a
 * resumed or merged search compares with its own plan; but a trial's outcome also depends on
 * options no row shows: the dataset, the cross-validation folds, early stopping's patience, a
 * method's own options (`--eta`), the simulated clock's virtual workers, and the kit's trial
 * procedure itself (the split, its seed 0, the settings by dataset). Those make the search's
 * identity, written in a `search` column, the same in every row, as readable `key=value` words
 * (`dataset=iris method=random cv=5 patience=none kit=1`), so that shard logs keep it when they
 * are merged, a learner's own trial-log reader (lesson 07) reads it back as a string, and a
 * refusal can name the option that differs.
 *
 * Not in it, on purpose: what the rows already show and check (the seed, the space, the epochs),
 * what may grow between runs (`--trials`, so a search can be extended), what never changes a row
 * (`--workers`, `--shard`, `--out`), and whose code ran (`--code`): the exercises and the
 * solutions implement the same graded functions, and a label could not tell a correct exercise
 * from an edited one anyway.
 *
 * @module
 */

import { DEFAULT_SETTINGS, type TrialSettings } from "./trial.ts";

/** The log column that holds the identity of the search that wrote each row. */
export const SEARCH_COLUMN = "search";

/**
 * The version of the kit's trial procedure (split, folds, training, settings by dataset): raise
 * it when a change would give a logged trial another outcome, so that old logs are refused.
 */
export const TRIALS_VERSION = 1;

/** What identifies a search beyond its rows. */
export interface IdentityParts {
  /** The dataset's name. */
  dataset: string;
  /** The method's name. */
  method: string;
  /** Cross-validation folds as resolved (0: one validation set). */
  folds: number;
  /** Early stopping's patience; `undefined`: every epoch trains. */
  patience: number | undefined;
  /** The method's own options, defaults filled in. */
  methodOptions: Readonly<Record<string, number>>;
  /** The clock and its virtual workers, for an asynchronous method only. */
  clock?: { clock: string; virtualWorkers: number };
  /** Settings changed from the kit's defaults by dataset (tests), by name. */
  settings?: Partial<TrialSettings>;
}

/**
 * The identity of a search, as its log's `search` column holds it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchIdentity } from "./identity.ts";
 * const parts = { dataset: "iris", method: "halving", folds: 5, patience: undefined };
 * assert.equal(
 *   searchIdentity({ ...parts, methodOptions: { eta: 3 } }),
 *   "dataset=iris method=halving cv=5 patience=none eta=3 kit=1",
 * );
 * ```
 */
export function searchIdentity(parts: IdentityParts): string {
  const words: [string, string | number][] = [
    ["dataset", parts.dataset],
    ["method", parts.method],
    ["cv", parts.folds],
    ["patience", parts.patience ?? "none"],
    ...Object.entries(parts.methodOptions).sort(([a], [b]) => a < b ? -1 : 1),
    ...(parts.clock
      ? [["clock", parts.clock.clock], ["virtual-workers", parts.clock.virtualWorkers]] as [
        string,
        string | number,
      ][]
      : []),
    ...Object.entries(parts.settings ?? {}).sort(([a], [b]) => a < b ? -1 : 1),
    ["kit", TRIALS_VERSION],
  ];
  for (const [key, value] of words) {
    if (/[\s=,"]/.test(`${key}${value}`)) {
      throw new RangeError(`the search's ${key} "${value}" cannot be written in its identity`);
    }
  }
  return words.map(([key, value]) => `${key}=${value}`).join(" ");
}

/** An identity's words by key; `undefined` when the text is not an identity. */
function words(identity: string): Map<string, string> | undefined {
  const pairs = identity.trim().split(/\s+/).map((w) => /^([^=]+)=(.*)$/.exec(w));
  if (pairs.some((p) => p === null)) return undefined;
  return new Map(pairs.map((p) => [p![1], p![2]]));
}

/** One word of an identity as the option that gives it: `--cv 5`, `no --patience`. */
function asOption(key: string, value: string | undefined): string {
  if (key === "kit") return `the kit's trials version ${value ?? "(none)"}`;
  if (Object.hasOwn(DEFAULT_SETTINGS, key)) return `${key} ${value ?? "by default"}`;
  return value === undefined || value === "none" ? `no --${key}` : `--${key} ${value}`;
}

/**
 * How the identity `logged` differs from `ours`, the options that differ named as on the command
 * line (`"is a search of --dataset iris, this is --dataset wine"`); `undefined` when they are the
 * same search.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { identityDifference } from "./identity.ts";
 * const iris = "dataset=iris method=random cv=5 patience=none kit=1";
 * assert.equal(identityDifference(iris, iris), undefined);
 * assert.equal(
 *   identityDifference(iris, "dataset=wine method=random cv=3 patience=none kit=1"),
 *   "is a search of --dataset iris --cv 5, this is --dataset wine --cv 3",
 * );
 * assert.equal(
 *   identityDifference("garbage", iris),
 *   'is a search of an unreadable identity "garbage", this is dataset=iris method=random cv=5 patience=none kit=1',
 * );
 * ```
 */
export function identityDifference(logged: string, ours: string): string | undefined {
  if (logged === ours) return undefined;
  const theirs = words(logged);
  const mine = words(ours)!;
  if (!theirs) {
    return `is a search of an unreadable identity ${JSON.stringify(logged)}, this is ${ours}`;
  }
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])];
  const differ = keys.filter((k) => theirs.get(k) !== mine.get(k));
  if (differ.length === 0) return undefined;
  const side = (book: Map<string, string>) => differ.map((k) => asOption(k, book.get(k))).join(" ");
  return `is a search of ${side(theirs)}, this is ${side(mine)}`;
}

/**
 * Throws an `Error` unless every row of a log is of the search `identity`: `verb` says what
 * could not be done (`"cannot resume"`, `"cannot merge"`), `where` names the log. A log with
 * rows but no `search` column (written before logs recorded their search) is refused too: its
 * dataset, folds and patience cannot be checked, and adopting this search's identity for it
 * would write an unchecked claim into every row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkIdentity } from "./identity.ts";
 * const iris = "dataset=iris method=random cv=5 patience=none kit=1";
 * const wine = iris.replace("iris", "wine");
 * const log = { columns: ["id", "search"], rows: [{ id: 0, search: iris }] };
 * checkIdentity(log, iris, "a.csv", "cannot resume"); // the same search: no error
 * assert.throws(
 *   () => checkIdentity(log, wine, "a.csv", "cannot resume"),
 *   /cannot resume: a.csv is a search of --dataset iris, this is --dataset wine/,
 * );
 * assert.throws(
 *   () => checkIdentity({ columns: ["id"], rows: [{ id: 0 }] }, iris, "a.csv", "cannot merge"),
 *   /cannot merge: a.csv does not record which search wrote it/,
 * );
 * ```
 */
export function checkIdentity(
  log: { columns: readonly string[]; rows: readonly Record<string, unknown>[] },
  identity: string,
  where: string,
  verb: string,
): void {
  if (log.rows.length === 0) return;
  if (!log.columns.includes(SEARCH_COLUMN)) {
    throw new Error(
      `${verb}: ${where} does not record which search wrote it (no "${SEARCH_COLUMN}" column: ` +
        "it was written before the kit's logs named their dataset, --cv, --patience and method " +
        "options), so its trials cannot be checked against this search; run the search again " +
        "into another --out",
    );
  }
  for (const row of log.rows) {
    const difference = identityDifference(String(row[SEARCH_COLUMN]), identity);
    if (difference !== undefined) {
      const hint = verb === "cannot merge"
        ? "merge with the options the shards were run with"
        : "use the options that wrote it, or another --out";
      throw new Error(
        `${verb}: ${where} ${difference} (its trial ${JSON.stringify(row.id)}; ${hint})`,
      );
    }
  }
}

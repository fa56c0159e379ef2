/**
 * Loads the course's classification datasets (`data/*.csv`): one header row, numeric feature
 * columns, and a last column `label` holding the class as an integer from 0.
 *
 * Parsing is done by the `csv-parse` package; this module checks every cell and, on a malformed
 * file, throws an {@link Error} that names the file and the line (counted from 1, the header
 * being line 1).
 *
 * @module
 */

import { parse } from "csv-parse/sync";

/** A classification dataset, features stored row-major in one typed array. */
export interface Dataset {
  /** Names of the feature columns, in order (the `label` column is not included). */
  columns: string[];
  /** Number of examples (rows). */
  rows: number;
  /** Number of features per example. */
  cols: number;
  /** Features, row-major: feature `j` of example `i` is `features[i * cols + j]`. */
  features: Float64Array;
  /** Class of each example, an integer in `[0, classCount)`. */
  labels: Int32Array;
  /** Number of classes: the largest label plus one. */
  classCount: number;
}

/** The shape of a record returned by csv-parse with `info: true`. */
interface RecordWithInfo {
  record: string[];
  info: { lines: number };
}

/**
 * Parses the text of a dataset CSV. `file` only names the source in error messages.
 *
 * @throws Error naming `file` and the line on an empty file, a header whose last column is not
 * `label`, a row with the wrong number of cells, a non-numeric feature, or a label that is not
 * an integer ≥ 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDataset } from "./csv.ts";
 * const d = parseDataset("a,b,label\n1,2,0\n3,4,1\n", "tiny.csv");
 * assert.deepEqual([d.rows, d.cols, d.classCount], [2, 2, 2]);
 * assert.deepEqual(Array.from(d.features), [1, 2, 3, 4]);
 * ```
 */
export function parseDataset(text: string, file: string): Dataset {
  let parsed: RecordWithInfo[];
  try {
    parsed = parse(text, {
      info: true,
      relax_column_count: true, // counted below, so the message can say what was expected
      skip_empty_lines: true,
      trim: true,
    }) as unknown as RecordWithInfo[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines;
    throw new Error(`${file}${line ? `:${line}` : ""}: not valid CSV: ${message}`);
  }
  if (parsed.length === 0) throw new Error(`${file}:1: empty file (expected a header row)`);
  const header = parsed[0].record;
  const headerLine = parsed[0].info.lines;
  if (header.length < 2 || header[header.length - 1] !== "label") {
    throw new Error(
      `${file}:${headerLine}: the header's last column must be "label" after at least one ` +
        `feature column, got ${JSON.stringify(header)}`,
    );
  }
  const cols = header.length - 1;
  const rows = parsed.length - 1;
  if (rows === 0) throw new Error(`${file}:${headerLine + 1}: no data rows after the header`);
  const features = new Float64Array(rows * cols);
  const labels = new Int32Array(rows);
  let maxLabel = -1;
  for (let i = 0; i < rows; i++) {
    const { record, info } = parsed[i + 1];
    const where = `${file}:${info.lines}`;
    if (record.length !== header.length) {
      throw new Error(`${where}: expected ${header.length} cells, found ${record.length}`);
    }
    for (let j = 0; j < cols; j++) {
      const cell = record[j];
      const value = cell === "" ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new Error(
          `${where}: column "${header[j]}" is not a finite number: ${JSON.stringify(cell)}`,
        );
      }
      features[i * cols + j] = value;
    }
    const cell = record[cols];
    const label = cell === "" ? NaN : Number(cell);
    if (!Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
      throw new Error(`${where}: label must be an integer >= 0, got ${JSON.stringify(cell)}`);
    }
    labels[i] = label;
    if (label > maxLabel) maxLabel = label;
  }
  return { columns: header.slice(0, cols), rows, cols, features, labels, classCount: maxLabel + 1 };
}

/**
 * Reads and parses a dataset file (needs read permission for it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadDataset } from "./csv.ts";
 * const iris = await loadDataset(new URL("../../data/iris.csv", import.meta.url));
 * assert.deepEqual([iris.rows, iris.cols, iris.classCount], [150, 4, 3]);
 * ```
 */
export async function loadDataset(path: string | URL): Promise<Dataset> {
  const text = await Deno.readTextFile(path);
  return parseDataset(text, path instanceof URL ? decodeURIComponent(path.pathname) : path);
}

/**
 * The absolute URL of a file in the repository's `data/` folder, e.g. `dataUrl("iris.csv")`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dataUrl } from "./csv.ts";
 * assert.ok(dataUrl("iris.csv").pathname.endsWith("/data/iris.csv"));
 * ```
 */
export function dataUrl(name: string): URL {
  return new URL(`../../data/${name}`, import.meta.url);
}

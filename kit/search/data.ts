/**
 * The rows a search's trials see, split as lesson 06 teaches: a stratified 60/20/20 split
 * (the learner's `stratifiedSplit`, seed 0, the same for every trial of every search), and with
 * `--cv K` the learner's `stratifiedKFold` over the training + validation rows, each fold
 * scaled on its own training rows. The test rows stay out of every fold.
 *
 * @module
 */

import { type Dataset, dataUrl, parseDataset } from "../lib/csv.ts";
import { DATASETS, type PreparedData, prepareParts } from "./trial.ts";

/** Lesson 06's splitting pieces, as `code.ts` loads them. */
export interface SplitCode {
  /** Lesson 06: a stratified train/validation/test split of row indices. */
  stratifiedSplit(
    labels: ArrayLike<number>,
    fractions: { validation: number; test: number },
    seed: number | string,
  ): { train: number[]; validation: number[]; test: number[] };
  /** Lesson 06: stratified k-fold of row indices. */
  stratifiedKFold(
    labels: ArrayLike<number>,
    k: number,
  ): { train: number[]; validation: number[] }[];
}

/** Below this many rows, a search cross-validates unless told otherwise (`--cv`). */
export const CV_BELOW_ROWS = 500;
/** The folds of that default. */
export const DEFAULT_FOLDS = 5;

/**
 * Reads `data/NAME.csv`. Throws an `Error` listing the datasets for an unknown name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDataset } from "./data.ts";
 * const iris = await readDataset("iris");
 * assert.equal(iris.rows, 150);
 * assert.equal(iris.classCount, 3);
 * await assert.rejects(readDataset("mnist"), /unknown dataset "mnist"/);
 * ```
 */
export async function readDataset(name: string): Promise<Dataset> {
  if (!DATASETS.includes(name)) {
    throw new Error(`unknown dataset "${name}": choose one of ${DATASETS.join(", ")}`);
  }
  const file = `${name}.csv`;
  return parseDataset(await Deno.readTextFile(dataUrl(file)), `data/${file}`);
}

/**
 * The dataset split and scaled for a search: stratified 60/20/20 with seed 0, and with
 * `folds ≥ 2` that many stratified folds of the training + validation rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepareSearchData } from "./data.ts";
 * import { parseDataset } from "../lib/csv.ts";
 * import { stratifiedSplit } from "../../solutions/06-validation/split.ts";
 * import { stratifiedKFold } from "../../solutions/06-validation/kfold.ts";
 * const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 2}`).join("\n");
 * const d = parseDataset(`a,label\n${rows}\n`, "tiny.csv");
 * const p = prepareSearchData(d, "tiny", { stratifiedSplit, stratifiedKFold }, 4);
 * assert.deepEqual([p.train.rows, p.validation.rows, p.test.rows, p.folds!.length], [12, 4, 4, 4]);
 * ```
 */
export function prepareSearchData(
  dataset: Dataset,
  name: string,
  code: SplitCode,
  folds: number,
): PreparedData {
  const split = code.stratifiedSplit(dataset.labels, { validation: 0.2, test: 0.2 }, 0);
  const [train, validation, test] = prepareParts(dataset, name, [
    split.train,
    split.validation,
    split.test,
  ]);
  const prepared: PreparedData = {
    name,
    inputs: dataset.cols,
    classes: dataset.classCount,
    train,
    validation,
    test,
  };
  if (folds < 2) return prepared;
  const pool = [...split.train, ...split.validation].sort((a, b) => a - b);
  const labels = pool.map((r) => dataset.labels[r]);
  prepared.folds = code.stratifiedKFold(labels, folds).map((fold) => {
    const [foldTrain, foldValidation] = prepareParts(dataset, name, [
      fold.train.map((i) => pool[i]),
      fold.validation.map((i) => pool[i]),
    ]);
    return { train: foldTrain, validation: foldValidation };
  });
  return prepared;
}

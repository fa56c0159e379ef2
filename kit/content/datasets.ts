/**
 * The kit's datasets as the lesson generators use them: loaded from `data/`, split 60/20/20 by a
 * seeded permutation, and scaled. Shared so that lessons 02 and 05 train on the very same rows.
 *
 * @module
 */

import { type Dataset, dataUrl, parseDataset } from "../lib/csv.ts";
import { seededRandom, shuffle } from "../lib/random.ts";
import type { Examples } from "../../solutions/05-mlp-from-scratch/train.ts";

/**
 * A dataset of `data/` by file name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadData } from "./datasets.ts";
 * assert.equal(loadData("iris.csv").rows, 150);
 * ```
 */
export function loadData(name: string): Dataset {
  return parseDataset(Deno.readTextFileSync(dataUrl(name)), `data/${name}`);
}

/** Training, validation and test rows of one dataset. */
export interface Split {
  /** 60 % of the rows: what the network learns from. */
  train: Examples;
  /** 20 %: what settings are compared on. */
  validation: Examples;
  /** 20 %: touched once, for the final score. */
  test: Examples;
}

/**
 * A seeded 60/20/20 split of `d` into training, validation and test rows (rows permuted with
 * `seededRandom(seed)`), each set then passed to `scale`. The lessons compare settings on the
 * validation rows and touch the test rows once, for the final score: lesson 06's rule.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadData, split } from "./datasets.ts";
 * const s = split(loadData("iris.csv"), 5);
 * assert.deepEqual([s.train.rows, s.validation.rows, s.test.rows], [90, 30, 30]);
 * ```
 */
export function split(d: Dataset, seed: number, scale?: (features: Float64Array) => void): Split {
  const order = shuffle(Array.from({ length: d.rows }, (_, i) => i), seededRandom(seed));
  const nTrain = Math.round(0.6 * d.rows);
  const nValidation = Math.round(0.2 * d.rows);
  const pick = (rows: number[]): Examples => {
    const features = new Float64Array(rows.length * d.cols);
    rows.forEach((r, i) =>
      features.set(d.features.subarray(r * d.cols, (r + 1) * d.cols), i * d.cols)
    );
    return { features, labels: Int32Array.from(rows, (r) => d.labels[r]), rows: rows.length };
  };
  const trainSet = pick(order.slice(0, nTrain));
  const validationSet = pick(order.slice(nTrain, nTrain + nValidation));
  const testSet = pick(order.slice(nTrain + nValidation));
  for (const set of [trainSet, validationSet, testSet]) scale?.(set.features);
  return { train: trainSet, validation: validationSet, test: testSet };
}

/**
 * The digits data as lessons 02 and 05 train on it: pixels divided by 16 (into [0, 1]), split
 * with {@link split} by `seed`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { digitsSplit } from "./datasets.ts";
 * assert.equal(digitsSplit(5).train.rows, 1078);
 * ```
 */
export function digitsSplit(seed: number): Split {
  return split(loadData("digits.csv"), seed, (f) => f.forEach((v, i) => f[i] = v / 16));
}

/**
 * A function that standardises each column with the mean and deviation of `reference` (the
 * training set), so that validation and test rows are scaled by what training saw.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { standardiser } from "./datasets.ts";
 * const z = standardiser(new Float64Array([1, 3]), 1);
 * const f = new Float64Array([1, 3]);
 * z(f);
 * assert.deepEqual(Array.from(f), [-1, 1]);
 * ```
 */
export function standardiser(reference: Float64Array, cols: number): (f: Float64Array) => void {
  const rows = reference.length / cols;
  const mean = new Float64Array(cols), std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) mean[j] += reference[i * cols + j] / rows;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) std[j] += (reference[i * cols + j] - mean[j]) ** 2 / rows;
  }
  return (f: Float64Array) => {
    for (let i = 0; i < f.length; i++) f[i] = (f[i] - mean[i % cols]) / Math.sqrt(std[i % cols]);
  };
}

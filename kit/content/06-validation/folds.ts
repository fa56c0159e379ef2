/**
 * Lesson 06, k-fold cross-validation (`solutions/06-validation/kfold.ts`,
 * `solutions/06-validation/cross_validate.ts`): graded cases for the folds, the summaries and a
 * cross-validated score.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, normal, seededRandom, shuffle } from "../../lib/random.ts";
import { kFold, stratifiedKFold } from "../../../solutions/06-validation/kfold.ts";
import {
  crossValidate,
  type CrossValidation,
  meanAndSd,
  type MeanSd,
  pairedDifference,
} from "../../../solutions/06-validation/cross_validate.ts";
import { type JsonNumber, jsonNumber } from "./shared.ts";

/** A fold as the cases hold it: the validation rows (the training rows are the others). */
interface FoldsCase {
  n: number;
  k: number;
  validation: number[][];
}

interface StratifiedCase {
  note: string;
  labels: number[];
  k: number;
  validation: number[][];
}

interface CrossValidateCase {
  note: string;
  n: number;
  k: number;
  /**
   * The reference's `kFold(n, k)`: the test passes these folds, not the learner's `kFold`, so a
   * mistake in `kFold` costs points in `kFold`'s tests only.
   */
  folds: { train: number[]; validation: number[] }[];
  /** Score and loss of each fold, listed by the fold's first validation row. */
  table: { first: number; score: JsonNumber; loss: JsonNumber }[];
  expected: { score: JsonNumber; loss: JsonNumber; scoreSd: JsonNumber };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function kFoldCases(): FoldsCase[] {
  const pairs = [[10, 5], [7, 3], [11, 4], [5, 5], [23, 10], [100, 7], [2, 2], [150, 10]];
  // Seeded random sizes after the lesson's: the grade of record draws these afresh.
  const random = seededRandom("06/kfold");
  for (let i = 0; i < 4; i++) {
    const n = integer(random, 2, 60);
    pairs.push([n, integer(random, 2, Math.min(n, 12))]);
  }
  return pairs.map(([n, k]) => ({ n, k, validation: kFold(n, k).map((f) => f.validation) }));
}

function stratifiedCases(): StratifiedCase[] {
  const random = seededRandom("06/stratified-kfold");
  const cases: StratifiedCase[] = [];
  const add = (note: string, labels: number[], k: number) =>
    cases.push({
      note,
      labels,
      k,
      validation: stratifiedKFold(labels, k).map((f) => f.validation),
    });
  add("the lesson's example", [0, 0, 0, 1, 1, 1], 3);
  add(
    "classes first seen in the order 2, 0, 1",
    [2, 2, 0, 1, 1, 1, 0, 2, 1, 1, 1, 1, 2, 0],
    3,
  );
  add("a class smaller than k", [0, 0, 0, 0, 0, 0, 1, 1, 2], 3);
  add("sorted labels", [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2], 4);
  for (let t = 0; t < 5; t++) {
    const classes = integer(random, 2, 5);
    const labels = shuffle(
      Array.from({ length: classes }, (_, c) => Array(integer(random, 3, 20)).fill(c * 2)).flat(),
      random,
    );
    add("seeded random labels (even label values)", labels, integer(random, 2, 6));
  }
  return cases;
}

function meanSdCases(): { values: number[]; expected: MeanSd }[] {
  const random = seededRandom("06/mean-sd");
  const lists = [[2, 4, 4, 4, 5, 5, 7, 9], [0.97], [1, 1, 1], [0.9, 0.95]];
  for (let t = 0; t < 5; t++) {
    lists.push(
      Array.from({ length: integer(random, 2, 12) }, () => r4(0.9 + 0.03 * normal(random))),
    );
  }
  return lists.map((values) => ({ values, expected: meanAndSd(values) }));
}

function pairedCases(): { a: number[]; b: number[]; expected: MeanSd }[] {
  const random = seededRandom("06/paired");
  const cases = [{ a: [0.95, 0.97, 0.93], b: [0.94, 0.95, 0.92] }];
  for (let t = 0; t < 5; t++) {
    const n = integer(random, 2, 10);
    const shared = Array.from({ length: n }, () => 0.9 + 0.03 * normal(random));
    cases.push({
      a: shared.map((s) => r4(s + 0.005 + 0.003 * normal(random))),
      b: shared.map((s) => r4(s + 0.003 * normal(random))),
    });
  }
  return cases.map(({ a, b }) => ({ a, b, expected: pairedDifference(a, b) }));
}

function crossValidateCases(): CrossValidateCase[] {
  const random = seededRandom("06/cross-validate");
  const plans: { note: string; n: number; k: number; diverge?: number }[] = [
    { note: "five folds", n: 23, k: 5 },
    { note: "two folds", n: 10, k: 2 },
    { note: "ten folds", n: 47, k: 10 },
    { note: "one fold diverged", n: 12, k: 4, diverge: 2 },
  ];
  return plans.map(({ note, n, k, diverge }) => {
    const folds = kFold(n, k);
    const table = folds.map((f, i) => ({
      first: f.validation[0],
      score: i === diverge ? NaN : r4(0.8 + 0.15 * random()),
      loss: i === diverge ? NaN : r4(0.1 + 0.5 * random()),
    }));
    const byFirst = new Map(table.map((row) => [row.first, row]));
    const cv: CrossValidation = crossValidate("config", folds, (_config, fold) => {
      const row = byFirst.get(fold.validation[0])!;
      return { score: row.score, loss: row.loss };
    });
    return {
      note,
      n,
      k,
      folds: folds.map((f) => ({ train: [...f.train], validation: [...f.validation] })),
      table: table.map((row) => ({
        first: row.first,
        score: jsonNumber(row.score),
        loss: jsonNumber(row.loss),
      })),
      expected: {
        score: jsonNumber(cv.score),
        loss: jsonNumber(cv.loss),
        scoreSd: jsonNumber(cv.scoreSd),
      },
    };
  });
}

/** Lesson 06's fold and cross-validation cases. */
export const folds: LessonContent = {
  cases: () => ({
    kFold: kFoldCases(),
    stratifiedKFold: stratifiedCases(),
    meanAndSd: meanSdCases(),
    pairedDifference: pairedCases(),
    crossValidate: crossValidateCases(),
  }),
};

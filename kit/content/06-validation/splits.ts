/**
 * Lesson 06, stratified splits (`solutions/06-validation/split.ts`): graded cases, and the class
 * counts of digits validation sets drawn with and without stratification.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { markdownTable } from "../format.ts";
import { integer, seededRandom, shuffle } from "../../lib/random.ts";
import {
  largestRemainder,
  type Split,
  type SplitFractions,
  stratifiedSplit,
} from "../../../solutions/06-validation/split.ts";
import { streamSeed } from "../../../solutions/06-validation/streams.ts";
import { dataset } from "./shared.ts";

// Graded cases

interface RemainderCase {
  total: number;
  counts: number[];
  expected: number[];
}

interface SplitCase {
  note: string;
  labels: number[];
  fractions: SplitFractions;
  seed: number | string;
  expected: Split;
}

function remainderCases(): RemainderCase[] {
  const random = seededRandom("06/largest-remainder");
  const inputs: [number, number[]][] = [
    [10, [50, 30, 20]],
    [4, [1, 1, 1]],
    [30, [50, 50, 50]],
    [7, [5, 5, 5, 5]],
    [0, [3, 4]],
    [5, [2, 9, 0, 4]],
  ];
  for (let k = 0; k < 8; k++) {
    const counts = Array.from({ length: integer(random, 2, 7) }, () => integer(random, 1, 60));
    const sum = counts.reduce((a, b) => a + b, 0);
    inputs.push([integer(random, 1, sum - 1), counts]);
  }
  return inputs.map(([total, counts]) => ({
    total,
    counts,
    expected: largestRemainder(total, counts),
  }));
}

function splitCases(): SplitCase[] {
  const random = seededRandom("06/stratified-split");
  const cases: SplitCase[] = [];
  const add = (note: string, labels: number[], fractions: SplitFractions, seed: number | string) =>
    cases.push({
      note,
      labels,
      fractions,
      seed,
      expected: stratifiedSplit(labels, fractions, seed),
    });
  add("ten rows, two classes", [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], { validation: 0.2, test: 0.2 }, 1);
  add("iris, 60/20/20", Array.from(dataset("iris").labels), { validation: 0.2, test: 0.2 }, 1);
  add("labels not sorted, not contiguous", [7, 3, 3, 7, 7, 3, 9, 9, 3, 7, 9, 3], {
    validation: 0.25,
    test: 0.25,
  }, "a string seed");
  add("no test part", [1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1], { validation: 0.3, test: 0 }, 3);
  for (let k = 0; k < 5; k++) {
    const classes = integer(random, 2, 5);
    // Unequal class sizes, rows in a random order: quotas with fractional parts to allocate.
    const labels = shuffle(
      Array.from({ length: classes }, (_, c) => Array(integer(random, 6, 30)).fill(c)).flat(),
      random,
    );
    const validation = [0.1, 0.15, 0.2, 0.25, 0.3][integer(random, 0, 4)];
    const test = [0.1, 0.2, 0.25][integer(random, 0, 2)];
    add("seeded random labels", labels, { validation, test }, integer(random, 0, 1000));
  }
  return cases;
}

// The experiment: class counts of validation sets with and without stratification

const SPLIT_SEEDS = 20;

/** Per-class counts of digits' validation part over 20 split seeds, both ways. */
function classCounts() {
  const digits = dataset("digits");
  const n = digits.rows, fractions = { validation: 0.2, test: 0.2 };
  const nValidation = Math.round(fractions.validation * n);
  const counts = (rows: number[]) => {
    const c = new Array<number>(digits.classCount).fill(0);
    for (const r of rows) c[digits.labels[r]]++;
    return c;
  };
  const plain: number[][] = [], stratified: number[][] = [];
  for (let seed = 0; seed < SPLIT_SEEDS; seed++) {
    const splitSeed = streamSeed(seed, "split");
    // Unstratified: one shuffle of all rows, the validation part cut from it.
    const order = shuffle(Array.from({ length: n }, (_, i) => i), seededRandom(splitSeed));
    plain.push(counts(order.slice(0, nValidation)));
    stratified.push(counts(stratifiedSplit(digits.labels, fractions, splitSeed).validation));
  }
  const classSizes = counts(Array.from({ length: n }, (_, i) => i));
  const shares = classSizes.map((size) => (nValidation * size) / n);
  return { plain, stratified, shares, nValidation };
}

function classCountTable(): string {
  const { plain, stratified, shares, nValidation } = classCounts();
  const describe = (runs: number[][]) => {
    const all = runs.flat();
    const deviation = Math.max(...runs.flatMap((c) => c.map((v, k) => Math.abs(v - shares[k]))));
    return [`${Math.min(...all)}–${Math.max(...all)}`, deviation.toFixed(1)];
  };
  return markdownTable(
    [
      "validation split",
      "rows per class (all classes, 20 seeds)",
      "largest gap to the class's share",
    ],
    [
      ["one shuffle of all rows", ...describe(plain)],
      ["stratified (`stratifiedSplit`)", ...describe(stratified)],
    ],
  ) + `\n\nShares: ${nValidation} validation rows × class size / ${dataset("digits").rows} rows ` +
    `= ${Math.min(...shares).toFixed(1)}–${Math.max(...shares).toFixed(1)} rows per class.`;
}

/** Lesson 06's split cases and class-count table. */
export const splits: LessonContent = {
  cases: () => ({ largestRemainder: remainderCases(), stratifiedSplit: splitCases() }),
  blocks: { "class-counts": classCountTable },
};

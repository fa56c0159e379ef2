/**
 * Lesson 07's numbers on quasi-random search that train nothing: the centred L2 discrepancy of
 * grid, random and Halton points in two dimensions, and the large-prime-base pitfall of an
 * unscrambled Halton sequence (base 991), with what shifting and digit scrambling do to it.
 *
 * @module
 */

import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import { seededRandom } from "../../lib/random.ts";
import {
  firstPrimes,
  haltonScrambling,
  radicalInverse,
  scrambledRadicalInverse,
} from "../../../solutions/07-grid-and-random-search/quasi_random.ts";

type Point = readonly number[];

/**
 * The centred L2 discrepancy of points in [0, 1)^d (Hickernell 1998): the root of
 * (13/12)^d − (2/n) Σᵢ Πₖ (1 + ½|xᵢₖ − ½| − ½|xᵢₖ − ½|²)
 * + (1/n²) Σᵢ Σⱼ Πₖ (1 + ½|xᵢₖ − ½| + ½|xⱼₖ − ½| − ½|xᵢₖ − xⱼₖ|). Lower is more even.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { centredDiscrepancy } from "./quasi.ts";
 * const even = [[0.25], [0.75]], clumped = [[0.1], [0.15]];
 * assert.ok(centredDiscrepancy(even) < centredDiscrepancy(clumped));
 * ```
 */
export function centredDiscrepancy(points: readonly Point[]): number {
  const n = points.length, d = points[0].length;
  let single = 0, pairs = 0;
  for (const x of points) {
    let product = 1;
    for (let k = 0; k < d; k++) {
      const a = Math.abs(x[k] - 0.5);
      product *= 1 + a / 2 - a * a / 2;
    }
    single += product;
    for (const y of points) {
      let pair = 1;
      for (let k = 0; k < d; k++) {
        pair *= 1 + Math.abs(x[k] - 0.5) / 2 + Math.abs(y[k] - 0.5) / 2 - Math.abs(x[k] - y[k]) / 2;
      }
      pairs += pair;
    }
  }
  return Math.sqrt((13 / 12) ** d - (2 / n) * single + pairs / (n * n));
}

/** Point i (from 0) of the kit's scrambled, shifted Halton sequence in `d` dimensions. */
function haltonPoints(n: number, d: number, seed: number | string): Point[] {
  const scrambling = haltonScrambling(d, seed);
  return Array.from({ length: n }, (_, i) =>
    scrambling.map(({ base, permutation, shift }) => {
      const u = scrambledRadicalInverse(i, base, permutation) + shift;
      return u >= 1 ? u - 1 : u;
    }));
}

/** The plain Halton sequence (no scrambling, no shift), from index 0. */
function plainHalton(n: number, d: number): Point[] {
  const bases = firstPrimes(d);
  return Array.from({ length: n }, (_, i) => bases.map((b) => radicalInverse(i, b)));
}

function randomPoints(n: number, d: number, seed: number): Point[] {
  const random = seededRandom(`07/quasi/random/${seed}`);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => random()));
}

/** A √n × √n grid at the centres of its cells. */
function gridPoints2d(n: number): Point[] {
  const side = Math.round(Math.sqrt(n));
  const points: Point[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) points.push([(i + 0.5) / side, (j + 0.5) / side]);
  }
  return points;
}

const DISCREPANCY_SIZES = [9, 16, 64, 256];
const DISCREPANCY_SEEDS = 50;

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const g = (v: number) => formatNumber(v, { digits: 3 });

let cachedDiscrepancy: Record<string, number[]> | undefined;
function discrepancies(): Record<string, number[]> {
  return cachedDiscrepancy ??= {
    grid: DISCREPANCY_SIZES.map((n) => centredDiscrepancy(gridPoints2d(n))),
    random: DISCREPANCY_SIZES.map((n) =>
      mean(
        Array.from(
          { length: DISCREPANCY_SEEDS },
          (_, s) => centredDiscrepancy(randomPoints(n, 2, s)),
        ),
      )
    ),
    plain: DISCREPANCY_SIZES.map((n) => centredDiscrepancy(plainHalton(n, 2))),
    halton: DISCREPANCY_SIZES.map((n) =>
      mean(
        Array.from(
          { length: DISCREPANCY_SEEDS },
          (_, s) => centredDiscrepancy(haltonPoints(n, 2, s)),
        ),
      )
    ),
  };
}

function discrepancyTable(): string {
  const d = discrepancies();
  return markdownTable(
    ["2-D points", ...DISCREPANCY_SIZES.map((n) => `n = ${n}`)],
    [
      ["√n × √n grid (cell centres)", ...d.grid.map(g)],
      [`random, mean of ${DISCREPANCY_SEEDS} seeds`, ...d.random.map(g)],
      ["Halton, bases 2 and 3, plain", ...d.plain.map(g)],
      [`Halton, scrambled and shifted, mean of ${DISCREPANCY_SEEDS} seeds`, ...d.halton.map(g)],
    ],
  );
}

// -------------------------------------------------------------------------------------------
// The large-prime pitfall: dimension 167, base 991
// -------------------------------------------------------------------------------------------

const PITFALL_POINTS = 25;
const PITFALL_SEEDS = 100;
/** 991 is the 167th prime: the base of a Halton sequence's 167th dimension. */
const PITFALL_DIMENSIONS = 167;

/** How much of [0, 1) the values cover: the shortest arc (wrapping at 1) holding them all. */
function arcSpan(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let widestGap = 1 - sorted[sorted.length - 1] + sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    widestGap = Math.max(widestGap, sorted[i] - sorted[i - 1]);
  }
  return 1 - widestGap;
}

/** How many of `bins` equal bins of [0, 1) hold at least one value. */
function binsHit(values: readonly number[], bins: number): number {
  return new Set(values.map((v) => Math.floor(v * bins))).size;
}

let cachedPitfall: { name: string; values: number[][] }[] | undefined;
function pitfall() {
  if (cachedPitfall) return cachedPitfall;
  const base = firstPrimes(PITFALL_DIMENSIONS)[PITFALL_DIMENSIONS - 1];
  const indices = Array.from({ length: PITFALL_POINTS }, (_, i) => i);
  const seeds = Array.from({ length: PITFALL_SEEDS }, (_, s) => s);
  const scrambled = seeds.map((s) =>
    haltonScrambling(PITFALL_DIMENSIONS, s)[PITFALL_DIMENSIONS - 1]
  );
  const wrap = (u: number) => (u >= 1 ? u - 1 : u);
  return cachedPitfall = [
    { name: "plain Halton", values: [indices.map((i) => radicalInverse(i, base))] },
    {
      name: `shifted only, ${PITFALL_SEEDS} seeds`,
      values: scrambled.map(({ shift }) =>
        indices.map((i) => wrap(radicalInverse(i, base) + shift))
      ),
    },
    {
      name: `scrambled and shifted (the kit's), ${PITFALL_SEEDS} seeds`,
      values: scrambled.map(({ permutation, shift }) =>
        indices.map((i) => wrap(scrambledRadicalInverse(i, base, permutation) + shift))
      ),
    },
    {
      name: `random, ${PITFALL_SEEDS} seeds`,
      values: seeds.map((s) => randomPoints(PITFALL_POINTS, 1, s).map((p) => p[0])),
    },
  ];
}

function pitfallTable(): string {
  const rows = pitfall().map(({ name, values }) => [
    name,
    formatPercent(mean(values.map(arcSpan))),
    formatNumber(mean(values.map((v) => binsHit(v, PITFALL_POINTS))), { digits: 3 }),
  ]);
  return markdownTable(
    [
      `first ${PITFALL_POINTS} points, base ${
        firstPrimes(PITFALL_DIMENSIONS)[PITFALL_DIMENSIONS - 1]
      }`,
      "share of the range they span (shortest arc, mean)",
      `bins of ${PITFALL_POINTS} equal bins hit (mean)`,
    ],
    rows,
  );
}

/** The README regions of this module. */
export const quasiBlocks: Record<string, () => string> = {
  "discrepancy-table": discrepancyTable,
  "halton-pitfall-table": pitfallTable,
};

/** Numbers of the README's prose from this module. */
export const quasiValues: Record<string, () => string> = {
  "pitfall-base": () => String(firstPrimes(PITFALL_DIMENSIONS)[PITFALL_DIMENSIONS - 1]),
  "pitfall-dimension": () => String(PITFALL_DIMENSIONS),
  "pitfall-points": () => String(PITFALL_POINTS),
  "pitfall-plain-span": () => formatPercent(arcSpan(pitfall()[0].values[0])),
  "discrepancy-ratio-256": () => {
    const d = discrepancies();
    const last = DISCREPANCY_SIZES.length - 1;
    return formatNumber(d.random[last] / d.halton[last], { digits: 2 });
  },
};

/**
 * Seeded synthetic classification data: two moons and spirals, in the {@link Dataset} shape of
 * `csv.ts`. The same seed always gives the same points.
 *
 * @module
 */

import type { Dataset } from "./csv.ts";
import { normal, seededRandom, shuffle } from "./random.ts";

/** Options of {@link twoMoons}. */
export interface MoonsOptions {
  /** Number of points, split as evenly as possible between the two moons. */
  n: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number | string;
}

/** Builds a dataset from points listed class by class, then shuffles the rows with `random`. */
function assemble(points: [number, number, number][], classCount: number, seed: number | string) {
  shuffle(points, seededRandom(`${seed}/order`));
  const features = new Float64Array(points.length * 2);
  const labels = new Int32Array(points.length);
  points.forEach(([x, y, label], i) => {
    features[2 * i] = x;
    features[2 * i + 1] = y;
    labels[i] = label;
  });
  const data: Dataset = {
    columns: ["x", "y"],
    rows: points.length,
    cols: 2,
    features,
    labels,
    classCount,
  };
  return data;
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: class 0 on
 * `(cos t, sin t)`, class 1 on `(1 − cos t, 0.5 − sin t)`, `t` evenly spaced in [0, π], plus
 * Gaussian noise; rows in a seeded random order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { twoMoons } from "./synthetic.ts";
 * const moons = twoMoons({ n: 100, noise: 0.1, seed: 1 });
 * assert.deepEqual([moons.rows, moons.cols, moons.classCount], [100, 2, 2]);
 * ```
 */
export function twoMoons(options: MoonsOptions): Dataset {
  const { n, noise = 0.1, seed = 0 } = options;
  const random = seededRandom(seed);
  const outer = Math.ceil(n / 2), inner = n - outer;
  const points: [number, number, number][] = [];
  for (let i = 0; i < outer; i++) {
    const t = outer > 1 ? (Math.PI * i) / (outer - 1) : 0;
    points.push([Math.cos(t) + noise * normal(random), Math.sin(t) + noise * normal(random), 0]);
  }
  for (let i = 0; i < inner; i++) {
    const t = inner > 1 ? (Math.PI * i) / (inner - 1) : 0;
    points.push([
      1 - Math.cos(t) + noise * normal(random),
      0.5 - Math.sin(t) + noise * normal(random),
      1,
    ]);
  }
  return assemble(points, 2, seed);
}

/** Options of {@link spirals}. */
export interface SpiralsOptions {
  /** Points per arm. */
  perClass: number;
  /** Number of arms, one class each (default 3). */
  classes?: number;
  /** Standard deviation of the noise added to the angle, in radians (default 0.2). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number | string;
}

/**
 * Interleaved spiral arms, one per class (the classic example of CS231n): point `i` of arm `c`
 * sits at radius `r = i / (perClass − 1)` and angle `4c + 4r + noise·N(0, 1)`. No straight line
 * separates them, so it takes a hidden layer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spirals } from "./synthetic.ts";
 * const s = spirals({ perClass: 50, classes: 3, seed: 2 });
 * assert.deepEqual([s.rows, s.classCount], [150, 3]);
 * ```
 */
export function spirals(options: SpiralsOptions): Dataset {
  const { perClass, classes = 3, noise = 0.2, seed = 0 } = options;
  const random = seededRandom(seed);
  const points: [number, number, number][] = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const r = perClass > 1 ? i / (perClass - 1) : 0;
      const angle = 4 * c + 4 * r + noise * normal(random);
      points.push([r * Math.sin(angle), r * Math.cos(angle), c]);
    }
  }
  return assemble(points, classes, seed);
}

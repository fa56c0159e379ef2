/**
 * Lesson 06, preprocessing fitted on training rows (`solutions/06-validation/scaler.ts`): graded
 * cases for the scaler.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, normal, seededRandom } from "../../lib/random.ts";
import { applyScaler, fitScaler } from "../../../solutions/06-validation/scaler.ts";

interface ScalerCase {
  note: string;
  cols: number;
  features: number[];
  rows: number[];
  mean: number[];
  scale: number[];
  transformed: number[];
}

function scalerCases(): ScalerCase[] {
  const random = seededRandom("06/scaler");
  const inputs: [string, number, number[], number[]][] = [
    ["the lesson's example", 2, [1, 5, 3, 5, 100, 7], [0, 1]],
  ];
  for (let t = 0; t < 5; t++) {
    const cols = integer(random, 1, 5), n = integer(random, 4, 12);
    const features = Array.from({ length: n * cols }, (_, i) =>
      // Column 0 of the third case is constant on every row: scale 1.
      t === 2 && i % cols === 0
        ? 3.5
        : Math.round(1000 * (5 * normal(random) + (i % cols))) / 1000);
    const rows = Array.from({ length: n }, (_, i) => i).filter(() => random() < 0.6);
    inputs.push([
      "seeded random rows, fitted on a subset",
      cols,
      features,
      rows.length ? rows : [0],
    ]);
  }
  return inputs.map(([note, cols, features, rows]) => {
    const x = Float64Array.from(features);
    const scaler = fitScaler(x, cols, rows);
    return {
      note,
      cols,
      features,
      rows,
      mean: Array.from(scaler.mean),
      scale: Array.from(scaler.scale),
      transformed: Array.from(applyScaler(scaler, x)),
    };
  });
}

/** Lesson 06's scaler cases. */
export const scaling: LessonContent = { cases: () => ({ scaler: scalerCases() }) };

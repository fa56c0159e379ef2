/**
 * Lesson 05, the dense layer (`solutions/05-mlp-from-scratch/dense.ts`): forward and backward
 * cases on seeded random shapes.
 *
 * @module
 */

import type { Json, LessonContent } from "../types.ts";
import { seededRandom } from "../../lib/random.ts";
import { draw, list } from "./shared.ts";
import { denseBackward, denseForward } from "../../../solutions/05-mlp-from-scratch/dense.ts";

function denseCases() {
  const random = seededRandom("05/dense");
  const shapes = [[1, 2, 3], [2, 3, 2], [3, 4, 5], [4, 5, 3], [5, 2, 7], [8, 6, 4], [7, 9, 10]];
  const cases: Json[] = [];
  for (const [batch, inSize, outSize] of shapes) {
    const x = draw(random, batch * inSize);
    const w = draw(random, inSize * outSize);
    const b = draw(random, outSize);
    const dy = draw(random, batch * outSize);
    const dw = new Float64Array(inSize * outSize), db = new Float64Array(outSize);
    const dx = new Float64Array(batch * inSize);
    denseBackward(x, w, dy, batch, inSize, outSize, dw, db, dx);
    cases.push({
      batch,
      inSize,
      outSize,
      x: list(x),
      w: list(w),
      b: list(b),
      y: list(denseForward(x, w, b, batch, inSize, outSize)),
      dy: list(dy),
      dw: list(dw),
      db: list(db),
      dx: list(dx),
    });
  }
  return cases;
}

/** The dense layer's cases. */
export const dense: LessonContent = { cases: () => ({ dense: denseCases() }) };

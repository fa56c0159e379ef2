/**
 * Lesson 05, softmax and cross-entropy (`solutions/05-mlp-from-scratch/softmax.ts`): the
 * lesson's examples, seeded random batches and logits big enough to overflow a naive softmax.
 *
 * @module
 */

import type { Json, LessonContent } from "../types.ts";
import { integer, seededRandom } from "../../lib/random.ts";
import { draw, list } from "./shared.ts";
import { softmax, softmaxCrossEntropy } from "../../../solutions/05-mlp-from-scratch/softmax.ts";

function softmaxCases() {
  const random = seededRandom("05/softmax");
  const cases: Json[] = [];
  const add = (
    logits: Float64Array,
    labels: number[],
    batch: number,
    classes: number,
    note: string,
  ) => {
    const grad = new Float64Array(batch * classes);
    const loss = softmaxCrossEntropy(logits, labels, batch, classes, grad);
    cases.push({
      note,
      batch,
      classes,
      logits: list(logits),
      labels,
      probs: list(softmax(logits, batch, classes)),
      loss,
      grad: list(grad),
    });
  };
  add(new Float64Array([0, 0]), [1], 1, 2, "the lesson's example");
  add(new Float64Array([2, 1, 0.1]), [0], 1, 3, "one row");
  for (const [batch, classes] of [[2, 3], [4, 2], [3, 5], [6, 4], [5, 10]]) {
    const labels = Array.from({ length: batch }, () => integer(random, 0, classes - 1));
    add(draw(random, batch * classes, 3), labels, batch, classes, "seeded random batch");
  }
  const big = Float64Array.from(draw(random, 12, 3), (v, i) => v + (i % 2 ? 1000 : -1000));
  add(big, [1, 0, 3], 3, 4, "big logits: e^1000 overflows unless the row max is subtracted");
  add(new Float64Array([800, 805, 799, 1200, 1201, 1190]), [2, 1], 2, 3, "big logits");
  return cases;
}

/** Softmax cross-entropy's cases. */
export const softmaxTopic: LessonContent = { cases: () => ({ softmax: softmaxCases() }) };

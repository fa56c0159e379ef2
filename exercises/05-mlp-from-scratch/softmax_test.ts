import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/testkit/graded.ts";
import { expectEach, expectEachNumbers } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { softmax, softmaxCrossEntropy } from "./softmax.ts";

// Closed forms built from exp and log: 1e-12 relative, plus a tiny absolute tolerance for
// probabilities that underflow towards 0.
const TOL = { rel: 1e-12, abs: 1e-300 };
const ordinary = cases.softmax.filter((c) => !c.note.startsWith("big"));
const big = cases.softmax.filter((c) => c.note.startsWith("big"));
const show = (c: { logits: number[]; labels: number[]; batch: number; classes: number }) =>
  `logits [${c.logits.join(", ")}], labels [${
    c.labels.join(", ")
  }], batch ${c.batch}, classes ${c.classes}`;

graded({
  name: "softmax: rows of probabilities",
  points: 2,
  hint: "For each row: e^(z_j − max) / Σ_c e^(z_c − max). Each row sums to 1. " +
    "Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  expectEachNumbers(ordinary, {
    input: (c) => `softmax(${show(c)})`,
    actual: (c) => softmax(Float64Array.from(c.logits), c.batch, c.classes),
    expected: (c) => c.probs,
    ...TOL,
  });
});

graded({
  name: "softmaxCrossEntropy: the mean loss over the batch",
  points: 3,
  hint: "loss = (1/B)·Σ_i (log Σ_c e^(z_ic − m_i) + m_i − z_i,y_i): the mean over the batch, not " +
    "the sum. Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  expectEach(ordinary, {
    input: (c) => `softmaxCrossEntropy(${show(c)})`,
    actual: (c) => softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes),
    expected: (c) => c.loss,
    ...TOL,
  });
});

graded({
  name: "softmaxCrossEntropy: the gradient (softmax − onehot) / B",
  points: 3,
  hint: "∂loss/∂z_ij = (p_ij − [j = y_i]) / B, with B the batch size because the loss is a mean. " +
    "Write it into grad. Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  expectEachNumbers(ordinary, {
    input: (c) => `softmaxCrossEntropy(${show(c)}, grad) → grad`,
    actual: (c) => {
      const grad = new Float64Array(c.batch * c.classes);
      softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes, grad);
      return grad;
    },
    expected: (c) => c.grad,
    ...TOL,
  });
});

graded({
  name: "softmaxCrossEntropy: big logits (±1000) neither overflow nor underflow",
  points: 2,
  hint: "e^1000 is Infinity in float64. Subtract each row's maximum before exponentiating, and " +
    "compute the loss as log Σ e^(z − m) + m − z_y instead of −log(softmax). " +
    "Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  for (const c of big) {
    const grad = new Float64Array(c.batch * c.classes);
    expectNumbers({
      input: `softmax(${show(c)})`,
      actual: () => softmax(Float64Array.from(c.logits), c.batch, c.classes),
      expected: c.probs,
      ...TOL,
    });
    expectNumber({
      input: `softmaxCrossEntropy(${show(c)}, grad)`,
      actual: () =>
        softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes, grad),
      expected: c.loss,
      ...TOL,
    });
    expectNumbers({
      input: `softmaxCrossEntropy(${show(c)}, grad) → grad`,
      actual: () => grad,
      expected: c.grad,
      ...TOL,
    });
  }
});

graded({
  name: "softmaxCrossEntropy: refuses labels that are not classes; softmax leaves logits alone",
  points: 1,
  hint:
    "A label must be an integer in [0, C): check it, or logits[row + y] reads another row or undefined and the loss turns NaN. softmax without `out` allocates a new array. Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  // Refusing bad labels and leaving logits alone earn points only with right answers.
  // The last ordinary case is seeded random: the grade of record holds it out.
  const c = ordinary[ordinary.length - 1];
  expectNumber({
    input: `softmaxCrossEntropy(${show(c)})`,
    actual: () => softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes),
    expected: c.loss,
    ...TOL,
  });
  expectNumbers({
    input: `softmax(${show(c)})`,
    actual: () => softmax(Float64Array.from(c.logits), c.batch, c.classes),
    expected: c.probs,
    ...TOL,
  });
  const logits = new Float64Array([0.5, -1, 2, 0, 1, 3]); // 2 rows × 3 classes
  for (const labels of [[0, 3], [-1, 0], [0.5, 1], [NaN, 1]]) {
    expectThrows({
      input: `softmaxCrossEntropy([0.5, -1, 2, 0, 1, 3], [${labels}], 2, 3)`,
      actual: () => softmaxCrossEntropy(logits, labels, 2, 3),
    });
  }
  expectEqual({
    input: "logits after softmax(logits = [0.5, -1, 2, 0, 1, 3], 2, 3)",
    actual: () => {
      const x = new Float64Array([0.5, -1, 2, 0, 1, 3]);
      softmax(x, 2, 3);
      return Array.from(x);
    },
    expected: [0.5, -1, 2, 0, 1, 3],
  });
});
